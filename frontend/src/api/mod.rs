//! The GraphQL client: one function, [`graphql`], and the typed operations built on it.
//!
//! API boundary: the rest of the app never builds a request or reads a JSON error; it
//! calls a typed operation (`auth::login`, `users::company_users`, ...) and gets either
//! data or an [`ApiError`] whose code the i18n module turns into a sentence.

pub mod auth;
pub mod cart;
pub mod catalog;
pub mod catalog_admin;
pub mod companies;
pub mod company_rules;
pub mod documents;
pub mod fulfilment;
pub mod notifications;
pub mod order_entry;
pub mod orders;
pub mod payments;
pub mod queue;
pub mod subscription;
pub mod users;

use gloo_net::http::Request;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::session;

/// Same origin: the backend serves the SPA and the API together.
const ENDPOINT: &str = "/graphql";

/// `errors[].extensions.code` of the public contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    Unauthenticated,
    Forbidden,
    NotFound,
    BadUserInput,
    OutOfStock,
    CreditLimit,
    InvalidTransition,
    Conflict,
    RateLimited,
    Internal,
    /// A code this build does not know yet; shown like an internal error.
    Unknown,
}

impl ErrorCode {
    pub fn parse(code: &str) -> ErrorCode {
        match code {
            "UNAUTHENTICATED" => ErrorCode::Unauthenticated,
            "FORBIDDEN" => ErrorCode::Forbidden,
            "NOT_FOUND" => ErrorCode::NotFound,
            "BAD_USER_INPUT" => ErrorCode::BadUserInput,
            "OUT_OF_STOCK" => ErrorCode::OutOfStock,
            "CREDIT_LIMIT" => ErrorCode::CreditLimit,
            "INVALID_TRANSITION" => ErrorCode::InvalidTransition,
            "CONFLICT" => ErrorCode::Conflict,
            "RATE_LIMITED" => ErrorCode::RateLimited,
            "INTERNAL" => ErrorCode::Internal,
            _ => ErrorCode::Unknown,
        }
    }

    /// What an HTTP status means when the body carries no GraphQL error.
    fn from_status(status: u16) -> ErrorCode {
        match status {
            401 => ErrorCode::Unauthenticated,
            403 => ErrorCode::Forbidden,
            404 => ErrorCode::NotFound,
            400 | 413 | 415 | 422 => ErrorCode::BadUserInput,
            409 => ErrorCode::Conflict,
            429 => ErrorCode::RateLimited,
            _ => ErrorCode::Internal,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The server answered with a GraphQL error (or an HTTP error status).
    Api {
        code: ErrorCode,
        /// The server's own text, for the console only: people see the translated code.
        message: String,
        /// With `RATE_LIMITED`: how long to wait before trying again.
        retry_after_seconds: Option<u64>,
    },
    /// The request never got an answer.
    Network,
    /// An answer that is not the GraphQL response this client expects.
    InvalidResponse,
}

impl ApiError {
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            ApiError::Api { code, .. } => Some(*code),
            ApiError::Network | ApiError::InvalidResponse => None,
        }
    }

    /// How long a `RATE_LIMITED` caller must wait (`extensions.retryAfterSeconds`).
    pub fn retry_after_seconds(&self) -> Option<u64> {
        match self {
            ApiError::Api {
                retry_after_seconds,
                ..
            } => *retry_after_seconds,
            ApiError::Network | ApiError::InvalidResponse => None,
        }
    }
}

#[derive(Deserialize)]
struct GraphqlResponse {
    #[serde(default)]
    data: Option<Value>,
    #[serde(default)]
    errors: Vec<GraphqlError>,
}

#[derive(Deserialize)]
struct GraphqlError {
    #[serde(default)]
    message: String,
    #[serde(default)]
    extensions: Option<GraphqlErrorExtensions>,
}

#[derive(Deserialize)]
struct GraphqlErrorExtensions {
    #[serde(default)]
    code: Option<String>,
    #[serde(default, rename = "retryAfterSeconds")]
    retry_after_seconds: Option<u64>,
}

/// Runs one GraphQL operation and decodes its `data` into `T`.
///
/// Sends the session's token when there is one. An `UNAUTHENTICATED` answer to a request
/// that carried a token means the session is over: it is cleared, and the route guard
/// sends the person to the login page.
pub async fn graphql<T: DeserializeOwned>(query: &str, variables: Value) -> Result<T, ApiError> {
    let token = session::current_token();
    let result = send(query, variables, token.as_deref()).await;
    if token.is_some()
        && let Err(ApiError::Api {
            code: ErrorCode::Unauthenticated,
            ..
        }) = &result
    {
        session::expire();
    }
    if let Err(error) = &result {
        leptos::logging::warn!("GraphQL request failed: {error:?}");
    }
    result
}

async fn send<T: DeserializeOwned>(
    query: &str,
    variables: Value,
    token: Option<&str>,
) -> Result<T, ApiError> {
    let mut request = Request::post(ENDPOINT).header(
        "Accept",
        "application/graphql-response+json, application/json;q=0.9",
    );
    if let Some(token) = token {
        request = request.header("Authorization", &format!("Bearer {token}"));
    }
    let response = request
        .json(&json!({ "query": query, "variables": variables }))
        .map_err(|_| ApiError::InvalidResponse)?
        .send()
        .await
        .map_err(|_| ApiError::Network)?;

    let status = response.status();
    // GraphQL over HTTP may answer errors with a 4xx status and a normal body: read the
    // body first and fall back to the status only when it is not a GraphQL response.
    let body = match response.json::<GraphqlResponse>().await {
        Ok(body) => body,
        Err(_) if !response.ok() => {
            return Err(ApiError::Api {
                code: ErrorCode::from_status(status),
                message: format!("HTTP {status}"),
                retry_after_seconds: None,
            });
        }
        Err(_) => return Err(ApiError::InvalidResponse),
    };
    if let Some(error) = body.errors.into_iter().next() {
        let (code, retry_after_seconds) = match error.extensions {
            Some(extensions) => (
                extensions
                    .code
                    .map_or(ErrorCode::Unknown, |code| ErrorCode::parse(&code)),
                extensions.retry_after_seconds,
            ),
            None => (ErrorCode::Unknown, None),
        };
        return Err(ApiError::Api {
            code,
            message: error.message,
            retry_after_seconds,
        });
    }
    let data = body.data.ok_or(ApiError::InvalidResponse)?;
    serde_json::from_value(data).map_err(|error| {
        leptos::logging::warn!("unexpected GraphQL data: {error}");
        ApiError::InvalidResponse
    })
}

/// A Relay connection as the list queries return it; only the nodes are used so far.
#[derive(Deserialize)]
pub struct Connection<T> {
    pub edges: Vec<Edge<T>>,
}

#[derive(Deserialize)]
pub struct Edge<T> {
    pub node: T,
}

impl<T> Connection<T> {
    pub fn into_nodes(self) -> Vec<T> {
        self.edges.into_iter().map(|edge| edge.node).collect()
    }
}
