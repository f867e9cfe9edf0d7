//! Accounts and sessions: login, `me`, and every kind of bad token.

mod common;

use std::time::{Duration, Instant};

use backend::domain::auth::token::key_id;
use common::{TEST_JWT_SECRET, TestApp, assert_no_errors, error_code};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{Value, json};

const ME: &str = "{ me { id email name role language company { id name } } }";

#[tokio::test]
async fn every_demo_user_logs_in_and_sees_itself_with_its_company_and_role() {
    let app = TestApp::spawn().await;
    let expected = [
        ("staff@demo.test", "SUPPLIER_STAFF", None),
        ("buyer@demo.test", "BUYER", Some("Galil Hardware Ltd")),
        ("approver@demo.test", "APPROVER", Some("Galil Hardware Ltd")),
        ("viewer@demo.test", "VIEWER", Some("Galil Hardware Ltd")),
        (
            "admin@demo.test",
            "COMPANY_ADMIN",
            Some("Galil Hardware Ltd"),
        ),
        ("buyer@other.test", "BUYER", Some("Negev Builders Ltd")),
        (
            "approver@other.test",
            "APPROVER",
            Some("Negev Builders Ltd"),
        ),
    ];
    for (email, role, company) in expected {
        let token = app.login(email).await;
        let response = app.graphql(Some(&token), ME, json!({})).await;
        assert_no_errors(&response);
        let me = &response["data"]["me"];
        assert_eq!(me["email"], email);
        assert_eq!(me["role"], role);
        assert_eq!(me["company"]["name"].as_str(), company, "{email}");
    }
}

#[tokio::test]
async fn login_is_case_insensitive_in_the_email_and_returns_the_user() {
    let app = TestApp::spawn().await;
    let response = app
        .graphql(
            None,
            r#"mutation { login(email: "  Buyer@Demo.TEST ", password: "demo-password") { token user { email role company { name } } } }"#,
            json!({}),
        )
        .await;
    assert_no_errors(&response);
    assert_eq!(
        response["data"]["login"]["user"]["email"],
        "buyer@demo.test"
    );
    assert_eq!(
        response["data"]["login"]["user"]["company"]["name"],
        "Galil Hardware Ltd"
    );
}

async fn login_response(app: &TestApp, email: &str, password: &str) -> Value {
    app.graphql(
        None,
        "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
        json!({ "e": email, "p": password }),
    )
    .await
}

#[tokio::test]
async fn unknown_email_and_wrong_password_get_the_same_unauthenticated_answer() {
    let app = TestApp::spawn().await;
    let unknown = login_response(&app, "nobody@demo.test", "demo-password").await;
    let wrong = login_response(&app, "buyer@demo.test", "wrong-password").await;
    let malformed = login_response(&app, "not an email", "demo-password").await;
    for response in [&unknown, &wrong, &malformed] {
        assert_eq!(error_code(response), Some("UNAUTHENTICATED"), "{response}");
        assert!(response["data"].is_null());
    }
    assert_eq!(
        unknown["errors"][0]["message"],
        wrong["errors"][0]["message"]
    );
    assert_eq!(
        malformed["errors"][0]["message"],
        wrong["errors"][0]["message"]
    );
}

