//! Two-factor authentication: the caller's own set-up, the set-up a policy requires
//! during sign-in, and a company admin's rule for its approvers.

use serde::Deserialize;
use serde_json::json;

use super::{ApiError, graphql};

/// A new secret for an authenticator app, shown once.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TotpEnrollment {
    pub secret: String,
    pub otpauth_uri: String,
    /// An SVG `data:` URL.
    pub qr_code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub required: bool,
    pub recovery_codes_left: i32,
}

const ENROLLMENT_FIELDS: &str = "secret otpauthUri qrCode";
const STATUS_FIELDS: &str = "enabled required recoveryCodesLeft";

pub async fn status() -> Result<TwoFactorStatus, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        two_factor_status: TwoFactorStatus,
    }
    let query = format!("query TwoFactorStatus {{ twoFactorStatus {{ {STATUS_FIELDS} }} }}");
    let data: Data = graphql(&query, json!({})).await?;
    Ok(data.two_factor_status)
}

pub async fn start_enrollment() -> Result<TotpEnrollment, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        start_totp_enrollment: TotpEnrollment,
    }
    let query = format!("mutation StartTotp {{ startTotpEnrollment {{ {ENROLLMENT_FIELDS} }} }}");
    let data: Data = graphql(&query, json!({})).await?;
    Ok(data.start_totp_enrollment)
}

/// Turns two-factor authentication on; returns the recovery codes.
pub async fn confirm_enrollment(code: String) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        confirm_totp_enrollment: Vec<String>,
    }
    let data: Data = graphql(
        "mutation ConfirmTotp($code: String!) { confirmTotpEnrollment(code: $code) }",
        json!({ "code": code }),
    )
    .await?;
    Ok(data.confirm_totp_enrollment)
}

pub async fn disable(code_or_password: String) -> Result<TwoFactorStatus, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        disable_totp: TwoFactorStatus,
    }
    let query = format!(
        "mutation DisableTotp($proof: String!) {{ disableTotp(codeOrPassword: $proof) {{ {STATUS_FIELDS} }} }}"
    );
    let data: Data = graphql(&query, json!({ "proof": code_or_password })).await?;
    Ok(data.disable_totp)
}

pub async fn regenerate_recovery_codes(code: String) -> Result<Vec<String>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        regenerate_recovery_codes: Vec<String>,
    }
    let data: Data = graphql(
        "mutation RegenerateRecoveryCodes($code: String!) { regenerateRecoveryCodes(code: $code) }",
        json!({ "code": code }),
    )
    .await?;
    Ok(data.regenerate_recovery_codes)
}

/// The set-up a policy requires, during sign-in (the password is checked again).
pub async fn start_enrollment_at_login(
    email: &str,
    password: &str,
) -> Result<TotpEnrollment, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        start_totp_enrollment_at_login: TotpEnrollment,
    }
    let query = format!(
        "mutation StartTotpAtLogin($email: String!, $password: String!) {{ \
           startTotpEnrollmentAtLogin(email: $email, password: $password) {{ {ENROLLMENT_FIELDS} }} }}"
    );
    let data: Data = graphql(&query, json!({ "email": email, "password": password })).await?;
    Ok(data.start_totp_enrollment_at_login)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CompanySecurity {
    approvers_require_totp: bool,
}

/// Whether the caller's company requires two-factor authentication of its approvers.
pub async fn approvers_require_totp() -> Result<bool, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        company_security: CompanySecurity,
    }
    let data: Data = graphql(
        "query CompanySecurity { companySecurity { approversRequireTotp } }",
        json!({}),
    )
    .await?;
    Ok(data.company_security.approvers_require_totp)
}

pub async fn set_approvers_require_totp(required: bool) -> Result<bool, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        set_approvers_require_totp: CompanySecurity,
    }
    let data: Data = graphql(
        "mutation SetApproversRequireTotp($required: Boolean!) { \
           setApproversRequireTotp(required: $required) { approversRequireTotp } }",
        json!({ "required": required }),
    )
    .await?;
    Ok(data.set_approvers_require_totp.approvers_require_totp)
}
