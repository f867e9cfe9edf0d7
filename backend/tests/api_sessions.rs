//! Sessions: the refresh cookie, rotation and reuse detection, logout, logging out
//! everywhere, and the ends of sessions that a password change or a deactivation
//! brings.
#![expect(
    clippy::expect_used,
    reason = "test set-up reads the database directly and fails loudly"
)]

mod common;

use backend::entities::{refresh_token, session};
use common::sessions::BrowserSession;
use common::ws::Subscription;
use common::{TestApp, assert_no_errors, error_code};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

const PASSWORD: &str = "demo-password";

/// Marks the refresh token `refresh` as used `seconds` ago.
async fn used_seconds_ago(app: &TestApp, refresh: &str, seconds: i64) {
    let hash = backend::domain::auth::session::token_hash(refresh);
    let result = refresh_token::Entity::update_many()
        .col_expr(
            refresh_token::Column::UsedAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(seconds)),
        )
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .exec(&app.db)
        .await
        .expect("backdate the token");
    assert_eq!(result.rows_affected, 1);
}

async fn session_of(app: &TestApp, refresh: &str) -> session::Model {
    let hash = backend::domain::auth::session::token_hash(refresh);
    let token = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash))
        .one(&app.db)
        .await
        .expect("read")
        .expect("the refresh token is stored by its hash");
    session::Entity::find_by_id(token.session_id)
        .one(&app.db)
        .await
        .expect("read")
        .expect("its session")
}

#[tokio::test]
async fn login_sets_an_http_only_secure_strict_cookie_for_auth_paths_only() {
    let app = TestApp::spawn().await;
    let signed_in = app.sign_in("buyer@demo.test", PASSWORD).await;
    let attributes: Vec<String> = signed_in
        .set_cookie
        .split(';')
        .skip(1)
        .map(|part| part.trim().to_ascii_lowercase())
        .collect();
    for expected in ["httponly", "secure", "samesite=strict", "path=/auth"] {
        assert!(
            attributes.iter().any(|part| part == expected),
            "{expected} missing in {}",
            signed_in.set_cookie
        );
    }
    let max_age: i64 = attributes
        .iter()
        .find_map(|part| part.strip_prefix("max-age="))
        .and_then(|seconds| seconds.parse().ok())
        .expect("a Max-Age");
    assert!(
        (30 * 86_400 - 60..=30 * 86_400).contains(&max_age),
        "{max_age}"
    );
    assert_eq!(signed_in.refresh.len(), 43, "32 random bytes");
    assert!(app.token_works(&signed_in.token).await);
    // Only the hash is stored.
    let stored = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(signed_in.refresh.clone()))
        .one(&app.db)
        .await
        .expect("read");
    assert!(stored.is_none(), "the token itself must not be stored");
    let _ = session_of(&app, &signed_in.refresh).await;
}

#[tokio::test]
async fn refresh_rotates_the_cookie_and_a_used_token_is_refused_after_the_grace() {
    let app = TestApp::spawn().await;
    let first = app.sign_in("buyer@demo.test", PASSWORD).await;
    let second = app
        .refresh(&first.refresh)
        .await
        .expect("the first refresh");
    assert_ne!(second.refresh, first.refresh, "a new refresh token");
    assert!(second.set_cookie.contains("HttpOnly"));
    assert!(app.token_works(&second.token).await);
    // The new token rotates again.
    let third = app
        .refresh(&second.refresh)
        .await
        .expect("the second refresh");
    assert_ne!(third.refresh, second.refresh);
    // The first one, presented again long after its use, is refused.
    used_seconds_ago(&app, &first.refresh, 11).await;
    assert_eq!(
        app.refresh(&first.refresh).await.err(),
        Some(reqwest::StatusCode::UNAUTHORIZED)
    );
}

