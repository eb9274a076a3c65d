//! Assets v1 and place publishing (wire spec 5 and 6).

use super::Route;

/// The asset and place publishing routes.
pub(super) const ROUTES: &[Route] = &[];
