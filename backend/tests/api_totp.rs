//! Two-factor authentication: enrolment, sign-in with a code or a recovery code, and
//! the policies that require it.

mod common;

use common::two_factor::{self, START, code, enrol, login, reason};
use common::{TestApp, assert_no_errors, error_code};
use serde_json::json;

const STATUS: &str = "{ twoFactorStatus { enabled required recoveryCodesLeft } }";
const START_AT_LOGIN: &str = "mutation($email: String!, $password: String!) { startTotpEnrollmentAtLogin(email: $email, password: $password) { secret otpauthUri qrCode } }";

#[tokio::test]
async fn an_enrolled_user_signs_in_only_with_a_valid_code() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let started = app.graphql(Some(&buyer), START, json!({})).await;
    let enrollment = &started["data"]["startTotpEnrollment"];
    assert!(
        enrollment["otpauthUri"]
            .as_str()
            .is_some_and(|uri| uri.starts_with("otpauth://totp/") && uri.contains("secret=")),
        "{started}"
    );
    assert!(
        enrollment["qrCode"]
            .as_str()
            .is_some_and(|qr| qr.starts_with("data:image/svg+xml;base64,"))
    );
    let secret = enrollment["secret"].as_str().unwrap().to_owned();
    let wrong = app
        .graphql(
            Some(&buyer),
            two_factor::CONFIRM,
            json!({ "code": "000000" }),
        )
        .await;
    assert_eq!(error_code(&wrong), Some("BAD_USER_INPUT"));
    let confirmed = app
        .graphql(
            Some(&buyer),
            two_factor::CONFIRM,
            json!({ "code": code(&secret, 0) }),
        )
        .await;
    assert_no_errors(&confirmed);
    assert_eq!(
        confirmed["data"]["confirmTotpEnrollment"]
            .as_array()
            .map(Vec::len),
        Some(10)
    );
    let status = app.graphql(Some(&buyer), STATUS, json!({})).await;
    assert_eq!(
        status["data"]["twoFactorStatus"],
        json!({ "enabled": true, "required": false, "recoveryCodesLeft": 10 })
    );
    // The secret is never handed out again.
    let again = app.graphql(Some(&buyer), START, json!({})).await;
    assert_eq!(error_code(&again), Some("CONFLICT"));

    let without = login(&app, "buyer@demo.test", None).await;
    assert_eq!(error_code(&without), Some("UNAUTHENTICATED"));
    assert_eq!(reason(&without), Some("TOTP_REQUIRED"));
    let wrong = login(&app, "buyer@demo.test", Some("123456")).await;
    let wrong = if reason(&wrong) == Some("TOTP_INVALID") {
        wrong
    } else {
        login(&app, "buyer@demo.test", Some("654321")).await
    };
    assert_eq!(error_code(&wrong), Some("UNAUTHENTICATED"));
    assert_eq!(reason(&wrong), Some("TOTP_INVALID"));
    // A wrong password never reaches the second factor.
    let bad_password = app
        .graphql(
            None,
            two_factor::LOGIN,
            json!({ "email": "buyer@demo.test", "password": "wrong-password", "totp": code(&secret, 30) }),
        )
        .await;
    assert_eq!(reason(&bad_password), None);
    assert_eq!(error_code(&bad_password), Some("UNAUTHENTICATED"));

    let next_code = code(&secret, 30);
    let signed_in = login(&app, "buyer@demo.test", Some(&next_code)).await;
    assert_no_errors(&signed_in);
    assert!(signed_in["data"]["login"]["token"].is_string());
    assert!(signed_in["data"]["login"]["recoveryCodes"].is_null());
    // The same code twice is refused (RFC 6238 §5.2).
    let replayed = login(&app, "buyer@demo.test", Some(&next_code)).await;
    assert_eq!(reason(&replayed), Some("TOTP_INVALID"));
}

#[tokio::test]
async fn a_recovery_code_signs_in_once() {
    let app = TestApp::spawn().await;
    let viewer = app.login("viewer@demo.test").await;
    let (_, codes) = enrol(&app, &viewer).await;
    let first = login(&app, "viewer@demo.test", Some(&codes[3].to_uppercase())).await;
    assert_no_errors(&first);
    let token = first["data"]["login"]["token"].as_str().unwrap().to_owned();
    let status = app.graphql(Some(&token), STATUS, json!({})).await;
    assert_eq!(status["data"]["twoFactorStatus"]["recoveryCodesLeft"], 9);
    let second = login(&app, "viewer@demo.test", Some(&codes[3])).await;
    assert_eq!(reason(&second), Some("TOTP_INVALID"));
    let unknown = login(&app, "viewer@demo.test", Some("aaaaa-bbbbb")).await;
    assert_eq!(reason(&unknown), Some("TOTP_INVALID"));
}

