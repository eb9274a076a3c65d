//! What the provider tells about a user and a token: [`UserInfo`], [`Resources`] and
//! [`AccessTokenInfo`].

use std::time::SystemTime;

use oc_core::{Client, Experience, Group, User};
use serde::Deserialize;

use crate::error::Error;
use crate::id_token::IdTokenClaims;
use crate::token::from_unix;

/// A Roblox user as OpenID Connect describes them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UserInfo {
    /// The user id.
    pub id: u64,
    /// The user name (with `profile`).
    pub username: Option<String>,
    /// The display name (with `profile`).
    pub display_name: Option<String>,
    /// When the account was made (with `profile`).
    pub created_at: Option<SystemTime>,
    /// The profile page (with `profile`).
    pub profile_uri: Option<String>,
    /// The avatar headshot, when there is one.
    pub picture: Option<String>,
}

fn user_id(sub: &str) -> Result<u64, Error> {
    sub.parse().map_err(|_| {
        Error::Core(oc_core::Error::decode(
            format!("the subject {sub:?} is not a user id"),
            None,
        ))
    })
}

impl UserInfo {
    /// The user an id_token describes.
    pub fn from_claims(claims: &IdTokenClaims) -> Result<UserInfo, Error> {
        Ok(UserInfo {
            id: user_id(&claims.sub)?,
            username: claims
                .preferred_username
                .clone()
                .or_else(|| claims.nickname.clone()),
            display_name: claims.name.clone(),
            created_at: claims.created_at.map(from_unix),
            profile_uri: claims.profile.clone(),
            picture: claims.picture.clone(),
        })
    }
}

/// The userinfo answer (wire spec 7.8).
#[derive(Debug, Deserialize)]
pub(crate) struct UserInfoResponse {
    sub: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    nickname: Option<String>,
    #[serde(default)]
    preferred_username: Option<String>,
    #[serde(default)]
    created_at: Option<u64>,
    #[serde(default)]
    profile: Option<String>,
    #[serde(default)]
    picture: Option<String>,
}

impl UserInfoResponse {
    pub(crate) fn into_user(self) -> Result<UserInfo, Error> {
        Ok(UserInfo {
            id: user_id(&self.sub)?,
            username: self.preferred_username.or(self.nickname),
            display_name: self.name,
            created_at: self.created_at.map(from_unix),
            profile_uri: self.profile,
            picture: self.picture,
        })
    }
}

/// What the user authorized the app on, as handles that send the access token.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Resources {
    /// Experiences (universes).
    pub experiences: Vec<Experience>,
    /// Users, as asset creators.
    pub users: Vec<User>,
    /// Groups, as asset creators.
    pub groups: Vec<Group>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ResourcesResponse {
    #[serde(default)]
    resource_infos: Vec<ResourceInfo>,
}

#[derive(Debug, Deserialize)]
struct ResourceInfo {
    owner: ResourceOwner,
    #[serde(default)]
    resources: ResourceSets,
}

#[derive(Debug, Deserialize)]
struct ResourceOwner {
    id: String,
    #[serde(rename = "type", default)]
    kind: String,
}

#[derive(Debug, Default, Deserialize)]
struct ResourceSets {
    #[serde(default)]
    universe: Option<Ids>,
    #[serde(default)]
    creator: Option<Ids>,
}

#[derive(Debug, Default, Deserialize)]
struct Ids {
    #[serde(default)]
    ids: Vec<String>,
}

impl ResourcesResponse {
    /// `creator.ids`: `"U"` is the owner user, `"G<id>"` a group (wire spec 7.6).
    pub(crate) fn into_resources(self, client: &Client) -> Resources {
        let mut resources = Resources {
            experiences: Vec::new(),
            users: Vec::new(),
            groups: Vec::new(),
        };
        for info in self.resource_infos {
            let owner: Option<u64> = info.owner.id.parse().ok();
            for id in info.resources.universe.map(|u| u.ids).unwrap_or_default() {
                if let Ok(id) = id.parse() {
                    resources.experiences.push(client.experience(id));
                }
            }
            for id in info.resources.creator.map(|c| c.ids).unwrap_or_default() {
                match (id.as_str(), owner) {
                    ("U", Some(owner)) if info.owner.kind != "Group" => {
                        resources.users.push(client.user(owner));
                    }
                    ("U", Some(owner)) => resources.groups.push(client.group(owner)),
                    (group, _) => {
                        if let Some(Ok(id)) = group.strip_prefix('G').map(str::parse) {
                            resources.groups.push(client.group(id));
                        }
                    }
                }
            }
        }
        resources
    }
}

/// What introspection tells about a token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AccessTokenInfo {
    /// Whether the token is live.
    pub active: bool,
    /// The token id (`jti`).
    pub id: Option<String>,
    /// The app's client id.
    pub client_id: Option<String>,
    /// The user who authorized it.
    pub user_id: Option<u64>,
    /// Its scopes.
    pub scopes: Vec<String>,
    /// When it expires.
    pub expires_at: Option<SystemTime>,
    /// When it was issued.
    pub issued_at: Option<SystemTime>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct IntrospectResponse {
    #[serde(default)]
    active: bool,
    #[serde(default)]
    jti: Option<String>,
    #[serde(default)]
    client_id: Option<String>,
    #[serde(default)]
    sub: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    exp: Option<u64>,
    #[serde(default)]
    iat: Option<u64>,
}

impl IntrospectResponse {
    pub(crate) fn into_info(self) -> AccessTokenInfo {
        AccessTokenInfo {
            active: self.active,
            id: self.jti,
            client_id: self.client_id,
            user_id: self.sub.and_then(|s| s.parse().ok()),
            scopes: self
                .scope
                .unwrap_or_default()
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            expires_at: self.exp.map(from_unix),
            issued_at: self.iat.map(from_unix),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn resources_parse_universes_users_and_groups() {
        let body = r#"{"resource_infos":[{"owner":{"id":"1516563360","type":"User"},
          "resources":{"universe":{"ids":["3828411582"]},"creator":{"ids":["U","G55"]}}}]}"#;
        let parsed: ResourcesResponse = serde_json::from_str(body).unwrap();
        let client = Client::builder().build().unwrap();
        let resources = parsed.into_resources(&client);
        assert_eq!(resources.experiences.len(), 1);
        assert_eq!(resources.experiences[0].universe_id(), 3_828_411_582);
        assert_eq!(resources.users[0].id(), 1_516_563_360);
        assert_eq!(resources.groups[0].id(), 55);
    }

    #[test]
    fn introspection_parses_the_documented_example() {
        let body = r#"{"active":true,"jti":"RT.2GcjvTduKzk6QY9tjTfm","iss":"https://apis.roblox.com/oauth/","token_type":"Bearer","client_id":"840974200211308101",
 "aud":"4239311013248676173","sub":"1516563360","scope":"universe-messaging-service:publish","exp":1676394509,"iat":1660842510}"#;
        let info = serde_json::from_str::<IntrospectResponse>(body)
            .unwrap()
            .into_info();
        assert!(info.active);
        assert_eq!(info.user_id, Some(1_516_563_360));
        assert_eq!(info.scopes, ["universe-messaging-service:publish"]);
        assert_eq!(info.expires_at, Some(from_unix(1_676_394_509)));
        let inactive = serde_json::from_str::<IntrospectResponse>(r#"{"active":false}"#).unwrap();
        assert!(!inactive.into_info().active);
    }
}
