//! The password policy and the password reset by e-mailed, single-use link.

mod common;

use std::time::{Duration, Instant};

use backend::entities::password_reset;
use common::{TestApp, assert_no_errors, error_code};
use sea_orm::sea_query::Expr;
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

const REQUEST: &str = "mutation($email: String!) { requestPasswordReset(email: $email) }";
const RESET: &str = "mutation($token: String!, $password: String!) { resetPassword(token: $token, newPassword: $password) }";
const CHANGE: &str = "mutation($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }";
const NEW_PASSWORD: &str = "copper kettle morning tide";

async fn request_reset(app: &TestApp, email: &str) -> (Value, Duration) {
    let started = Instant::now();
    let response = app.graphql(None, REQUEST, json!({ "email": email })).await;
    (response, started.elapsed())
}

async fn reset(app: &TestApp, token: &str, password: &str) -> Value {
    app.graphql(None, RESET, json!({ "token": token, "password": password }))
        .await
}

async fn password_works(app: &TestApp, email: &str, password: &str) -> bool {
    let response = app
        .graphql(
            None,
            "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
            json!({ "email": email, "password": password }),
        )
        .await;
    response["data"]["login"]["token"].is_string()
}

#[tokio::test]
async fn a_reset_request_answers_alike_for_known_and_unknown_emails() {
    let app = TestApp::spawn().await;
    let (known, known_time) = request_reset(&app, "buyer@demo.test").await;
    let (unknown, unknown_time) = request_reset(&app, "nobody@demo.test").await;
    let (malformed, _) = request_reset(&app, "not an e-mail").await;
    assert_no_errors(&known);
    assert_eq!(known, unknown, "the same answer");
    assert_eq!(known, malformed);
    assert_eq!(known["data"]["requestPasswordReset"], true);
    // Both wait out the same minimum, which covers the known e-mail's writes.
    for time in [known_time, unknown_time] {
        assert!(time >= Duration::from_millis(250), "{time:?}");
    }
    let difference = known_time.abs_diff(unknown_time);
    assert!(
        difference < Duration::from_millis(200),
        "{known_time:?} vs {unknown_time:?}"
    );
    // Only the existing account gets a link.
    let _ = app.reset_token_from_outbox("buyer@demo.test").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.reset_mail_count(), 1);
    assert_eq!(
        password_reset::Entity::find()
            .count(&app.db)
            .await
            .expect("count"),
        1
    );
}

#[tokio::test]
async fn the_emailed_link_sets_a_new_password_once_and_ends_every_session() {
    let app = TestApp::spawn().await;
    let before = app.sign_in("approver@demo.test", "demo-password").await;
    let (response, _) = request_reset(&app, "approver@demo.test").await;
    assert_no_errors(&response);
    let token = app.reset_token_from_outbox("approver@demo.test").await;
    // The link's token is stored only as its SHA-256.
    let stored = password_reset::Entity::find()
        .one(&app.db)
        .await
        .expect("read")
        .expect("a reset row");
    assert_eq!(
        stored.token_hash,
        backend::domain::auth::session::token_hash(&token)
    );

    let response = reset(&app, &token, NEW_PASSWORD).await;
    assert_no_errors(&response);
    assert_eq!(response["data"]["resetPassword"], true);
    assert!(password_works(&app, "approver@demo.test", NEW_PASSWORD).await);
    assert!(!password_works(&app, "approver@demo.test", "demo-password").await);
    assert!(!app.token_works(&before.token).await, "sessions end");
    assert!(app.refresh(&before.refresh).await.is_err());

    // A second use is refused and changes nothing.
    let again = reset(&app, &token, "another fine passphrase").await;
    assert_eq!(error_code(&again), Some("BAD_USER_INPUT"), "{again}");
    assert!(password_works(&app, "approver@demo.test", NEW_PASSWORD).await);
}

#[tokio::test]
async fn an_expired_or_unknown_link_is_refused_and_nothing_changes() {
    let app = TestApp::spawn().await;
    request_reset(&app, "viewer@demo.test").await;
    let token = app.reset_token_from_outbox("viewer@demo.test").await;
    password_reset::Entity::update_many()
        .col_expr(
            password_reset::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .exec(&app.db)
        .await
        .expect("expire the link");
    let response = reset(&app, &token, NEW_PASSWORD).await;
    assert_eq!(error_code(&response), Some("BAD_USER_INPUT"), "{response}");
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("ask for a new one"), "{message}");
    assert!(password_works(&app, "viewer@demo.test", "demo-password").await);
    let response = reset(&app, "made-up-token", NEW_PASSWORD).await;
    assert_eq!(error_code(&response), Some("BAD_USER_INPUT"));
}

