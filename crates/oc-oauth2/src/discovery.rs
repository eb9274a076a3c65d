//! `GET /oauth/.well-known/openid-configuration`: the provider's discovery document
//! (<https://create.roblox.com/docs/cloud/reference/oauth2>).

use bytes::Bytes;
use http::Method;
use oc_core::{Body, Client, Endpoint, Error};
use serde::Deserialize;

/// The provider's OpenID Connect discovery document (the fields the client uses; the
/// endpoints are absolute URLs as the provider names them).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct DiscoveryDocument {
    /// The issuer id_tokens name.
    pub issuer: String,
    /// The authorization endpoint.
    #[serde(default)]
    pub authorization_endpoint: Option<String>,
    /// The token endpoint.
    #[serde(default)]
    pub token_endpoint: Option<String>,
    /// The introspection endpoint.
    #[serde(default)]
    pub introspection_endpoint: Option<String>,
    /// The revocation endpoint.
    #[serde(default)]
    pub revocation_endpoint: Option<String>,
    /// The userinfo endpoint.
    #[serde(default)]
    pub userinfo_endpoint: Option<String>,
    /// Where the signing keys (JWKS) are published.
    #[serde(default)]
    pub jwks_uri: Option<String>,
    /// The scopes the provider knows.
    #[serde(default)]
    pub scopes_supported: Vec<String>,
    /// The id_token signing algorithms (`ES256`).
    #[serde(default)]
    pub id_token_signing_alg_values_supported: Vec<String>,
}

/// Fetches the discovery document; see [`OAuth2App::fetch_discovery`](crate::OAuth2App::fetch_discovery).
#[derive(Debug)]
#[must_use = "a request does nothing until it is awaited"]
pub struct FetchDiscovery<'a> {
    client: &'a Client,
}

impl<'a> FetchDiscovery<'a> {
    pub(crate) fn new(client: &'a Client) -> Self {
        FetchDiscovery { client }
    }
}

impl Endpoint for FetchDiscovery<'_> {
    type Output = DiscoveryDocument;
    const AREA: &'static str = crate::error::AREA;
    const OPERATION: &'static str = "fetch_discovery";

    fn client(&self) -> &Client {
        self.client
    }

    fn build_request(&self) -> Result<http::Request<Body>, Error> {
        oc_core::request::build(
            Method::GET,
            "/oauth/.well-known/openid-configuration",
            Body::empty(),
        )
    }

    fn parse(&self, response: http::Response<Bytes>) -> Result<DiscoveryDocument, Error> {
        oc_core::response::json(&response)
    }
}

oc_core::endpoint_future!(FetchDiscovery<'a>);

#[cfg(test)]
mod tests {
    use super::*;
    use oc_core::offline;

    #[test]
    fn builds_the_request_and_parses_the_document() -> Result<(), Error> {
        let client = Client::builder().build()?;
        let fetch = FetchDiscovery::new(&client);
        let request = offline::request(&fetch)?;
        assert_eq!(request.method(), Method::GET);
        assert_eq!(request.uri(), "/oauth/.well-known/openid-configuration");
        let body = r#"{"issuer":"https://apis.roblox.com/oauth/",
            "jwks_uri":"https://apis.roblox.com/oauth/v1/certs",
            "id_token_signing_alg_values_supported":["ES256"]}"#;
        let document = offline::respond(&fetch, 200, &[], body)?;
        assert_eq!(document.issuer, "https://apis.roblox.com/oauth/");
        assert_eq!(document.id_token_signing_alg_values_supported, ["ES256"]);
        assert!(offline::respond(&fetch, 200, &[], "{}").is_err());
        assert!(offline::respond(&fetch, 404, &[], "").is_err_and(|e| e.is_not_found()));
        Ok(())
    }
}
