//! The authorization URI (`GET /oauth/v1/authorize`,
//! <https://create.roblox.com/docs/cloud/reference/oauth2>).

use oc_core::{Error, InvalidInput};

use crate::app::OAuth2App;
use crate::pkce::CodeVerifier;

/// Requested scopes: from a list (`&["openid", "profile"]`) or a space-separated string
/// (`"openid profile"`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scopes(Vec<String>);

impl Scopes {
    /// The scopes, in order.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }
}

impl From<&str> for Scopes {
    fn from(value: &str) -> Self {
        Scopes(value.split_whitespace().map(str::to_owned).collect())
    }
}

impl From<String> for Scopes {
    fn from(value: String) -> Self {
        Scopes::from(value.as_str())
    }
}

impl From<&[&str]> for Scopes {
    fn from(value: &[&str]) -> Self {
        Scopes(value.iter().map(|s| (*s).to_owned()).collect())
    }
}

impl<const N: usize> From<[&str; N]> for Scopes {
    fn from(value: [&str; N]) -> Self {
        Scopes::from(&value[..])
    }
}

impl From<Vec<&str>> for Scopes {
    fn from(value: Vec<&str>) -> Self {
        Scopes::from(&value[..])
    }
}

impl From<Vec<String>> for Scopes {
    fn from(value: Vec<String>) -> Self {
        Scopes(value)
    }
}

/// `response_type`: a code, or nothing (only to check a consent).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ResponseType {
    /// `code` (the default).
    #[default]
    Code,
    /// `none`.
    None,
}

/// A `prompt` value; several may be combined.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Prompt {
    /// `none`: no page is shown.
    None,
    /// `login`: the user logs in again.
    Login,
    /// `consent`: the consent page is shown again.
    Consent,
    /// `select_account`: the account picker is shown.
    SelectAccount,
}

impl Prompt {
    fn as_str(self) -> &'static str {
        match self {
            Prompt::None => "none",
            Prompt::Login => "login",
            Prompt::Consent => "consent",
            Prompt::SelectAccount => "select_account",
        }
    }
}

/// Builds the authorization URI; see [`OAuth2App::authorization_uri`].
#[derive(Debug)]
#[must_use]
pub struct AuthorizationUri<'a> {
    app: &'a OAuth2App,
    scopes: Scopes,
    state: Option<String>,
    nonce: Option<String>,
    prompts: Vec<Prompt>,
    response_type: ResponseType,
    challenge: Option<String>,
}

impl<'a> AuthorizationUri<'a> {
    pub(crate) fn new(app: &'a OAuth2App, scopes: Scopes) -> Self {
        AuthorizationUri {
            app,
            scopes,
            state: None,
            nonce: None,
            prompts: Vec::new(),
            response_type: ResponseType::Code,
            challenge: None,
        }
    }