#[tokio::test]
async fn a_new_password_against_the_policy_is_refused_and_the_link_still_works() {
    let app = TestApp::spawn().await;
    request_reset(&app, "buyer@demo.test").await;
    let token = app.reset_token_from_outbox("buyer@demo.test").await;
    for (weak, says) in [
        ("short1", "at least 10 characters"),
        ("QWERTYUIOP", "most common passwords"),
        ("1234567890", "most common passwords"),
        ("Buyer@Demo.Test", "e-mail"),
    ] {
        let response = reset(&app, &token, weak).await;
        assert_eq!(
            error_code(&response),
            Some("BAD_USER_INPUT"),
            "{weak}: {response}"
        );
        let message = response["errors"][0]["message"]
            .as_str()
            .unwrap_or_default();
        assert!(message.contains(says), "{weak}: {message}");
    }
    let long = "x".repeat(129);
    assert_eq!(
        error_code(&reset(&app, &token, &long).await),
        Some("BAD_USER_INPUT")
    );
    assert!(password_works(&app, "buyer@demo.test", "demo-password").await);
    assert_no_errors(&reset(&app, &token, NEW_PASSWORD).await);
}

#[tokio::test]
async fn reset_requests_are_limited_per_email_and_per_ip() {
    let app = TestApp::spawn().await;
    for _ in 0..3 {
        assert_no_errors(&request_reset(&app, "Buyer@demo.test").await.0);
    }
    let (limited, _) = request_reset(&app, "buyer@demo.test").await;
    assert_eq!(error_code(&limited), Some("RATE_LIMITED"), "{limited}");
    let wait = limited["errors"][0]["extensions"]["retryAfterSeconds"]
        .as_u64()
        .expect("retryAfterSeconds");
    assert!((1..=600).contains(&wait), "{wait}");
    // Unknown e-mails are limited the same way (nothing tells them apart).
    for _ in 0..3 {
        assert_no_errors(&request_reset(&app, "ghost@demo.test").await.0);
    }
    assert_eq!(
        error_code(&request_reset(&app, "ghost@demo.test").await.0),
        Some("RATE_LIMITED")
    );
    // Per IP: 20 requests in all (8 so far), then refused for any e-mail.
    for number in 0..12 {
        let email = format!("someone{number}@demo.test");
        assert_no_errors(&request_reset(&app, &email).await.0);
    }
    assert_eq!(
        error_code(&request_reset(&app, "fresh@demo.test").await.0),
        Some("RATE_LIMITED")
    );
}

#[tokio::test]
async fn change_password_checks_the_current_one_and_the_policy() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@demo.test").await;
    let wrong = app
        .graphql(
            Some(&token),
            CHANGE,
            json!({ "current": "not-my-password", "new": NEW_PASSWORD }),
        )
        .await;
    assert_eq!(error_code(&wrong), Some("BAD_USER_INPUT"), "{wrong}");
    let common = app
        .graphql(
            Some(&token),
            CHANGE,
            json!({ "current": "demo-password", "new": "qwertyuiop" }),
        )
        .await;
    assert_eq!(error_code(&common), Some("BAD_USER_INPUT"), "{common}");
    assert!(password_works(&app, "buyer@demo.test", "demo-password").await);
    let anonymous = app
        .graphql(
            None,
            CHANGE,
            json!({ "current": "demo-password", "new": NEW_PASSWORD }),
        )
        .await;
    assert_eq!(error_code(&anonymous), Some("UNAUTHENTICATED"));
}

#[tokio::test]
async fn an_admin_cannot_create_a_user_with_a_common_password() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let response = app
        .graphql(
            Some(&admin),
            "mutation { createCompanyUser(input: { email: \"new@galil.test\", name: \"New\", role: BUYER, password: \"password123\" }) { id } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&response), Some("BAD_USER_INPUT"), "{response}");
}

#[tokio::test]
async fn the_demo_password_keeps_signing_in() {
    let app = TestApp::spawn().await;
    assert!(password_works(&app, "staff@demo.test", "demo-password").await);
}
