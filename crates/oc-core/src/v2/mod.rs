//! What every Open Cloud v2 API shares
//! (<https://create.roblox.com/docs/cloud/reference/patterns>): the error codes of its
//! bodies, update masks built from the fields a caller set, long-running operations and the
//! polling they need, durations such as `"86400s"`, and resource ids given as numbers or
//! strings.
//!
//! Lists use the one pager ([`crate::Paging::query_v2`]: `maxPageSize`, `pageToken`,
//! `nextPageToken`).

pub mod duration;
pub mod ids;
pub mod operation;
pub mod poll;
pub mod rpc_code;
pub mod timestamp;
pub mod update_mask;
mod wire_enum;

pub use operation::{FetchOperation, Operation, OperationFailed, OperationOutput};
pub use poll::{poll_until, PollConfig};
pub use rpc_code::RpcCode;
pub use update_mask::Patch;

/// The prefix of every v2 path (<https://create.roblox.com/docs/cloud/reference/patterns>).
pub const PREFIX: &str = "/cloud/v2";
