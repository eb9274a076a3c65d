//! The service's spelling of the enums the commands print (the library types parse them
//! but keep no text for the known values).

use rblx_open_cloud::assets::{AssetState, ModerationState};
use rblx_open_cloud::subscriptions::SubscriptionState;
use rblx_open_cloud::universes::{AgeRating, Visibility};
use rblx_open_cloud::user_restrictions::Moderator;

/// `PUBLIC`, `PRIVATE`, ... as in
/// <https://create.roblox.com/docs/cloud/reference/Universe>
pub fn visibility(value: Visibility) -> &'static str {
    match value {
        Visibility::Unspecified => "VISIBILITY_UNSPECIFIED",
        Visibility::Public => "PUBLIC",
        Visibility::Private => "PRIVATE",
        _ => "UNKNOWN",
    }
}

/// `AGE_RATING_ALL`, `AGE_RATING_9_PLUS`, ...
pub fn age_rating(value: AgeRating) -> &'static str {
    match value {
        AgeRating::Unspecified => "AGE_RATING_UNSPECIFIED",
        AgeRating::All => "AGE_RATING_ALL",
        AgeRating::NinePlus => "AGE_RATING_9_PLUS",
        AgeRating::ThirteenPlus => "AGE_RATING_13_PLUS",
        AgeRating::SeventeenPlus => "AGE_RATING_17_PLUS",
        _ => "UNKNOWN",
    }
}

/// `SUBSCRIBED_WILL_RENEW`, `EXPIRED`, ... as in
/// <https://create.roblox.com/docs/cloud/reference/Subscription>
pub fn subscription_state(value: SubscriptionState) -> &'static str {
    match value {
        SubscriptionState::Unspecified => "STATE_UNSPECIFIED",
        SubscriptionState::SubscribedWillRenew => "SUBSCRIBED_WILL_RENEW",
        SubscriptionState::SubscribedWillNotRenew => "SUBSCRIBED_WILL_NOT_RENEW",
        SubscriptionState::SubscribedRenewalPaymentPending => "SUBSCRIBED_RENEWAL_PAYMENT_PENDING",
        SubscriptionState::Expired => "EXPIRED",
        _ => "UNKNOWN",
    }
}

/// `Reviewing`, `Rejected`, `Approved` (the assets API's spelling), or the service's own
/// text for a state the library does not know.
pub fn moderation_state(value: &ModerationState) -> String {
    match value {
        ModerationState::Reviewing => "Reviewing".to_owned(),
        ModerationState::Rejected => "Rejected".to_owned(),
        ModerationState::Approved => "Approved".to_owned(),
        ModerationState::Other(text) => text.clone(),
        _ => "Unknown".to_owned(),
    }
}

/// `Active`, `Archived` (the assets API's spelling), or the service's own text.
pub fn asset_state(value: &AssetState) -> String {
    match value {
        AssetState::Active => "Active".to_owned(),
        AssetState::Archived => "Archived".to_owned(),
        AssetState::Other(text) => text.clone(),
        _ => "Unknown".to_owned(),
    }
}

/// `users/{id}` for a user, `gameServerScript` for a script, as the log's `moderator`
/// field names them.
pub fn moderator(value: &Moderator) -> String {
    match value {
        Moderator::User(id) => format!("users/{id}"),
        Moderator::GameServerScript => "gameServerScript".to_owned(),
        _ => "unknown".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_print_as_the_service_spells_them() {
        assert_eq!(visibility(Visibility::Public), "PUBLIC");
        assert_eq!(age_rating(AgeRating::NinePlus), "AGE_RATING_9_PLUS");
        assert_eq!(
            subscription_state(SubscriptionState::SubscribedWillNotRenew),
            "SUBSCRIBED_WILL_NOT_RENEW"
        );
        assert_eq!(asset_state(&AssetState::Archived), "Archived");
        assert_eq!(
            moderation_state(&ModerationState::Other("MODERATION_STATE_X".into())),
            "MODERATION_STATE_X"
        );
        assert_eq!(moderator(&Moderator::User(7)), "users/7");
    }
}
