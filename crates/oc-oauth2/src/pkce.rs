//! PKCE (RFC 7636) and the `state` parameter: random values from the OS CSPRNG.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use oc_core::{InvalidInput, SecretString};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// RFC 7636's unreserved characters, the verifier alphabet.
const VERIFIER_ALPHABET: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
/// The shortest verifier.
pub const MIN_VERIFIER_LEN: usize = 43;
/// The longest verifier.
pub const MAX_VERIFIER_LEN: usize = 128;

/// `len` characters drawn uniformly from `alphabet` with the OS CSPRNG.
pub(crate) fn random_chars(len: usize, alphabet: &[u8]) -> Result<String, oc_core::Error> {
    // Rejection sampling: bytes past the largest multiple of the alphabet size are drawn
    // again, so every character is equally likely.
    let limit = 256 - 256 % alphabet.len();
    let mut out = String::with_capacity(len);
    let mut buffer = [0u8; 64];
    while out.len() < len {
        getrandom::getrandom(&mut buffer).map_err(|e| {
            oc_core::Error::InvalidInput(InvalidInput::new(
                "random",
                format!("the OS random source failed: {e}"),
            ))
        })?;
        for byte in buffer {
            if out.len() == len {
                break;
            }
            if usize::from(byte) < limit {
                out.push(char::from(alphabet[usize::from(byte) % alphabet.len()]));
            }
        }
    }
    Ok(out)
}

/// A PKCE code verifier; `Debug` does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct CodeVerifier(SecretString);

impl CodeVerifier {
    /// A random verifier of `len` characters (43 to 128; 128 is the safest choice).
    pub fn generate(len: usize) -> Result<CodeVerifier, oc_core::Error> {
        check_len(len)?;
        Ok(CodeVerifier(SecretString::new(random_chars(
            len,
            VERIFIER_ALPHABET,
        )?)))
    }

    /// A verifier from a string, checked against RFC 7636 (43 to 128 of `A-Z a-z 0-9 - .
    /// _ ~`).
    pub fn new(value: impl Into<String>) -> Result<CodeVerifier, oc_core::Error> {
        let value = value.into();
        check_len(value.len())?;
        if !value.bytes().all(|b| VERIFIER_ALPHABET.contains(&b)) {
            return Err(InvalidInput::new(
                "code_verifier",
                "only A-Z, a-z, 0-9, '-', '.', '_' and '~' are allowed",
            )
            .into());
        }
        Ok(CodeVerifier(SecretString::new(value)))
    }

    /// The S256 challenge: base64url(SHA-256(verifier)), without padding.
    pub fn challenge(&self) -> String {
        challenge_s256(self.expose_secret())
    }

    /// The verifier itself. Call this only to put it on the wire or store it.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for CodeVerifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("CodeVerifier").field(&self.0).finish()
    }
}

fn check_len(len: usize) -> Result<(), oc_core::Error> {
    if (MIN_VERIFIER_LEN..=MAX_VERIFIER_LEN).contains(&len) {
        Ok(())
    } else {
        Err(InvalidInput::new(
            "code_verifier",
            format!("must be {MIN_VERIFIER_LEN} to {MAX_VERIFIER_LEN} characters long, not {len}"),
        )
        .into())
    }
}

/// The S256 challenge of a verifier string.
pub fn challenge_s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

oc_core::secret_type!(
    /// A random `state` for the authorization request, checked in constant time when the
    /// redirect brings it back; `Debug` and `Display` do not show it.
    pub AuthState
);

impl AuthState {
    /// 43 random URL-safe characters (about 256 bits).
    pub fn generate() -> Result<AuthState, oc_core::Error> {
        Ok(AuthState::new(random_chars(
            MIN_VERIFIER_LEN,
            VERIFIER_ALPHABET,
        )?))
    }

    /// A state kept by the caller (e.g. read back from a session); the same as
    /// [`AuthState::new`].
    pub fn from_string(value: impl Into<String>) -> AuthState {
        AuthState::new(value)
    }

    /// Whether `returned` is this state, compared in constant time.
    pub fn verify(&self, returned: &str) -> bool {
        self.expose_secret()
            .as_bytes()
            .ct_eq(returned.as_bytes())
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_7636_appendix_b_vector() {
        let verifier = CodeVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk").unwrap();
        assert_eq!(
            verifier.challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn generated_verifiers_have_the_length_and_alphabet() {
        for len in [43, 64, 128] {
            let v = CodeVerifier::generate(len).unwrap();
            assert_eq!(v.expose_secret().len(), len);
            assert!(v
                .expose_secret()
                .bytes()
                .all(|b| VERIFIER_ALPHABET.contains(&b)));
        }
        assert_ne!(
            CodeVerifier::generate(128).unwrap(),
            CodeVerifier::generate(128).unwrap()
        );
        for len in [0, 42, 129] {
            let err = CodeVerifier::generate(len).unwrap_err();
            assert!(
                matches!(err, oc_core::Error::InvalidInput(ref i) if i.field() == "code_verifier")
            );
        }
        assert!(CodeVerifier::new("a".repeat(42)).is_err());
        assert!(CodeVerifier::new(format!("{}!", "a".repeat(43))).is_err());
        assert!(CodeVerifier::new("a".repeat(43)).is_ok());
    }

    #[test]
    fn states_verify_only_themselves() {
        let state = AuthState::generate().unwrap();
        let copy = state.expose_secret().to_owned();
        assert!(state.verify(&copy));
        assert!(!state.verify(&copy[..copy.len() - 1]));
        assert!(!state.verify(""));
        let other = AuthState::generate().unwrap();
        assert!(!state.verify(other.expose_secret()));
    }

    #[test]
    fn debug_hides_verifiers_and_states() {
        let v = CodeVerifier::generate(50).unwrap();
        let s = AuthState::generate().unwrap();
        let shown = format!("{v:?} {s:?}");
        assert!(!shown.contains(v.expose_secret()), "{shown}");
        assert!(!shown.contains(s.expose_secret()), "{shown}");
    }
}