#[tokio::test]
async fn reuse_after_the_grace_revokes_the_session_and_its_access_tokens_at_once() {
    let app = TestApp::spawn().await;
    let stolen = app.sign_in("buyer@demo.test", PASSWORD).await;
    let owner = app
        .refresh(&stolen.refresh)
        .await
        .expect("the owner refreshes");
    let other_browser = app.sign_in("buyer@demo.test", PASSWORD).await;
    used_seconds_ago(&app, &stolen.refresh, 11).await;

    let response = app.post_with_cookie("/auth/refresh", &stolen.refresh).await;
    assert_eq!(response.status(), reqwest::StatusCode::UNAUTHORIZED);
    let clearing = common::sessions::refresh_cookie(&response).expect("a clearing cookie");
    assert_eq!(clearing.0, "");
    assert!(clearing.1.contains("Max-Age=0"));
    let body: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(body["code"], "UNAUTHENTICATED");

    // The whole family: the owner's newer refresh token and access token end too.
    assert!(!app.token_works(&owner.token).await);
    assert!(!app.token_works(&stolen.token).await);
    assert_eq!(
        app.refresh(&owner.refresh).await.err(),
        Some(reqwest::StatusCode::UNAUTHORIZED)
    );
    let revoked = session_of(&app, &stolen.refresh).await;
    assert_eq!(
        revoked.revoked_reason.as_deref(),
        Some("REFRESH_TOKEN_REUSE")
    );
    // Another session of the same user is untouched.
    assert!(app.token_works(&other_browser.token).await);
    let audited = backend::entities::audit_log::Entity::find()
        .filter(backend::entities::audit_log::Column::Action.eq("SESSION_REVOKED"))
        .all(&app.db)
        .await
        .expect("read the audit log");
    assert_eq!(audited.len(), 1);
}

#[tokio::test]
async fn two_tabs_refreshing_with_one_token_within_the_grace_both_get_a_session() {
    let app = TestApp::spawn().await;
    let signed_in = app.sign_in("buyer@demo.test", PASSWORD).await;
    let (tab_a, tab_b) = tokio::join!(
        app.refresh(&signed_in.refresh),
        app.refresh(&signed_in.refresh)
    );
    let (tab_a, tab_b) = (tab_a.expect("tab A"), tab_b.expect("tab B"));
    assert_ne!(tab_a.refresh, tab_b.refresh);
    assert!(app.token_works(&tab_a.token).await);
    assert!(app.token_works(&tab_b.token).await);
    // And a third try a few seconds later is still within the grace.
    used_seconds_ago(&app, &signed_in.refresh, 5).await;
    let tab_c = app
        .refresh(&signed_in.refresh)
        .await
        .expect("within the grace");
    assert!(app.token_works(&tab_c.token).await);
    assert!(
        session_of(&app, &signed_in.refresh)
            .await
            .revoked_at
            .is_none()
    );
}