#[tokio::test]
async fn new_recovery_codes_replace_the_old_ones_and_turning_off_needs_proof() {
    let app = TestApp::spawn().await;
    let buyer = app.login("buyer@demo.test").await;
    let (secret, old_codes) = enrol(&app, &buyer).await;
    let regenerate = "mutation($code: String!) { regenerateRecoveryCodes(code: $code) }";
    let refused = app
        .graphql(Some(&buyer), regenerate, json!({ "code": "demo-password" }))
        .await;
    assert_eq!(error_code(&refused), Some("BAD_USER_INPUT"));
    let renewed = app
        .graphql(
            Some(&buyer),
            regenerate,
            json!({ "code": code(&secret, 30) }),
        )
        .await;
    assert_no_errors(&renewed);
    let new_codes = renewed["data"]["regenerateRecoveryCodes"]
        .as_array()
        .unwrap();
    assert_eq!(new_codes.len(), 10);
    let old = login(&app, "buyer@demo.test", Some(&old_codes[0])).await;
    assert_eq!(reason(&old), Some("TOTP_INVALID"));
    let new = login(&app, "buyer@demo.test", new_codes[0].as_str()).await;
    assert_no_errors(&new);

    let disable = "mutation($proof: String!) { disableTotp(codeOrPassword: $proof) { enabled } }";
    let wrong = app
        .graphql(Some(&buyer), disable, json!({ "proof": "not-my-password" }))
        .await;
    assert_eq!(error_code(&wrong), Some("BAD_USER_INPUT"));
    let off = app
        .graphql(Some(&buyer), disable, json!({ "proof": "demo-password" }))
        .await;
    assert_no_errors(&off);
    assert_eq!(off["data"]["disableTotp"]["enabled"], false);
    assert_no_errors(&login(&app, "buyer@demo.test", None).await);
}

#[tokio::test]
async fn the_policy_makes_staff_and_admins_enrol_at_sign_in_and_keeps_it_on() {
    let app = TestApp::spawn_with(|config| config.require_totp = true).await;
    // Roles the policy does not name sign in as before.
    assert_no_errors(&login(&app, "buyer@demo.test", None).await);
    for email in ["staff@demo.test", "admin@demo.test"] {
        let refused = login(&app, email, None).await;
        assert_eq!(error_code(&refused), Some("UNAUTHENTICATED"), "{refused}");
        assert_eq!(reason(&refused), Some("TOTP_ENROLLMENT_REQUIRED"));
    }
    // The enrolment at sign-in checks the password, and only serves who must enrol.
    let bad = app
        .graphql(
            None,
            START_AT_LOGIN,
            json!({ "email": "staff@demo.test", "password": "wrong-password" }),
        )
        .await;
    assert_eq!(error_code(&bad), Some("UNAUTHENTICATED"));
    let not_needed = app
        .graphql(
            None,
            START_AT_LOGIN,
            json!({ "email": "buyer@demo.test", "password": "demo-password" }),
        )
        .await;
    assert_eq!(error_code(&not_needed), Some("FORBIDDEN"));
    let started = app
        .graphql(
            None,
            START_AT_LOGIN,
            json!({ "email": "staff@demo.test", "password": "demo-password" }),
        )
        .await;
    assert_no_errors(&started);
    let secret = started["data"]["startTotpEnrollmentAtLogin"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let wrong = login(&app, "staff@demo.test", Some("000000")).await;
    let wrong = if reason(&wrong) == Some("TOTP_INVALID") {
        wrong
    } else {
        login(&app, "staff@demo.test", Some("999999")).await
    };
    assert_eq!(reason(&wrong), Some("TOTP_INVALID"));
    let enrolled = login(&app, "staff@demo.test", Some(&code(&secret, 0))).await;
    assert_no_errors(&enrolled);
    assert_eq!(
        enrolled["data"]["login"]["recoveryCodes"]
            .as_array()
            .map(Vec::len),
        Some(10)
    );
    let staff = enrolled["data"]["login"]["token"]
        .as_str()
        .unwrap()
        .to_owned();
    let again = login(&app, "staff@demo.test", None).await;
    assert_eq!(reason(&again), Some("TOTP_REQUIRED"));
    assert_no_errors(&login(&app, "staff@demo.test", Some(&code(&secret, 30))).await);
    let status = app.graphql(Some(&staff), STATUS, json!({})).await;
    assert_eq!(status["data"]["twoFactorStatus"]["required"], true);
    let off = app
        .graphql(
            Some(&staff),
            "mutation { disableTotp(codeOrPassword: \"demo-password\") { enabled } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&off), Some("FORBIDDEN"));
}

#[tokio::test]
async fn a_company_admin_can_require_it_of_its_own_approvers_only() {
    let app = TestApp::spawn().await;
    let admin = app.login("admin@demo.test").await;
    let buyer = app.login("buyer@demo.test").await;
    let set = "mutation($required: Boolean!) { setApproversRequireTotp(required: $required) { approversRequireTotp } }";
    let forbidden = app
        .graphql(Some(&buyer), set, json!({ "required": true }))
        .await;
    assert_eq!(error_code(&forbidden), Some("FORBIDDEN"));
    let on = app
        .graphql(Some(&admin), set, json!({ "required": true }))
        .await;
    assert_no_errors(&on);
    let read = app
        .graphql(
            Some(&admin),
            "{ companySecurity { approversRequireTotp } }",
            json!({}),
        )
        .await;
    assert_eq!(
        read["data"]["companySecurity"]["approversRequireTotp"],
        true
    );

    let approver = login(&app, "approver@demo.test", None).await;
    assert_eq!(reason(&approver), Some("TOTP_ENROLLMENT_REQUIRED"));
    // Other roles of the company and the other company's approver are not affected.
    assert_no_errors(&login(&app, "buyer@demo.test", None).await);
    assert_no_errors(&login(&app, "admin@demo.test", None).await);
    assert_no_errors(&login(&app, "approver@other.test", None).await);

    let off = app
        .graphql(Some(&admin), set, json!({ "required": false }))
        .await;
    assert_no_errors(&off);
    assert_no_errors(&login(&app, "approver@demo.test", None).await);
}