async fn login_time(app: &TestApp, email: &str, password: &str) -> Duration {
    let started = Instant::now();
    let response = login_response(app, email, password).await;
    let elapsed = started.elapsed();
    assert_eq!(error_code(&response), Some("UNAUTHENTICATED"));
    elapsed
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

#[tokio::test]
async fn an_unknown_email_costs_as_much_time_as_a_wrong_password() {
    // Fourteen failures: more than the login throttle allows by default (its own tests
    // are in api_rate_limit.rs).
    let app = TestApp::spawn_with(|config| {
        config.login_limits.account_failures.burst =
            std::num::NonZeroU32::new(100).expect("a burst");
    })
    .await;
    // Interleaved, so that a busy machine slows both kinds alike.
    let (mut wrong_password, mut unknown_email) = (Vec::new(), Vec::new());
    for _ in 0..7 {
        wrong_password.push(login_time(&app, "buyer@demo.test", "wrong-password").await);
        unknown_email.push(login_time(&app, "nobody@demo.test", "wrong-password").await);
    }
    let (wrong_password, unknown_email) = (median(wrong_password), median(unknown_email));
    // Both run one argon2id verification; without the dummy hash the unknown e-mail
    // would answer about 50 times faster. The bounds leave room for a busy machine.
    let ratio = unknown_email.as_secs_f64() / wrong_password.as_secs_f64();
    assert!(
        (0.33..3.0).contains(&ratio),
        "unknown e-mail {unknown_email:?} vs wrong password {wrong_password:?}"
    );
}

#[tokio::test]
async fn a_deactivated_user_cannot_log_in_and_its_live_session_ends_at_once() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let admin = app.login("admin@demo.test").await;
    let me = app.graphql(Some(&buyer), ME, json!({})).await;
    let buyer_id = me["data"]["me"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let deactivated = app
        .graphql(
            Some(&admin),
            "mutation($id: ID!) { updateCompanyUser(id: $id, input: { active: false }) { active } }",
            json!({ "id": buyer_id }),
        )
        .await;
    assert_no_errors(&deactivated);
    let after = app.graphql(Some(&buyer), ME, json!({})).await;
    assert_eq!(error_code(&after), Some("UNAUTHENTICATED"));
    let login = login_response(&app, "buyer@demo.test", "demo-password").await;
    assert_eq!(error_code(&login), Some("UNAUTHENTICATED"));
}

fn sign(claims: Value, secret: &str, algorithm: Algorithm) -> String {
    jsonwebtoken::encode(
        &Header::new(algorithm),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap_or_default()
}

/// The claims of a genuine token of the buyer (user 2) in session 1: open it first
/// with [`open_session_one`], so that a crafted token fails for its own reason only.
fn claims(overrides: Value) -> Value {
    let now = chrono::Utc::now().timestamp();
    let mut claims = json!({
        "sub": "2",
        "iss": "wholesale-portal",
        "aud": "wholesale-portal-web",
        "iat": now,
        "exp": now + 600,
        "sid": 1,
    });
    if let (Some(base), Some(changes)) = (claims.as_object_mut(), overrides.as_object()) {
        for (key, value) in changes {
            base.insert(key.clone(), value.clone());
        }
    }
    claims
}

/// Signs the buyer in once on a fresh database: its session is session 1, the `sid` of
/// [`claims`].
async fn open_session_one(app: &TestApp) {
    use base64::Engine;
    let token = app.login("buyer@demo.test").await;
    let payload = token.split('.').nth(1).unwrap_or_default();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload)
        .unwrap_or_default();
    let payload: Value = serde_json::from_slice(&payload).unwrap_or_default();
    assert_eq!(
        (payload["sub"].as_str(), payload["sid"].as_i64()),
        (Some("2"), Some(1))
    );
}

/// `alg: none` with no signature, as an attacker would send it.
fn unsigned_token() -> String {
    let header = base64_encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = base64_encode(claims(json!({})).to_string().as_bytes());
    format!("{header}.{payload}.")
}

fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for index in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * index)) & 63) as usize] as char);
        }
    }
    out
}

