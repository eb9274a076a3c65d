//! The failures particular to memory stores, reached with
//! [`Error::detail`](oc_core::Error::detail).

/// A create found the key taken: the service answers 409 `ALREADY_EXISTS` (its body may
/// name the code under `code` or `error`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the sorted map already holds the key {key:?}")]
#[non_exhaustive]
pub struct ItemAlreadyExists {
    /// The key.
    pub key: String,
}

/// A conditional delete found the item changed: its etag is no longer the one sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the sorted-map item {key:?} no longer has the etag {etag:?}")]
#[non_exhaustive]
pub struct EtagMismatch {
    /// The key.
    pub key: String,
    /// The etag the delete was conditional on.
    pub etag: String,
}
