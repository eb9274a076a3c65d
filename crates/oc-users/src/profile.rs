//! Get User: `GET /cloud/v2/users/{user_id}`
//! (<https://create.roblox.com/docs/cloud/reference/features/users>). Public fields need no
//! scope; `user.advanced:read` adds [`UserProfile::id_verified`] and `user.social:read`
//! adds [`UserProfile::social_network_profiles`].

use bytes::Bytes;
use http::Method;
use oc_core::request;
use oc_core::time::OffsetDateTime;
use oc_core::{Body, Client, Endpoint, Error, User};
use serde::Deserialize;

use crate::user_id;
use oc_core::wire_enum;

/// The area name of this crate's calls and errors.
pub(crate) const AREA: &str = "users";

wire_enum! {
    /// Who may see a user's social network profiles.
    SocialVisibility {
        Unspecified = "SOCIAL_NETWORK_VISIBILITY_UNSPECIFIED",
        NoOne = "NO_ONE",
        Friends = "FRIENDS",
        FriendsAndFollowing = "FRIENDS_AND_FOLLOWING",
        FriendsFollowingAndFollowers = "FRIENDS_FOLLOWING_AND_FOLLOWERS",
        Everyone = "EVERYONE",
    }
}

/// A user's social network profiles (URIs; empty when not set) and who may see them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct SocialNetworkProfiles {
    /// The Facebook profile.
    #[serde(default)]
    pub facebook: String,
    /// The Twitter profile.
    #[serde(default)]
    pub twitter: String,
    /// The YouTube profile.
    #[serde(default)]
    pub youtube: String,
    /// The Twitch profile.
    #[serde(default)]
    pub twitch: String,
    /// The Guilded profile.
    #[serde(default)]
    pub guilded: String,
    /// Who may see them.
    #[serde(default = "unspecified")]
    pub visibility: SocialVisibility,
}

fn unspecified() -> SocialVisibility {
    SocialVisibility::Unspecified
}

/// A Roblox user, as Get User answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UserProfile {
    /// The user id.
    #[serde(with = "oc_core::v2::ids::int64")]
    pub id: u64,
    /// The unique user name.
    #[serde(default)]
    pub name: String,
    /// The display name.
    #[serde(default)]
    pub display_name: String,
    /// What the user wrote about themselves.
    #[serde(default)]
    pub about: String,
    /// The locale the user chose (an IETF tag such as `en-US`; the service has been seen
    /// answering `en_us`).
    #[serde(default)]
    pub locale: String,
    /// Whether the user has Premium.
    #[serde(default)]
    pub premium: bool,
    /// Whether the user is identity-verified; `None` unless the credential holds
    /// `user.advanced:read`.
    #[serde(default)]
    pub id_verified: Option<bool>,
    /// The social network profiles; `None` unless the credential holds
    /// `user.social:read`.
    #[serde(default)]
    pub social_network_profiles: Option<SocialNetworkProfiles>,
    /// When the account was created.
    #[serde(default, with = "oc_core::v2::timestamp::option")]
    pub create_time: Option<OffsetDateTime>,
}

/// Get User; `.await` it for the [`UserProfile`].
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct GetUser<'a> {
    pub(crate) user: &'a User,
}

impl Endpoint for GetUser<'_> {
    type Output = UserProfile;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "get_user";

    fn client(&self) -> &Client {
        self.user.client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let id = user_id::checked(self.user)?;
        let path = format!("{}/users/{id}", oc_core::v2::PREFIX);
        request::build(Method::GET, &path, Body::empty())
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<UserProfile, Error> {
        oc_core::response::json(&response)
    }
}

oc_core::endpoint_future!(GetUser<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserProfileExt;
    use oc_core::{offline, Idempotency};

    #[test]
    fn builds_the_request_and_reads_a_captured_answer() -> Result<(), Error> {
        let user = Client::builder().api_key("k").build()?.user(45348281);
        let get = user.profile();
        let request = offline::request(&get)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/cloud/v2/users/45348281");
        assert_eq!(Idempotency::of(&request), Idempotency::Idempotent);
        let captured = r#"{"path":"users/45348281","createTime":"2013-07-13T07:50:00.083Z","id":"45348281","name":"MightyPart","displayName":"Mighty","about":"hi","locale":"en_us","premium":true,"idVerified":true,"socialNetworkProfiles":{"facebook":"","twitter":"","youtube":"","twitch":"","guilded":"","visibility":"EVERYONE"}}"#;
        let profile = offline::respond(&get, 200, &[], captured)?;
        assert_eq!(profile.id, 45348281);
        assert_eq!(profile.display_name, "Mighty");
        assert_eq!(profile.id_verified, Some(true));
        assert_eq!(
            profile.social_network_profiles.map(|s| s.visibility),
            Some(SocialVisibility::Everyone)
        );
        let public = offline::respond(&get, 200, &[], r#"{"id":"7","name":"a","visibility":"X"}"#)?;
        assert_eq!(
            (public.id_verified, public.social_network_profiles),
            (None, None)
        );
        assert_eq!(
            SocialVisibility::parse("SOMETHING_NEW"),
            SocialVisibility::Other("SOMETHING_NEW".into())
        );
        Ok(())
    }

    #[test]
    fn user_zero_is_refused() -> Result<(), Error> {
        let user = Client::builder().api_key("k").build()?.user(0);
        let refused = offline::request(&user.profile());
        assert!(matches!(refused, Err(Error::InvalidInput(e)) if e.field() == "user_id"));
        Ok(())
    }
}
