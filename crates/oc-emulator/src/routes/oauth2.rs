//! The OAuth 2.0 / OpenID Connect provider (wire spec 7).

use super::Route;

/// The OAuth 2.0 routes.
pub(super) const ROUTES: &[Route] = &[];
