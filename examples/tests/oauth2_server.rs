//! Drives the OAuth2 example app end to end against the emulator, with a client that
//! follows the redirects: sign in, see the user and resources, publish, revoke.

use rblx_open_cloud::emulator::Emulator;
use rblx_open_cloud::oauth2::OAuth2App;
use rblx_open_cloud::Client;
use rblx_open_cloud_examples::browser::Browser;
use rblx_open_cloud_examples::oauth2_server;
use tokio::net::TcpListener;

#[tokio::test]
async fn sign_in_show_publish_and_revoke() {
    let emulator = Emulator::start().await.unwrap();
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let client = Client::builder()
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let app = OAuth2App::builder(
        emulator.oauth2_client_id(),
        format!("http://127.0.0.1:{port}/callback"),
    )
    .issuer(emulator.oauth2_issuer())
    .client_secret(emulator.oauth2_client_secret().unwrap())
    .build(&client)
    .unwrap();
    let server = tokio::spawn(oauth2_server::serve(listener, app));
    let base = format!("http://127.0.0.1:{port}");
    let mut browser = Browser::new().unwrap();

    let home = browser.get(&format!("{base}/")).await.unwrap();
    assert!(home.body.contains("/login"), "{}", home.body);

    // Login → the provider → the callback → home.
    let page = browser.get(&format!("{base}/login")).await.unwrap();
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.url, format!("{base}/"));
    assert!(
        page.body.contains("Hello, Emulator User (@emulator_user)"),
        "{}",
        page.body
    );
    assert!(page.body.contains("universe 1000"), "{}", page.body);
    let routes: Vec<String> = emulator
        .requests()
        .into_iter()
        .filter_map(|r| r.route)
        .collect();
    for route in [
        "oauth2.authorize",
        "oauth2.token",
        "oauth2.certs",
        "oauth2.resources",
    ] {
        assert!(routes.iter().any(|r| r == route), "{route} in {routes:?}");
    }

    let page = browser.post(&format!("{base}/publish")).await.unwrap();
    assert!(
        page.body.contains("Published to universe 1000"),
        "{}",
        page.body
    );
    let published = emulator.published_messages();
    assert_eq!(published.len(), 1);
    assert_eq!(published[0].topic, "oauth2-example");

    let page = browser.post(&format!("{base}/revoke")).await.unwrap();
    assert!(page.body.contains("Revoked"), "{}", page.body);
    let revoked = emulator
        .requests()
        .into_iter()
        .any(|r| r.route.as_deref() == Some("oauth2.revoke") && r.status == 200);
    assert!(revoked);
    let home = browser.get(&format!("{base}/")).await.unwrap();
    assert!(home.body.contains("/login"), "{}", home.body);

    // A callback with a forged state is refused.
    let to_provider = browser.get_once(&format!("{base}/login")).await.unwrap();
    assert_eq!(to_provider.status, 302);
    assert!(
        to_provider.url.contains("/oauth/v1/authorize?"),
        "{}",
        to_provider.url
    );
    let page = browser
        .get(&format!("{base}/callback?code=x&state=forged"))
        .await
        .unwrap();
    assert_eq!(page.status, 400);
    assert!(page.body.contains("state does not match"), "{}", page.body);
    server.abort();
}
