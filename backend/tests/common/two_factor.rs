//! Two-factor helpers: codes computed from the secret an enrolment showed, as an
//! authenticator app would.

use serde_json::{Value, json};
use totp_rs::{Algorithm, Builder, Secret};

use super::{TestApp, assert_no_errors};

pub const START: &str = "mutation { startTotpEnrollment { secret otpauthUri qrCode } }";
pub const CONFIRM: &str = "mutation($code: String!) { confirmTotpEnrollment(code: $code) }";
pub const LOGIN: &str = "mutation($email: String!, $password: String!, $totp: String) { login(email: $email, password: $password, totp: $totp) { token recoveryCodes user { email } } }";

/// The code of `secret` at now + `offset_seconds` (30 s later is the next step, which
/// the server still accepts and has not seen yet).
pub fn code(secret: &str, offset_seconds: i64) -> String {
    let secret = Secret::try_from_base32(secret).expect("a base32 secret");
    let totp = Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_account_name("test")
        .build()
        .expect("a TOTP");
    let now = chrono::Utc::now().timestamp() + offset_seconds;
    totp.generate(now as u64).to_string()
}

/// `extensions.reason` of the first error.
pub fn reason(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["reason"].as_str()
}

pub async fn login(app: &TestApp, email: &str, totp: Option<&str>) -> Value {
    app.graphql(
        None,
        LOGIN,
        json!({ "email": email, "password": backend::seed::DEMO_PASSWORD, "totp": totp }),
    )
    .await
}

/// Turns two-factor authentication on for the holder of `token`; returns the secret
/// and the recovery codes.
pub async fn enrol(app: &TestApp, token: &str) -> (String, Vec<String>) {
    let started = app.graphql(Some(token), START, json!({})).await;
    assert_no_errors(&started);
    let secret = started["data"]["startTotpEnrollment"]["secret"]
        .as_str()
        .expect("a secret")
        .to_owned();
    let confirmed = app
        .graphql(Some(token), CONFIRM, json!({ "code": code(&secret, 0) }))
        .await;
    assert_no_errors(&confirmed);
    let codes = confirmed["data"]["confirmTotpEnrollment"]
        .as_array()
        .expect("recovery codes")
        .iter()
        .map(|code| code.as_str().expect("a code").to_owned())
        .collect();
    (secret, codes)
}
