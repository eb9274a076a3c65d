//! The errors of the data store calls that can fail in ways of their own: a failed
//! precondition carrying the current value, a checksum mismatch, an ordered value out of
//! bounds. Everything else is an [`oc_core::Error`].

use oc_core::ApiError;

use crate::standard::EntryInfo;

/// The error of data store reads and writes.
///
/// It converts into [`oc_core::Error`] (with `?`), keeping the service's answer.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A precondition failed: an exclusive create of a key that exists, a version that
    /// does not match, or for ordered data stores a create of an existing entry or an
    /// update of a missing one. For standard data stores it carries the current value and
    /// its [`EntryInfo`], so a compare-and-set loop can try again from there.
    #[error("precondition failed: {}", .0.api.message().unwrap_or("the entry is not in the expected state"))]
    PreconditionFailed(Box<PreconditionFailed>),

    /// The `content-md5` the service sent does not match the value it sent: the value is
    /// not returned.
    #[error("content-md5 mismatch: the service sent {expected:?}, the value hashes to {actual:?}")]
    ChecksumMismatch {
        /// The checksum in the `content-md5` header.
        expected: String,
        /// The checksum of the body received.
        actual: String,
    },

    /// An ordered data store increment would take the value out of its valid range.
    #[error("the entry value would go out of bounds: {0}")]
    OutOfBounds(Box<ApiError>),

    /// Any other failure.
    #[error(transparent)]
    Core(#[from] oc_core::Error),
}

/// What a failed precondition tells.
#[derive(Debug)]
#[non_exhaustive]
pub struct PreconditionFailed {
    /// The entry's current value and its metadata, when the service sent them (standard
    /// data stores, when the entry exists).
    pub current: Option<(serde_json::Value, EntryInfo)>,
    /// The service's answer.
    pub api: ApiError,
}

impl Error {
    /// `true` when the service may have carried out the request (see
    /// [`oc_core::Error::may_have_been_applied`]).
    pub fn may_have_been_applied(&self) -> bool {
        match self {
            Error::Core(core) => core.may_have_been_applied(),
            Error::ChecksumMismatch { .. } => true,
            Error::PreconditionFailed(_) | Error::OutOfBounds(_) => false,
        }
    }

    /// `true` for a 404.
    pub fn is_not_found(&self) -> bool {
        matches!(self, Error::Core(core) if core.is_not_found())
    }

    /// The precondition failure, if this is one.
    pub fn precondition_failed(&self) -> Option<&PreconditionFailed> {
        match self {
            Error::PreconditionFailed(failed) => Some(failed),
            _ => None,
        }
    }

    /// The common error inside, if this is not one of the data store variants.
    pub fn core(&self) -> Option<&oc_core::Error> {
        match self {
            Error::Core(core) => Some(core),
            _ => None,
        }
    }
}

impl From<oc_core::InvalidInput> for Error {
    fn from(invalid: oc_core::InvalidInput) -> Self {
        Error::Core(invalid.into())
    }
}

impl From<Error> for oc_core::Error {
    fn from(error: Error) -> Self {
        match error {
            Error::Core(core) => core,
            Error::PreconditionFailed(failed) => {
                oc_core::Error::PreconditionFailed(Box::new(failed.api))
            }
            Error::ChecksumMismatch { expected, actual } => oc_core::Error::decode(
                format!("content-md5 mismatch: header {expected:?}, body {actual:?}"),
                None,
            ),
            Error::OutOfBounds(api) => oc_core::Error::Conflict(api),
        }
    }
}