#[tokio::test]
async fn logout_revokes_the_session_its_access_token_and_its_cookie() {
    let app = TestApp::spawn().await;
    let signed_in = app.sign_in("viewer@demo.test", PASSWORD).await;
    let response = app
        .post_with_cookie("/auth/logout", &signed_in.refresh)
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::NO_CONTENT);
    let clearing = common::sessions::refresh_cookie(&response).expect("a clearing cookie");
    assert!(clearing.1.contains("Max-Age=0"));
    assert!(!app.token_works(&signed_in.token).await);
    assert_eq!(
        app.refresh(&signed_in.refresh).await.err(),
        Some(reqwest::StatusCode::UNAUTHORIZED)
    );
    assert_eq!(
        session_of(&app, &signed_in.refresh)
            .await
            .revoked_reason
            .as_deref(),
        Some("LOGOUT")
    );
    // Without a cookie, logout is a harmless 204.
    let response = app
        .client
        .post(app.url("/auth/logout"))
        .header("x-portal-csrf", "1")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), reqwest::StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn refresh_and_logout_refuse_cross_site_requests() {
    let app = TestApp::spawn().await;
    let signed_in = app.sign_in("buyer@demo.test", PASSWORD).await;
    for path in ["/auth/refresh", "/auth/logout"] {
        // Without the custom header and without an Origin.
        let response = app
            .client
            .post(app.url(path))
            .header("cookie", format!("portal_refresh={}", signed_in.refresh))
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), reqwest::StatusCode::FORBIDDEN, "{path}");
        // A foreign Origin, even with the header.
        let response = app
            .client
            .post(app.url(path))
            .header("cookie", format!("portal_refresh={}", signed_in.refresh))
            .header("x-portal-csrf", "1")
            .header("origin", "https://evil.example")
            .send()
            .await
            .expect("answer");
        assert_eq!(response.status(), reqwest::StatusCode::FORBIDDEN, "{path}");
    }
    // The session is intact, and a same-origin request by Origin alone passes.
    let host = app.base_url.trim_start_matches("http://").to_owned();
    let response = app
        .client
        .post(app.url("/auth/refresh"))
        .header("cookie", format!("portal_refresh={}", signed_in.refresh))
        .header("origin", format!("http://{host}"))
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), reqwest::StatusCode::OK);
}

#[tokio::test]
async fn refresh_without_a_cookie_or_with_a_made_up_one_is_unauthenticated() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .post(app.url("/auth/refresh"))
        .header("x-portal-csrf", "1")
        .send()
        .await
        .expect("answer");
    assert_eq!(response.status(), reqwest::StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.refresh("made-up-token").await.err(),
        Some(reqwest::StatusCode::UNAUTHORIZED)
    );
}

const LOGOUT_EVERYWHERE: &str = "mutation { logoutEverywhere }";

#[tokio::test]
async fn logout_everywhere_ends_every_session_of_the_user_at_once() {
    let app = TestApp::spawn().await;
    let laptop = app.sign_in("approver@demo.test", PASSWORD).await;
    let phone = app.sign_in("approver@demo.test", PASSWORD).await;
    let someone_else = app.sign_in("buyer@demo.test", PASSWORD).await;
    let response = app
        .graphql(Some(&laptop.token), LOGOUT_EVERYWHERE, json!({}))
        .await;
    assert_no_errors(&response);
    assert_eq!(response["data"]["logoutEverywhere"], true);
    for session in [&laptop, &phone] {
        assert!(!app.token_works(&session.token).await);
        assert_eq!(
            app.refresh(&session.refresh).await.err(),
            Some(reqwest::StatusCode::UNAUTHORIZED)
        );
    }
    assert!(app.token_works(&someone_else.token).await);
    let response = app.graphql(None, LOGOUT_EVERYWHERE, json!({})).await;
    assert_eq!(error_code(&response), Some("UNAUTHENTICATED"));
}

