//! The OAuth 2.0 provider's part of the configuration: the registered apps.

use serde::Deserialize;

use crate::world::{DEFAULT_UNIVERSE_ID, DEFAULT_USER_ID};

/// The client id of the built-in world's OAuth2 app (client ids are numeric strings).
pub const DEFAULT_OAUTH2_CLIENT_ID: &str = "7000000000000000001";
/// The client secret of the built-in world's OAuth2 app.
pub const DEFAULT_OAUTH2_CLIENT_SECRET: &str = "RBX-oc-emulator-default-client-secret";
/// The redirect URIs of the built-in world's OAuth2 app; any port is accepted on them, as
/// on every loopback redirect URI registered without a port.
pub const DEFAULT_OAUTH2_REDIRECT_URIS: &[&str] =
    &["http://localhost/callback", "http://127.0.0.1/callback"];

/// An OAuth 2.0 app registered with the emulator's provider. The provider consents as
/// `user` to every authorization of the app, for the requested scopes it allows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OAuth2AppConfig {
    /// The client id (a numeric string on the real service).
    pub client_id: String,
    /// The client secret; absent for a public client, which must use PKCE.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// The registered redirect URIs.
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    /// The scopes the app may request.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// The user who consents.
    pub user: u64,
    /// The universes the user authorizes the app on.
    #[serde(default)]
    pub universes: Vec<u64>,
}

impl OAuth2AppConfig {
    /// The built-in world's app: [`DEFAULT_OAUTH2_CLIENT_ID`], consented by
    /// [`DEFAULT_USER_ID`] on [`DEFAULT_UNIVERSE_ID`], allowed `openid`, `profile`,
    /// messaging publish and assets read and write.
    pub fn default_app() -> Self {
        OAuth2AppConfig {
            client_id: DEFAULT_OAUTH2_CLIENT_ID.into(),
            client_secret: Some(DEFAULT_OAUTH2_CLIENT_SECRET.into()),
            redirect_uris: DEFAULT_OAUTH2_REDIRECT_URIS
                .iter()
                .map(|u| (*u).to_owned())
                .collect(),
            scopes: [
                "openid",
                "profile",
                "universe-messaging-service:publish",
                "asset:read",
                "asset:write",
            ]
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
            user: DEFAULT_USER_ID,
            universes: vec![DEFAULT_UNIVERSE_ID],
        }
    }
}

/// The provider's limits. In TOML, the `[oauth2]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OAuth2Config {
    /// How long an authorization code can be exchanged, in seconds (60, as documented);
    /// expired codes are removed.
    pub code_lifetime_secs: u64,
    /// The most authorization codes waiting to be exchanged (10,000); beyond it the oldest
    /// is dropped, so unauthenticated `authorize` calls cannot grow memory.
    pub max_pending_codes: usize,
    /// The most issued tokens kept for introspection and refresh (100,000); beyond it the
    /// oldest are dropped (and stop working), and expired ones are removed.
    pub max_issued_tokens: usize,
}

impl Default for OAuth2Config {
    fn default() -> Self {
        OAuth2Config {
            code_lifetime_secs: 60,
            max_pending_codes: 10_000,
            max_issued_tokens: 100_000,
        }
    }
}
