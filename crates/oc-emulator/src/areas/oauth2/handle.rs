//! The [`EmulatorHandle`]'s view of the OAuth 2.0 provider: the first app's credentials,
//! key rotation and signing arbitrary claims (to test id_token verification).

use super::state::OAuth2Provider;
use super::OAuth2AppConfig;
use crate::gateway::EmulatorHandle;

impl EmulatorHandle {
    /// The client id of the first OAuth2 app ([`DEFAULT_OAUTH2_CLIENT_ID`] by default);
    /// empty when the configuration has none.
    ///
    /// [`DEFAULT_OAUTH2_CLIENT_ID`]: crate::DEFAULT_OAUTH2_CLIENT_ID
    pub fn oauth2_client_id(&self) -> String {
        let app = self.state().area::<OAuth2Provider>().first_app();
        app.map(|a| a.client_id).unwrap_or_default()
    }

    /// The client secret of the first OAuth2 app, when it has one.
    pub fn oauth2_client_secret(&self) -> Option<String> {
        let app = self.state().area::<OAuth2Provider>().first_app();
        app.and_then(|a| a.client_secret)
    }

    /// The first registered redirect URI of the first OAuth2 app.
    pub fn oauth2_redirect_uri(&self) -> Option<String> {
        let app = self.state().area::<OAuth2Provider>().first_app();
        app.and_then(|a| a.redirect_uris.into_iter().next())
    }

    /// The issuer the provider writes in its tokens: `<public URL>/oauth/`.
    pub fn oauth2_issuer(&self) -> String {
        super::issuer(self.state())
    }

    /// Adds a new P-256 signing key and signs with it from now on; the older keys stay in
    /// the JWKS. Returns the new key's `kid`.
    pub fn rotate_oauth2_key(&self) -> String {
        self.state().area::<OAuth2Provider>().rotate_key()
    }

    /// Removes every key but the newest from the JWKS.
    pub fn retire_old_oauth2_keys(&self) {
        self.state().area::<OAuth2Provider>().retire_old_keys();
    }

    /// Signs `claims` as an ES256 JWT with the current key (header `kid` and `typ: JWT`),
    /// as the provider signs its tokens: for tests of token verification.
    pub fn sign_oauth2_jwt(&self, claims: &serde_json::Value) -> String {
        self.state().area::<OAuth2Provider>().sign(claims)
    }

    /// Registers an OAuth2 app with the provider, replacing one with the same client id.
    /// Its consenting user is not checked against the world.
    pub fn add_oauth2_app(&self, app: OAuth2AppConfig) {
        self.state().area::<OAuth2Provider>().add_app(app);
    }

    /// How many OAuth2 authorization codes wait to be exchanged (at most
    /// `[oauth2] max_pending_codes`; expired ones are removed).
    pub fn oauth2_pending_codes(&self) -> usize {
        self.state().area::<OAuth2Provider>().pending_codes()
    }
}
