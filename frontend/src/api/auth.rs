//! Signing in and the signed-in user: `login`, `me`, `setLanguage`; the refresh
//! cookie's `/auth/refresh` and `/auth/logout`; passwords: change, reset.

use serde::{Deserialize, Serialize};
use serde_json::json;
use shared::Role;

use gloo_net::http::Request;

use super::{ApiError, ErrorCode, graphql, graphql_with_token};

/// The header that tells `/auth/*` the request comes from this app (a cross-site page
/// cannot send it without a CORS preflight, which the server never grants).
const CSRF_HEADER: (&str, &str) = ("x-portal-csrf", "1");

/// The fields of `User` the shell needs; also what the session keeps in local storage.
pub const USER_FIELDS: &str =
    "id email name role language company { id name suspended suspendedReason }";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// `he` or `en`; older sessions and servers may not send it.
    #[serde(default)]
    pub language: Option<String>,
    /// Null for supplier staff.
    #[serde(default)]
    pub company: Option<CompanyRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyRef {
    pub id: String,
    pub name: String,
    /// The supplier suspended the company: it reads but cannot order (the banner).
    #[serde(default)]
    pub suspended: bool,
    #[serde(default)]
    pub suspended_reason: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuthPayload {
    pub token: String,
    pub user: User,
    /// Shown once when this sign-in completed a required two-factor set-up.
    #[serde(default)]
    pub recovery_codes: Option<Vec<String>>,
}

/// Signs in; `totp` is the second factor (a code or a recovery code) when asked for.
pub async fn login(
    email: &str,
    password: &str,
    totp: Option<&str>,
) -> Result<AuthPayload, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        login: AuthPayload,
    }
    let query = format!(
        "mutation Login($email: String!, $password: String!, $totp: String) {{ \
           login(email: $email, password: $password, totp: $totp) {{ token recoveryCodes \
           user {{ {USER_FIELDS} }} }} }}"
    );
    let variables = json!({ "email": email, "password": password, "totp": totp });
    let data: Data = graphql(&query, variables).await?;
    Ok(data.login)
}

pub async fn set_language(language: &str) -> Result<(), ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        #[expect(dead_code, reason = "only the presence of the answer matters")]
        set_language: serde_json::Value,
    }
    let _: Data = graphql(
        "mutation SetLanguage($language: String!) { setLanguage(language: $language) { id } }",
        json!({ "language": language }),
    )
    .await?;
    Ok(())
}

/// The user of `token`, before it is the session's (the session restore).
pub async fn me_with_token(token: &str) -> Result<User, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        me: User,
    }
    let query = format!("query Me {{ me {{ {USER_FIELDS} }} }}");
    let data: Data = graphql_with_token(&query, json!({}), token).await?;
    Ok(data.me)
}

/// A new access token from `POST /auth/refresh`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Access {
    pub token: String,
    #[expect(dead_code, reason = "the expiry is read from the token itself")]
    pub expires_in_seconds: i64,
}

fn status_error(status: u16) -> ApiError {
    ApiError::Api {
        code: match status {
            401 => ErrorCode::Unauthenticated,
            403 => ErrorCode::Forbidden,
            _ => ErrorCode::Internal,
        },
        message: String::new(),
        reason: None,
        retry_after_seconds: None,
    }
}

/// Trades the HttpOnly refresh cookie (sent by the browser, same origin only) for a
/// new access token; the server sets the next cookie.
pub async fn refresh() -> Result<Access, ApiError> {
    let response = Request::post("/auth/refresh")
        .header(CSRF_HEADER.0, CSRF_HEADER.1)
        .credentials(web_sys::RequestCredentials::SameOrigin)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return Err(status_error(response.status()));
    }
    response
        .json::<Access>()
        .await
        .map_err(|_| ApiError::InvalidResponse)
}

/// Ends the refresh cookie's session on the server and clears the cookie.
pub async fn logout() -> Result<(), ApiError> {
    let response = Request::post("/auth/logout")
        .header(CSRF_HEADER.0, CSRF_HEADER.1)
        .credentials(web_sys::RequestCredentials::SameOrigin)
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if response.ok() {
        Ok(())
    } else {
        Err(status_error(response.status()))
    }
}

/// The answer of the mutations that answer `true` (queried as `done: …`).
#[derive(Deserialize)]
struct Done {
    #[expect(dead_code, reason = "the operations always answer true")]
    done: bool,
}

/// Ends every session of the signed-in user, this one included.
pub async fn logout_everywhere() -> Result<(), ApiError> {
    let _: Done = graphql(
        "mutation LogoutEverywhere { done: logoutEverywhere }",
        json!({}),
    )
    .await?;
    Ok(())
}

/// Changes the signed-in user's password; the other sessions end.
pub async fn change_password(current: &str, new: &str) -> Result<(), ApiError> {
    let _: Done = graphql(
        "mutation ChangePassword($current: String!, $new: String!) { done: changePassword(currentPassword: $current, newPassword: $new) }",
        json!({ "current": current, "new": new }),
    )
    .await?;
    Ok(())
}

/// Asks for a reset link by e-mail (the same answer whether the account exists or not).
pub async fn request_password_reset(email: &str) -> Result<(), ApiError> {
    let _: Done = graphql(
        "mutation RequestPasswordReset($email: String!) { done: requestPasswordReset(email: $email) }",
        json!({ "email": email }),
    )
    .await?;
    Ok(())
}

/// Sets a new password with the token of a reset link.
pub async fn reset_password(token: &str, new: &str) -> Result<(), ApiError> {
    let _: Done = graphql(
        "mutation ResetPassword($token: String!, $new: String!) { done: resetPassword(token: $token, newPassword: $new) }",
        json!({ "token": token, "new": new }),
    )
    .await?;
    Ok(())
}
