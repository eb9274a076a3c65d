//! What the user notifications API keeps: the notifications sent, for inspection, and how
//! many each user got from each experience today.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Mutex;

use super::config::NotificationsConfig;

/// A value of a notification's template parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotificationParameter {
    /// `stringValue`.
    String(String),
    /// `int64Value`.
    Int64(i64),
}

/// A notification created through the API.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SentNotification {
    /// Its id (a UUID).
    pub id: String,
    /// The user it was sent to.
    pub user_id: u64,
    /// The experience it was sent from.
    pub universe_id: u64,
    /// The notification string's asset id.
    pub message_id: String,
    /// The template parameters.
    pub parameters: BTreeMap<String, NotificationParameter>,
    /// The join-experience call to action's launch data, when it has one.
    pub launch_data: Option<String>,
    /// Whether the notification has a join-experience call to action.
    pub join_experience: bool,
    /// The analytics category, when given.
    pub analytics_category: Option<String>,
    /// When it was created (RFC 3339, the emulator's clock).
    pub time: String,
}

/// The mutable part.
#[derive(Debug, Default)]
pub(crate) struct NotificationsData {
    /// The most recent notifications, oldest first.
    pub sent: VecDeque<SentNotification>,
    /// The UTC day the counts are of (days since 1970).
    pub day: i64,
    /// Notifications today, by user and universe.
    pub today: HashMap<(u64, u64), u32>,
}

/// The user notifications API's state.
#[derive(Debug, Default)]
pub(crate) struct NotificationsState {
    /// The configuration.
    pub config: NotificationsConfig,
    /// The log and the counts.
    pub data: Mutex<NotificationsData>,
}

impl NotificationsState {
    /// An empty state.
    pub fn new(config: &NotificationsConfig) -> Self {
        NotificationsState {
            config: config.clone(),
            data: Mutex::new(NotificationsData::default()),
        }
    }
}
