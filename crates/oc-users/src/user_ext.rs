//! The users methods on a [`User`] handle.

use oc_core::User;

use crate::profile::GetUser;
use crate::quotas::{self, ListAssetQuotas};
use crate::thumbnail::{GenerateThumbnail, ThumbnailOperation};

/// Users methods on a [`User`]: `client.user(id).profile().await?`.
pub trait UserProfileExt {
    /// Gets the user's profile (the verification status and social profiles too when the
    /// credential holds `user.advanced:read` and `user.social:read`).
    fn profile(&self) -> GetUser<'_>;

    /// Generates the user's avatar thumbnail: an operation, usually done at once; set the
    /// size, format and shape on the builder.
    fn thumbnail(&self) -> GenerateThumbnail<'_>;

    /// A handle on the thumbnail operation `operation_id` of an earlier
    /// [`thumbnail`](UserProfileExt::thumbnail) call (the last segment of its path).
    fn thumbnail_operation(&self, operation_id: &str) -> ThumbnailOperation;

    /// Lists the user's asset quotas (needs `asset:read`): a `Stream`.
    fn asset_quotas(&self) -> ListAssetQuotas;
}

impl UserProfileExt for User {
    fn profile(&self) -> GetUser<'_> {
        GetUser { user: self }
    }

    fn thumbnail(&self) -> GenerateThumbnail<'_> {
        GenerateThumbnail {
            user: self,
            size: None,
            format: None,
            shape: None,
        }
    }

    fn thumbnail_operation(&self, operation_id: &str) -> ThumbnailOperation {
        ThumbnailOperation::resume(
            self.client().clone(),
            format!("users/{}/operations/{operation_id}", self.id()),
        )
    }

    fn asset_quotas(&self) -> ListAssetQuotas {
        quotas::list(self)
    }
}
