//! Login throttles: failed logins per account, all attempts per IP address, answered
//! with `RATE_LIMITED` and `extensions.retryAfterSeconds`.

#![expect(
    clippy::expect_used,
    reason = "helpers that send requests fail the test loudly"
)]

mod common;

use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

use backend::domain::auth::throttle::{LoginLimits, Policy};
use common::{TestApp, error_code};
use serde_json::{Value, json};

const LOGIN: &str = "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }";

fn policy(burst: u32, period: Duration) -> Policy {
    Policy {
        burst: NonZeroU32::new(burst).expect("a burst"),
        period,
    }
}

async fn login(app: &TestApp, email: &str, password: &str) -> Value {
    login_from(app, email, password, None).await
}

async fn login_from(
    app: &TestApp,
    email: &str,
    password: &str,
    forwarded_for: Option<&str>,
) -> Value {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": LOGIN, "variables": { "email": email, "password": password } }));
    if let Some(address) = forwarded_for {
        request = request.header("x-forwarded-for", address);
    }
    request
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("JSON")
}

fn retry_after(response: &Value) -> u64 {
    response["errors"][0]["extensions"]["retryAfterSeconds"]
        .as_u64()
        .unwrap_or_else(|| panic!("no retryAfterSeconds: {response}"))
}

#[tokio::test]
async fn brute_force_on_one_account_is_limited_while_another_account_still_signs_in() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        let response = login(&app, "buyer@demo.test", "guess-password").await;
        assert_eq!(error_code(&response), Some("UNAUTHENTICATED"), "{response}");
    }
    // Locked: even the right password is refused now, with the wait in words and seconds.
    let locked = login(&app, "buyer@demo.test", "demo-password").await;
    assert_eq!(error_code(&locked), Some("RATE_LIMITED"), "{locked}");
    assert!(locked["data"].is_null(), "{locked}");
    let seconds = retry_after(&locked);
    assert!((290..=300).contains(&seconds), "{locked}");
    let message = locked["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains(&format!("{seconds} seconds")), "{message}");
    // The same account typed differently is the same account.
    let shouting = login(&app, " BUYER@demo.test", "guess-password").await;
    assert_eq!(error_code(&shouting), Some("RATE_LIMITED"), "{shouting}");

    let other = login(&app, "approver@demo.test", "demo-password").await;
    assert!(other["data"]["login"]["token"].is_string(), "{other}");
}

#[tokio::test]
async fn an_unknown_account_is_limited_like_a_real_one() {
    let app = TestApp::spawn().await;
    for _ in 0..5 {
        let response = login(&app, "nobody@demo.test", "guess-password").await;
        assert_eq!(error_code(&response), Some("UNAUTHENTICATED"), "{response}");
    }
    let response = login(&app, "nobody@demo.test", "guess-password").await;
    assert_eq!(error_code(&response), Some("RATE_LIMITED"), "{response}");
}

#[tokio::test]
async fn a_locked_account_signs_in_again_once_the_lock_expires() {
    let app = TestApp::spawn_with(|config| {
        config.login_limits.account_failures = policy(2, Duration::from_secs(1));
    })
    .await;
    for _ in 0..2 {
        login(&app, "viewer@demo.test", "guess-password").await;
    }
    let locked = login(&app, "viewer@demo.test", "demo-password").await;
    assert_eq!(error_code(&locked), Some("RATE_LIMITED"), "{locked}");
    assert_eq!(retry_after(&locked), 1);
    tokio::time::sleep(Duration::from_millis(1_100)).await;
    let again = login(&app, "viewer@demo.test", "demo-password").await;
    assert!(again["data"]["login"]["token"].is_string(), "{again}");
}

#[tokio::test]
async fn one_ip_address_gets_a_budget_of_attempts_over_all_accounts() {
    let app = TestApp::spawn_with(|config| {
        config.login_limits = LoginLimits {
            ip_attempts: policy(3, Duration::from_secs(60)),
            ..LoginLimits::default()
        };
    })
    .await;
    for email in ["buyer@demo.test", "approver@demo.test", "viewer@demo.test"] {
        let response = login(&app, email, "demo-password").await;
        assert!(response["data"]["login"]["token"].is_string(), "{response}");
    }
    let refused = login(&app, "admin@demo.test", "demo-password").await;
    assert_eq!(error_code(&refused), Some("RATE_LIMITED"), "{refused}");
    assert!((50..=60).contains(&retry_after(&refused)), "{refused}");
    // Forging X-Forwarded-For does not buy a new budget from an untrusted peer.
    let forged = login_from(
        &app,
        "admin@demo.test",
        "demo-password",
        Some("203.0.113.9"),
    )
    .await;
    assert_eq!(error_code(&forged), Some("RATE_LIMITED"), "{forged}");
}

#[tokio::test]
async fn behind_a_trusted_proxy_each_forwarded_client_has_its_own_budget() {
    let loopback: IpAddr = "127.0.0.1".parse().expect("an address");
    let app = TestApp::spawn_with(|config| {
        config.login_limits.ip_attempts = policy(1, Duration::from_secs(60));
        config.trusted_proxies = vec![loopback];
    })
    .await;
    let first = login_from(
        &app,
        "buyer@demo.test",
        "demo-password",
        Some("203.0.113.1"),
    )
    .await;
    assert!(first["data"]["login"]["token"].is_string(), "{first}");
    let second = login_from(
        &app,
        "buyer@demo.test",
        "demo-password",
        Some("203.0.113.1"),
    )
    .await;
    assert_eq!(error_code(&second), Some("RATE_LIMITED"), "{second}");
    let other = login_from(
        &app,
        "buyer@demo.test",
        "demo-password",
        Some("203.0.113.2"),
    )
    .await;
    assert!(other["data"]["login"]["token"].is_string(), "{other}");
}