#[tokio::test]
async fn forged_expired_and_foreign_tokens_are_rejected() {
    let app = TestApp::spawn().await;
    open_session_one(&app).await;
    let now = chrono::Utc::now().timestamp();
    let genuine = sign(claims(json!({})), TEST_JWT_SECRET, Algorithm::HS256);
    let genuine_response = app.graphql(Some(&genuine), ME, json!({})).await;
    assert_no_errors(&genuine_response);

    let bad_tokens = [
        (
            "wrong key",
            sign(
                claims(json!({})),
                "another-secret-of-sufficient-length-00000",
                Algorithm::HS256,
            ),
        ),
        (
            "expired",
            sign(
                claims(json!({ "iat": now - 7200, "exp": now - 3600 })),
                TEST_JWT_SECRET,
                Algorithm::HS256,
            ),
        ),
        (
            "other audience",
            sign(
                claims(json!({ "aud": "someone-else" })),
                TEST_JWT_SECRET,
                Algorithm::HS256,
            ),
        ),
        (
            "other issuer",
            sign(
                claims(json!({ "iss": "someone-else" })),
                TEST_JWT_SECRET,
                Algorithm::HS256,
            ),
        ),
        (
            "other algorithm",
            sign(claims(json!({})), TEST_JWT_SECRET, Algorithm::HS512),
        ),
        (
            "no expiry",
            sign(
                json!({ "sub": "2", "iss": "wholesale-portal", "aud": "wholesale-portal-web" }),
                TEST_JWT_SECRET,
                Algorithm::HS256,
            ),
        ),
        (
            "unknown user",
            sign(
                claims(json!({ "sub": "999999" })),
                TEST_JWT_SECRET,
                Algorithm::HS256,
            ),
        ),
        ("alg none", unsigned_token()),
        ("tampered payload", {
            let mut parts: Vec<String> = genuine.split('.').map(str::to_owned).collect();
            parts[1] = base64_encode(claims(json!({ "sub": "1" })).to_string().as_bytes());
            parts.join(".")
        }),
        ("garbage", "not.a.token".to_owned()),
    ];
    for (what, token) in bad_tokens {
        let response = app.graphql(Some(&token), ME, json!({})).await;
        assert_eq!(
            error_code(&response),
            Some("UNAUTHENTICATED"),
            "{what}: {response}"
        );
        assert!(response["data"].is_null(), "{what} leaked data: {response}");
    }
}

/// A token with exactly this JSON header over the usual claims, signed with HMAC-SHA256
/// of `secret` whatever the header claims: how an attacker would try key ids and
/// algorithm confusion.
fn sign_with_header(header: Value, secret: &str) -> String {
    let header = base64_encode(header.to_string().as_bytes());
    let payload = base64_encode(claims(json!({})).to_string().as_bytes());
    let message = format!("{header}.{payload}");
    let signature = jsonwebtoken::crypto::sign(
        message.as_bytes(),
        &EncodingKey::from_secret(secret.as_bytes()),
        Algorithm::HS256,
    )
    .unwrap_or_default();
    format!("{message}.{signature}")
}

const NEXT_SECRET: &str = "the-next-signing-secret-after-rotation-0123456789";

#[tokio::test]
async fn after_a_key_rotation_sessions_signed_with_the_previous_key_go_on() {
    let before = TestApp::spawn().await;
    let old_token = before.login("buyer@demo.test").await;
    let old_kid = jsonwebtoken::decode_header(&old_token)
        .ok()
        .and_then(|header| header.kid);
    assert_eq!(
        old_kid,
        Some(key_id(&secrecy::SecretString::from(TEST_JWT_SECRET)))
    );

    // The rotated and the finished server share the first one's database, where the
    // sessions of the tokens live.
    let rotated = before
        .second_instance_with(|config| {
            config.jwt_secret = secrecy::SecretString::from(NEXT_SECRET);
            config.jwt_previous_secrets = vec![secrecy::SecretString::from(TEST_JWT_SECRET)];
        })
        .await;
    assert_no_errors(&rotated.graphql(Some(&old_token), ME, json!({})).await);
    let new_token = rotated.login("buyer@demo.test").await;
    let new_kid = jsonwebtoken::decode_header(&new_token)
        .ok()
        .and_then(|header| header.kid);
    assert_eq!(
        new_kid,
        Some(key_id(&secrecy::SecretString::from(NEXT_SECRET)))
    );
    assert_no_errors(&rotated.graphql(Some(&new_token), ME, json!({})).await);

    // Once the previous key is dropped, its sessions end.
    let finished = before
        .second_instance_with(|config| {
            config.jwt_secret = secrecy::SecretString::from(NEXT_SECRET);
        })
        .await;
    let response = finished.graphql(Some(&old_token), ME, json!({})).await;
    assert_eq!(error_code(&response), Some("UNAUTHENTICATED"), "{response}");
    assert_no_errors(&finished.graphql(Some(&new_token), ME, json!({})).await);
}

