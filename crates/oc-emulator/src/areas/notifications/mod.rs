//! User notifications through Open Cloud v2
//! (<https://create.roblox.com/docs/cloud/reference/features/notifications>,
//! <https://create.roblox.com/docs/cloud/guides/experience-notifications>): Create User
//! Notification. Each notification is recorded for inspection
//! ([`EmulatorHandle::user_notifications`](crate::EmulatorHandle::user_notifications));
//! the daily throttle is optional (`[notifications] daily_limit_per_user`).

mod config;
mod create;
mod handle;
mod state;

use http::Method;

pub use config::NotificationsConfig;
use state::NotificationsState;
pub use state::{NotificationParameter, SentNotification};

use crate::gateway::auth::Access;
use crate::gateway::error_bodies::ErrorShape;
use crate::gateway::rate_limit::{Limit, Per};
use crate::gateway::route::{Handler, Route};
use crate::gateway::state::State;

/// Puts the area's empty state in.
pub(crate) fn seed(config: &NotificationsConfig, state: &State) {
    state.areas.insert(NotificationsState::new(config));
}

/// The scope of the method, held on the universe the notification comes from.
const SCOPE: &str = "user.user-notification:write";

/// The notification route: 4000 a second per API-key owner and per OAuth authorization
/// (https://create.roblox.com/docs/cloud/reference/rate-limits), counted per minute.
pub(crate) const ROUTES: &[Route] = &[Route {
    name: "notifications.create",
    method: Method::POST,
    path: "/cloud/v2/users/{user_id}/notifications",
    access: Access::ApiKeyOrOAuth { scope: SCOPE },
    universe_param: None,
    shape: ErrorShape::V2,
    limits: &[Limit {
        bucket: "notifications.create",
        per: Per::Credential,
        per_minute: |c| c.notifications_per_owner,
    }],
    max_body: 64 * 1024,
    handler: Handler::Buffered(create::create),
}];
