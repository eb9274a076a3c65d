//! `ClientBuilder::from_env`, alone in its test binary: it changes the process's
//! environment.

use oc_core::builder::{ENV_ACCESS_TOKEN, ENV_API_KEY, ENV_BASE_URL, ENV_CA_CERTS};
use oc_core::{ClientBuilder, Credentials, Error};

#[test]
fn from_env_reads_one_credential_and_refuses_two() -> oc_core::Result<()> {
    std::env::set_var(ENV_BASE_URL, "http://127.0.0.1:9");
    std::env::set_var(ENV_API_KEY, "key-from-env");
    std::env::remove_var(ENV_ACCESS_TOKEN);
    std::env::remove_var(ENV_CA_CERTS);
    let client = ClientBuilder::from_env()?.build()?;
    assert_eq!(client.base_url(), "http://127.0.0.1:9");
    assert!(matches!(client.credentials(), Some(Credentials::ApiKey(_))));

    std::env::set_var(ENV_ACCESS_TOKEN, "token-from-env");
    match ClientBuilder::from_env() {
        Err(Error::InvalidInput(invalid)) => {
            assert!(invalid.reason().contains(ENV_API_KEY), "{invalid}");
            assert!(invalid.reason().contains(ENV_ACCESS_TOKEN), "{invalid}");
            assert!(!invalid.reason().contains("key-from-env"), "{invalid}");
        }
        other => panic!("expected both variables named, got {other:?}"),
    }

    std::env::remove_var(ENV_API_KEY);
    let client = ClientBuilder::from_env()?.build()?;
    assert!(matches!(client.credentials(), Some(Credentials::Bearer(_))));

    std::env::set_var(ENV_CA_CERTS, "/nonexistent/certificates.pem");
    assert!(matches!(
        ClientBuilder::from_env(),
        Err(Error::InvalidInput(_))
    ));
    Ok(())
}