    /// The `state` the redirect brings back (see [`AuthState`](crate::AuthState)).
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.state = Some(state.into());
        self
    }

    /// The `nonce` the id_token must carry.
    pub fn nonce(mut self, nonce: impl Into<String>) -> Self {
        self.nonce = Some(nonce.into());
        self
    }

    /// Adds a `prompt` value.
    pub fn prompt(mut self, prompt: Prompt) -> Self {
        if !self.prompts.contains(&prompt) {
            self.prompts.push(prompt);
        }
        self
    }

    /// `response_type` (`code` by default).
    pub fn response_type(mut self, response_type: ResponseType) -> Self {
        self.response_type = response_type;
        self
    }

    /// Adds the S256 `code_challenge` of `verifier`.
    pub fn code_verifier(mut self, verifier: &CodeVerifier) -> Self {
        self.challenge = Some(verifier.challenge());
        self
    }

    /// The URI; invalid input (no scope, a scope with spaces, a public client without
    /// PKCE) is refused.
    pub fn build(self) -> Result<String, Error> {
        let invalid = |field: &'static str, reason: &str| -> Error {
            InvalidInput::new(field, reason).into()
        };
        if self.scopes.0.is_empty() {
            return Err(invalid("scope", "at least one scope is required"));
        }
        if self
            .scopes
            .0
            .iter()
            .any(|s| s.is_empty() || s.chars().any(char::is_whitespace))
        {
            return Err(invalid("scope", "a scope must be non-empty without spaces"));
        }
        if self.app.is_public() && self.challenge.is_none() {
            return Err(invalid(
                "code_verifier",
                "a public client must send a PKCE challenge",
            ));
        }
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("client_id", self.app.client_id());
        query.append_pair("redirect_uri", self.app.redirect_uri());
        query.append_pair("scope", &self.scopes.0.join(" "));
        query.append_pair(
            "response_type",
            match self.response_type {
                ResponseType::Code => "code",
                ResponseType::None => "none",
            },
        );
        if !self.prompts.is_empty() {
            let prompts: Vec<&str> = self.prompts.iter().map(|p| p.as_str()).collect();
            query.append_pair("prompt", &prompts.join(" "));
        }
        if let Some(state) = &self.state {
            query.append_pair("state", state);
        }
        if let Some(nonce) = &self.nonce {
            query.append_pair("nonce", nonce);
        }
        if let Some(challenge) = &self.challenge {
            query.append_pair("code_challenge", challenge);
            query.append_pair("code_challenge_method", "S256");
        }
        Ok(format!(
            "{}/oauth/v1/authorize?{}",
            self.app.client().base_url().trim_end_matches('/'),
            query.finish()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(secret: bool) -> OAuth2App {
        let client = oc_core::Client::builder()
            .base_url("https://apis.example.com")
            .build()
            .unwrap();
        let builder = OAuth2App::builder("123", "http://localhost:8080/cb?x=1");
        let builder = if secret {
            builder.client_secret("s3cret")
        } else {
            builder
        };
        builder.build(&client).unwrap()
    }

    fn pairs(uri: &str) -> Vec<(String, String)> {
        let (_, query) = uri.split_once('?').unwrap();
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    #[test]
    fn scopes_as_a_list_or_a_string_give_the_same_uri() {
        let app = app(true);
        let from_list = app
            .authorization_uri(["openid", "profile"])
            .build()
            .unwrap();
        let from_str = app.authorization_uri("openid  profile").build().unwrap();
        let from_vec = app
            .authorization_uri(vec!["openid".to_owned(), "profile".to_owned()])
            .build()
            .unwrap();
        assert_eq!(from_list, from_str);
        assert_eq!(from_list, from_vec);
        assert!(from_list.starts_with("https://apis.example.com/oauth/v1/authorize?"));
        assert_eq!(
            pairs(&from_list),
            [
                ("client_id".into(), "123".into()),
                ("redirect_uri".into(), "http://localhost:8080/cb?x=1".into()),
                ("scope".into(), "openid profile".into()),
                ("response_type".into(), "code".into()),
            ]
        );
    }

    #[test]
    fn state_nonce_prompt_and_challenge_are_added() {
        let app = app(true);
        let verifier = CodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
        let uri = app
            .authorization_uri("openid")
            .state("st&ate")
            .nonce("n 1")
            .prompt(Prompt::Login)
            .prompt(Prompt::Consent)
            .code_verifier(&verifier)
            .build()
            .unwrap();
        let pairs = pairs(&uri);
        let get = |name: &str| {
            pairs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(get("state"), Some("st&ate"));
        assert_eq!(get("nonce"), Some("n 1"));
        assert_eq!(get("prompt"), Some("login consent"));
        assert_eq!(
            get("code_challenge"),
            Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        );
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert!(!uri.contains(verifier.expose_secret()));

        let bare = app
            .authorization_uri("openid")
            .response_type(ResponseType::None)
            .build()
            .unwrap();
        let pairs = super::tests::pairs(&bare);
        assert!(pairs
            .iter()
            .all(|(n, _)| n != "state" && n != "nonce" && n != "code_challenge" && n != "prompt"));
        assert!(pairs.contains(&("response_type".into(), "none".into())));
    }

    #[test]
    fn bad_scopes_and_public_clients_without_pkce_are_invalid_input() {
        let app = app(true);
        for scopes in [Scopes::from(""), Scopes::from(vec!["open id"])] {
            let err = app.authorization_uri(scopes).build().unwrap_err();
            assert!(
                matches!(err, Error::InvalidInput(ref i) if i.field() == "scope"),
                "{err:?}"
            );
        }
        let public = super::tests::app(false);
        assert!(public.authorization_uri("openid").build().is_err());
        let verifier = CodeVerifier::generate(64).unwrap();
        assert!(public
            .authorization_uri("openid")
            .code_verifier(&verifier)
            .build()
            .is_ok());
    }

    #[test]
    fn client_authentication_by_form_or_basic() {
        let app = app(true);
        let request = app
            .form_request("/oauth/v1/token", &[("code", "c")])
            .unwrap();
        let body = request.body().as_bytes().unwrap();
        assert_eq!(body, &b"code=c&client_id=123&client_secret=s3cret"[..]);
        assert!(request.headers().get(http::header::AUTHORIZATION).is_none());

        let client = oc_core::Client::builder().build().unwrap();
        let basic = OAuth2App::builder("123", "http://localhost/cb")
            .client_secret("s3cret")
            .client_auth(crate::ClientAuth::Basic)
            .build(&client)
            .unwrap();
        let request = basic
            .form_request("/oauth/v1/token", &[("code", "c")])
            .unwrap();
        assert_eq!(request.body().as_bytes().unwrap(), &b"code=c"[..]);
        // base64("123:s3cret")
        assert_eq!(
            request.headers()[http::header::AUTHORIZATION],
            "Basic MTIzOnMzY3JldA=="
        );
        let public = super::tests::app(false);
        let request = public.form_request("/t", &[]).unwrap();
        assert_eq!(request.body().as_bytes().unwrap(), &b"client_id=123"[..]);
    }
}
