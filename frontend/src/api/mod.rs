//! The GraphQL client: one function, [`graphql`], and the typed operations built on it.
//!
//! API boundary: the rest of the app never builds a request or reads a JSON error; it
//! calls a typed operation (`auth::login`, `users::company_users`, ...) and gets either
//! data or an [`ApiError`] whose code the i18n module turns into a sentence.

pub mod audit;
pub mod auth;
pub mod cart;
pub mod catalog;
pub mod catalog_admin;
pub mod companies;
pub mod company_rules;
pub mod dashboard;
pub mod documents;
pub mod fulfilment;
pub mod integrations;
pub mod invitations;
pub mod notifications;
pub mod order_entry;
pub mod orders;
pub mod payments;
pub mod queue;
pub mod security;
pub mod subscription;
pub mod suggestions;
pub mod users;

use gloo_net::http::Request;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

use crate::{connectivity, session};

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
        /// The server's own text (English): people see the translated code, and this
        /// text only as its detail where it adds something (`ApiError::detail`).
        message: String,
        /// `extensions.reason`, when the server gives one (the second factor of a
        /// sign-in: `TOTP_REQUIRED`, `TOTP_INVALID`, `TOTP_ENROLLMENT_REQUIRED`).
        reason: Option<String>,
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

    /// `extensions.reason`, when the server gives one (the second factor of a
    /// sign-in: `TOTP_REQUIRED`, `TOTP_INVALID`, `TOTP_ENROLLMENT_REQUIRED`).
    pub fn reason(&self) -> Option<&str> {
        match self {
            ApiError::Api { reason, .. } => reason.as_deref(),
            ApiError::Network | ApiError::InvalidResponse => None,
        }
    }

    /// The server's own text where it says more than its code (which line, which SKU,
    /// which limit): for refusals of what the person asked. Never for sessions, missing
    /// objects or server failures, whose text adds nothing or must not be shown.
    pub fn detail(&self) -> Option<&str> {
        match self {
            ApiError::Api { code, message, .. } => match code {
                ErrorCode::Forbidden
                | ErrorCode::BadUserInput
                | ErrorCode::OutOfStock
                | ErrorCode::CreditLimit
                | ErrorCode::InvalidTransition
                | ErrorCode::Conflict => Some(message.trim()).filter(|text| !text.is_empty()),
                ErrorCode::Unauthenticated
                | ErrorCode::NotFound
                | ErrorCode::RateLimited
                | ErrorCode::Internal
                | ErrorCode::Unknown => None,
            },
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
    #[serde(default)]
    reason: Option<String>,
    #[serde(default, rename = "retryAfterSeconds")]
    retry_after_seconds: Option<u64>,
}

/// Runs one GraphQL operation and decodes its `data` into `T`.
///
/// Sends the session's token when there is one. An `UNAUTHENTICATED` answer to a request
/// that carried a token means the token expired or its session ended: the token is
/// refreshed once through the refresh cookie and the request sent again; when that
/// fails too the session is over, it is cleared, and the route guard sends the person
/// to the login page.
pub async fn graphql<T: DeserializeOwned>(query: &str, variables: Value) -> Result<T, ApiError> {
    let token = session::current_token();
    let mut result = send(query, variables.clone(), token.as_deref()).await;
    if token.is_some() && is_unauthenticated(&result) {
        if let Some(fresh) = session::refresh_now().await {
            result = send(query, variables, Some(&fresh)).await;
        }
        if is_unauthenticated(&result) {
            session::expire();
        }
    }
    if matches!(result, Err(ApiError::Network)) {
        connectivity::report_no_answer();
    } else {
        connectivity::report_answer();
    }
    if let Err(error) = &result {
        leptos::logging::warn!("GraphQL request failed: {error:?}");
    }
    result
}

/// Runs one operation with `token` instead of the session's (the session restore asks
/// for its user before there is a session).
pub async fn graphql_with_token<T: DeserializeOwned>(
    query: &str,
    variables: Value,
    token: &str,
) -> Result<T, ApiError> {
    send(query, variables, Some(token)).await
}

fn is_unauthenticated<T>(result: &Result<T, ApiError>) -> bool {
    matches!(
        result,
        Err(ApiError::Api {
            code: ErrorCode::Unauthenticated,
            ..
        })
    )
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
            leptos::logging::warn!("HTTP {status} without a GraphQL body");
            // No text of the server: there is nothing to add to the code's sentence.
            return Err(ApiError::Api {
                code: ErrorCode::from_status(status),
                message: String::new(),
                reason: None,
                retry_after_seconds: None,
            });
        }
        Err(_) => return Err(ApiError::InvalidResponse),
    };
    if let Some(error) = body.errors.into_iter().next() {
        let (code, reason, retry_after_seconds) = match error.extensions {
            Some(extensions) => (
                extensions
                    .code
                    .map_or(ErrorCode::Unknown, |code| ErrorCode::parse(&code)),
                extensions.reason,
                extensions.retry_after_seconds,
            ),
            None => (ErrorCode::Unknown, None, None),
        };
        return Err(ApiError::Api {
            code,
            message: error.message,
            reason,
            retry_after_seconds,
        });
    }
    let data = body.data.ok_or(ApiError::InvalidResponse)?;
    serde_json::from_value(data).map_err(|error| {
        leptos::logging::warn!("unexpected GraphQL data: {error}");
        ApiError::InvalidResponse
    })
}

/// One page of a paged list (`first`/`after`): its items and where the next page starts.
///
/// Decoded from a connection queried as `pageInfo { hasNextPage endCursor } nodes { … }`,
/// the shape every paged list of the API has.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(
    from = "PagedConnection<T>",
    bound(deserialize = "T: Deserialize<'de>")
)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub end_cursor: Option<String>,
    pub has_next_page: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PagedConnection<T> {
    page_info: PageInfo,
    nodes: Vec<T>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PageInfo {
    has_next_page: bool,
    #[serde(default)]
    end_cursor: Option<String>,
}

impl<T> From<PagedConnection<T>> for Page<T> {
    fn from(connection: PagedConnection<T>) -> Page<T> {
        Page {
            items: connection.nodes,
            end_cursor: connection.page_info.end_cursor,
            has_next_page: connection.page_info.has_next_page,
        }
    }
}

/// A Relay connection as the unpaged list queries return it: only the nodes.
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

/// A filter text as a variable: trimmed, and null when empty (no filter).
pub fn optional(text: &str) -> Option<&str> {
    let text = text.trim();
    (!text.is_empty()).then_some(text)
}
