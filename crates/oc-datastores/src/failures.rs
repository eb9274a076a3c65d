//! The failures particular to data stores, each a typed detail inside
//! [`oc_core::Error::Area`], reached with [`oc_core::Error::detail`]: a failed
//! precondition carrying the current value, a checksum mismatch, an ordered value out of
//! bounds. The service's answer stays in the error ([`oc_core::Error::api_error`]).

use oc_core::{ApiError, AreaError};

use crate::standard::EntryInfo;

/// The API area data store failures are reported under.
pub(crate) const AREA: &str = "datastores";

/// A precondition failed: an exclusive create of a key that exists, a version that does
/// not match, or for ordered data stores a create of an existing entry or an update of a
/// missing one. Never applied.
///
/// For standard data stores it carries the current value and its [`EntryInfo`] (the
/// service sends them with the 412 when the entry exists), so a compare-and-set loop can
/// go again from there: see the crate documentation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("precondition failed: the entry is not in the expected state")]
#[non_exhaustive]
pub struct PreconditionFailed {
    /// The entry's current value and its metadata, when the service sent them (standard
    /// data stores, when the entry exists).
    pub current: Option<(serde_json::Value, EntryInfo)>,
}

/// The `content-md5` the service sent does not match the value it sent, so the value is
/// not returned. After an increment the increment may have been applied
/// ([`oc_core::Error::may_have_been_applied`] says so); after a read nothing was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("content-md5 mismatch: the service sent {expected:?}, the value hashes to {actual:?}")]
#[non_exhaustive]
pub struct ChecksumMismatch {
    /// The checksum in the `content-md5` header.
    pub expected: String,
    /// The checksum of the body received.
    pub actual: String,
}

/// An ordered data store increment would take the value out of its valid range; the
/// value is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("incrementing by {amount} would take the entry value out of bounds")]
#[non_exhaustive]
pub struct OutOfBounds {
    /// The amount of the refused increment.
    pub amount: i64,
}

/// A precondition failure built from the service's answer.
pub(crate) fn precondition_failed(
    current: Option<(serde_json::Value, EntryInfo)>,
    api: ApiError,
) -> oc_core::Error {
    AreaError::new(AREA, PreconditionFailed { current })
        .with_api(api)
        .applied(false)
        .into()
}