#[tokio::test]
async fn an_open_subscription_ends_when_its_session_is_revoked() {
    const ADJUST: &str = "mutation($sku: String!) { adjustStock(input: { sku: $sku, onHandDelta: 1, reason: RECEIPT, note: \"test\" }) { available } }";
    let app = TestApp::spawn().await;
    let staff = app.login("staff@demo.test").await;
    let buyer = app.sign_in("buyer@demo.test", PASSWORD).await;
    let products = app
        .graphql(
            Some(&buyer.token),
            "{ products(first: 1) { edges { node { sku } } } }",
            json!({}),
        )
        .await;
    assert_no_errors(&products);
    let sku = products["data"]["products"]["edges"][0]["node"]["sku"].clone();
    let mut live = Subscription::start(
        &app.base_url,
        &buyer.token,
        "subscription($skus: [String!]) { stockChanged(skus: $skus) { sku available } }",
        json!({ "skus": [sku] }),
    )
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let wait = std::time::Duration::from_secs(3);
    assert_no_errors(
        &app.graphql(Some(&staff), ADJUST, json!({ "sku": sku }))
            .await,
    );
    let delivered = live
        .next(wait)
        .await
        .expect("a stock update while signed in");
    assert_eq!(delivered["data"]["stockChanged"]["sku"], sku, "{delivered}");

    let response = app
        .graphql(Some(&buyer.token), LOGOUT_EVERYWHERE, json!({}))
        .await;
    assert_no_errors(&response);
    assert_no_errors(
        &app.graphql(Some(&staff), ADJUST, json!({ "sku": sku }))
            .await,
    );
    let after = live.next(wait).await.unwrap_or_default();
    assert_eq!(
        after["type"], "complete",
        "a revoked session's subscription must end, not deliver: {after}"
    );
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_and_keeps_this_one() {
    let app = TestApp::spawn().await;
    let here = app.sign_in("viewer@demo.test", PASSWORD).await;
    let elsewhere = app.sign_in("viewer@demo.test", PASSWORD).await;
    let response = app
        .graphql(
            Some(&here.token),
            "mutation($current: String!, $new: String!) { changePassword(currentPassword: $current, newPassword: $new) }",
            json!({ "current": PASSWORD, "new": "lantern harbour cobalt" }),
        )
        .await;
    assert_no_errors(&response);
    assert!(app.token_works(&here.token).await);
    assert!(app.refresh(&here.refresh).await.is_ok());
    assert!(!app.token_works(&elsewhere.token).await);
    assert_eq!(
        app.refresh(&elsewhere.refresh).await.err(),
        Some(reqwest::StatusCode::UNAUTHORIZED)
    );
    let _ = app
        .sign_in("viewer@demo.test", "lantern harbour cobalt")
        .await;
}

#[tokio::test]
async fn deactivating_a_user_ends_its_sessions_for_good() {
    let app = TestApp::spawn().await;
    let viewer = app.sign_in("viewer@demo.test", PASSWORD).await;
    let admin = app.login("admin@demo.test").await;
    let users = app
        .graphql(
            Some(&admin),
            "{ companyUsers(first: 50) { nodes { id email } } }",
            json!({}),
        )
        .await;
    let id = users["data"]["companyUsers"]["nodes"]
        .as_array()
        .expect("users")
        .iter()
        .find(|user| user["email"] == "viewer@demo.test")
        .expect("the viewer")["id"]
        .clone();
    let update = "mutation($id: ID!, $active: Boolean!) { updateCompanyUser(id: $id, input: { active: $active }) { id active } }";
    assert_no_errors(
        &app.graphql(Some(&admin), update, json!({ "id": id, "active": false }))
            .await,
    );
    assert!(!app.token_works(&viewer.token).await);
    // Reactivated, the user must sign in again: the old session stays ended.
    assert_no_errors(
        &app.graphql(Some(&admin), update, json!({ "id": id, "active": true }))
            .await,
    );
    assert!(!app.token_works(&viewer.token).await);
    assert_eq!(
        app.refresh(&viewer.refresh).await.err(),
        Some(reqwest::StatusCode::UNAUTHORIZED)
    );
    assert_eq!(
        session_of(&app, &viewer.refresh)
            .await
            .revoked_reason
            .as_deref(),
        Some("USER_DEACTIVATED")
    );
}

#[tokio::test]
async fn an_expired_session_is_refused_even_with_a_fresh_access_token() {
    let app = TestApp::spawn().await;
    let signed_in: BrowserSession = app.sign_in("buyer@demo.test", PASSWORD).await;
    let session = session_of(&app, &signed_in.refresh).await;
    session::Entity::update_many()
        .col_expr(
            session::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::seconds(1)),
        )
        .filter(session::Column::Id.eq(session.id))
        .exec(&app.db)
        .await
        .expect("expire the session");
    assert!(!app.token_works(&signed_in.token).await);
    assert_eq!(
        app.refresh(&signed_in.refresh).await.err(),
        Some(reqwest::StatusCode::UNAUTHORIZED)
    );
}