#[tokio::test]
async fn unknown_key_ids_and_algorithm_confusion_are_rejected() {
    let app = TestApp::spawn().await;
    open_session_one(&app).await;
    let current = key_id(&secrecy::SecretString::from(TEST_JWT_SECRET));
    // The control: the right key id and algorithm with the right key work.
    let genuine = sign_with_header(
        json!({ "alg": "HS256", "typ": "JWT", "kid": current }),
        TEST_JWT_SECRET,
    );
    assert_no_errors(&app.graphql(Some(&genuine), ME, json!({})).await);

    let bad_tokens = [
        (
            "a key id we do not hold, even over a valid signature",
            sign_with_header(
                json!({ "alg": "HS256", "kid": "someone-elses-key" }),
                TEST_JWT_SECRET,
            ),
        ),
        (
            "RS256 claimed, HMAC signed (algorithm confusion)",
            sign_with_header(json!({ "alg": "RS256", "kid": current }), TEST_JWT_SECRET),
        ),
        (
            "ES256 claimed, HMAC signed",
            sign_with_header(json!({ "alg": "ES256", "kid": current }), TEST_JWT_SECRET),
        ),
        ("alg none with the current key id", {
            let header = base64_encode(
                json!({ "alg": "none", "kid": current })
                    .to_string()
                    .as_bytes(),
            );
            let payload = base64_encode(claims(json!({})).to_string().as_bytes());
            format!("{header}.{payload}.")
        }),
        (
            "the current key id over another secret",
            sign_with_header(
                json!({ "alg": "HS256", "kid": current }),
                "another-secret-of-sufficient-length-00000",
            ),
        ),
    ];
    for (what, token) in bad_tokens {
        let response = app.graphql(Some(&token), ME, json!({})).await;
        assert_eq!(
            error_code(&response),
            Some("UNAUTHENTICATED"),
            "{what}: {response}"
        );
        assert!(response["data"].is_null(), "{what} leaked data: {response}");
    }
}

#[tokio::test]
async fn an_expired_token_says_the_session_expired() {
    let app = TestApp::spawn().await;
    open_session_one(&app).await;
    let now = chrono::Utc::now().timestamp();
    let expired = sign(
        claims(json!({ "iat": now - 7200, "exp": now - 3600 })),
        TEST_JWT_SECRET,
        Algorithm::HS256,
    );
    let response = app.graphql(Some(&expired), ME, json!({})).await;
    let message = response["errors"][0]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(message.contains("expired"), "{message}");
}

#[tokio::test]
async fn a_malformed_authorization_header_is_rejected_not_ignored() {
    let app = TestApp::spawn().await;
    let response: Value = app
        .client
        .post(app.url("/graphql"))
        .header("authorization", "Basic YnV5ZXI6ZGVtbw==")
        .json(&json!({ "query": ME }))
        .send()
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(error_code(&response), Some("UNAUTHENTICATED"));
}

#[tokio::test]
async fn anonymous_callers_get_unauthenticated_and_no_data() {
    let app = TestApp::spawn().await;
    let response = app.graphql(None, ME, json!({})).await;
    assert_eq!(error_code(&response), Some("UNAUTHENTICATED"));
    assert!(response["data"].is_null());
}

#[tokio::test]
async fn the_language_choice_persists_per_user() {
    let app = TestApp::spawn().await;
    let token = app.login("buyer@demo.test").await;
    let changed = app
        .graphql(
            Some(&token),
            r#"mutation { setLanguage(language: "en") { language } }"#,
            json!({}),
        )
        .await;
    assert_eq!(changed["data"]["setLanguage"]["language"], "en");
    let again = app.login("buyer@demo.test").await;
    let me = app.graphql(Some(&again), ME, json!({})).await;
    assert_eq!(me["data"]["me"]["language"], "en");
    let refused = app
        .graphql(
            Some(&token),
            r#"mutation { setLanguage(language: "fr") { language } }"#,
            json!({}),
        )
        .await;
    assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"));
}
