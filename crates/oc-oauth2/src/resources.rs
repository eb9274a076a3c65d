//! `POST /oauth/v1/token/resources`: what the user authorized the app on
//! (<https://create.roblox.com/docs/cloud/reference/oauth2>).

use bytes::Bytes;
use oc_core::{Body, Client, Endpoint, Error, Experience, Group, User};
use serde::Deserialize;

use crate::error::{oauth_error, AREA};
use crate::token::PartialAccessToken;

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
struct ResourcesResponse {
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
    /// In `creator.ids`, `"U"` stands for the owner user and `"G<id>"` for a group.
    fn into_resources(self, client: &Client) -> Resources {
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

/// Fetches the resources a token was authorized on; see
/// [`PartialAccessToken::fetch_resources`]. The handles it returns send the token.
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct FetchResources<'a> {
    token: &'a PartialAccessToken,
}

impl<'a> FetchResources<'a> {
    pub(crate) fn new(token: &'a PartialAccessToken) -> Self {
        FetchResources { token }
    }
}

impl Endpoint for FetchResources<'_> {
    type Output = Resources;
    const AREA: &'static str = AREA;
    const OPERATION: &'static str = "fetch_resources";

    fn client(&self) -> &Client {
        self.token.app().client()
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        let token = self.token.token.expose_secret();
        oc_core::validate::non_empty("token", token)?;
        self.token
            .app()
            .form_request("/oauth/v1/token/resources", &[("token", token)])
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<Resources, Error> {
        let answer: ResourcesResponse = oc_core::response::json(&response)?;
        Ok(answer.into_resources(&self.token.bearer_client()))
    }

    fn parse_error(&self, error: Error) -> Error {
        oauth_error(error)
    }
}

oc_core::endpoint_future!(FetchResources<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tests::{app, form, pairs};
    use oc_core::{offline, Credentials};

    #[test]
    fn builds_the_form_and_parses_universes_users_and_groups() -> Result<(), Error> {
        let app = app(true)?;
        let token = app.from_access_token_string("AT.xyz");
        let fetch = token.fetch_resources();
        let request = offline::request(&fetch)?;
        assert_eq!(request.uri(), "/oauth/v1/token/resources");
        assert_eq!(form(&request)[..1], pairs(&[("token", "AT.xyz")]));
        let body = r#"{"resource_infos":[{"owner":{"id":"1516563360","type":"User"},
          "resources":{"universe":{"ids":["3828411582"]},"creator":{"ids":["U","G55"]}}}]}"#;
        let resources = offline::respond(&fetch, 200, &[], body)?;
        assert_eq!(resources.experiences.len(), 1);
        assert_eq!(resources.experiences[0].universe_id(), 3_828_411_582);
        assert_eq!(resources.users[0].id(), 1_516_563_360);
        assert_eq!(resources.groups[0].id(), 55);
        // The handles send the token as a Bearer credential.
        assert_eq!(
            resources.experiences[0].client().credentials(),
            Some(&Credentials::Bearer(oc_core::AccessToken::new("AT.xyz")))
        );
        Ok(())
    }
}
