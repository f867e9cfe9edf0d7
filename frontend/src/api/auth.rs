//! Signing in and the signed-in user: `login`, `me`, `setLanguage`.

use serde::{Deserialize, Serialize};
use serde_json::json;
use shared::Role;

use super::{ApiError, graphql};

/// The fields of `User` the shell needs; also what the session keeps in local storage.
const USER_FIELDS: &str = "id email name role language company { id name }";

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
pub struct CompanyRef {
    pub id: String,
    pub name: String,
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

pub async fn me() -> Result<User, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        me: User,
    }
    let query = format!("query Me {{ me {{ {USER_FIELDS} }} }}");
    let data: Data = graphql(&query, json!({})).await?;
    Ok(data.me)
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
