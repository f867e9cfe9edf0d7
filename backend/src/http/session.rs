//! The refresh cookie and its two endpoints.
//!
//! `login` sets `portal_refresh` (HttpOnly, Secure, SameSite=Strict, Path=/auth, so
//! it is sent to these endpoints only and never readable by scripts). `POST
//! /auth/refresh` rotates it and answers a new access token; `POST /auth/logout` ends
//! its session. Both refuse cross-site requests: a foreign `Origin` is refused, and
//! without a same-origin `Origin` the custom header `x-portal-csrf: 1` must be present
//! (a cross-site page cannot send it without a CORS preflight, which this server never
//! grants). Neither the cookie nor a token is ever logged.

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::AppState;
use crate::domain::DomainError;
use crate::domain::auth::session::{self, Issued};

pub const COOKIE_NAME: &str = "portal_refresh";
pub const CSRF_HEADER: &str = "x-portal-csrf";

/// The request's `User-Agent`, in the GraphQL request data for a new session.
#[derive(Clone, Debug, Default)]
pub struct UserAgent(pub Option<String>);

impl UserAgent {
    pub fn of(headers: &HeaderMap) -> UserAgent {
        UserAgent(
            headers
                .get(header::USER_AGENT)
                .and_then(|value| value.to_str().ok())
                .map(|agent| agent.chars().take(256).collect()),
        )
    }
}

/// The `Set-Cookie` value that hands `issued`'s refresh token to the browser until
/// its session ends.
pub fn refresh_cookie(issued: &Issued) -> String {
    format!(
        "{COOKIE_NAME}={}; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age={}",
        issued.refresh_token,
        issued.seconds_left()
    )
}

/// The `Set-Cookie` value that removes the refresh cookie.
pub fn clearing_cookie() -> &'static str {
    "portal_refresh=; HttpOnly; Secure; SameSite=Strict; Path=/auth; Max-Age=0"
}

/// The refresh token in the request's cookies.
fn presented_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().split_once('='))
        .find(|(name, value)| *name == COOKIE_NAME && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// Same-origin only: an `Origin` must be this host's; without one, the custom header
/// must be there.
fn is_same_origin(headers: &HeaderMap) -> bool {
    let custom_header = headers
        .get(CSRF_HEADER)
        .is_some_and(|value| value.as_bytes() == b"1");
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    match headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok())
    {
        Some(origin) => {
            let origin_host = origin
                .strip_prefix("https://")
                .or_else(|| origin.strip_prefix("http://"));
            origin_host.is_some() && origin_host == host
        }
        None => custom_header,
    }
}

fn refused_cross_site() -> Response {
    (
        StatusCode::FORBIDDEN,
        axum::Json(json!({
            "code": "FORBIDDEN",
            "message": "Cross-site requests are refused",
        })),
    )
        .into_response()
}

fn unauthenticated(message: &str) -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [
            (
                header::SET_COOKIE,
                HeaderValue::from_static(clearing_cookie()),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        axum::Json(json!({ "code": "UNAUTHENTICATED", "message": message })),
    )
        .into_response()
}

fn internal(error: &DomainError) -> Response {
    tracing::error!(?error, "a session request failed on our side");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        axum::Json(json!({ "code": "INTERNAL", "message": "Something went wrong on our side" })),
    )
        .into_response()
}

/// `POST /auth/refresh`: rotates the cookie's refresh token and answers a new access
/// token, or 401 with a clearing cookie.
pub async fn refresh(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !is_same_origin(&headers) {
        return refused_cross_site();
    }
    let Some(presented) = presented_token(&headers) else {
        return unauthenticated("Sign in to continue");
    };
    let issued = match session::refresh(&state.db, &presented).await {
        Ok(issued) => issued,
        Err(DomainError::Unauthenticated(message)) => return unauthenticated(message),
        Err(error) => return internal(&error),
    };
    let token = match state.token_keys.issue(issued.user_id, issued.session_id) {
        Ok(token) => token,
        Err(error) => return internal(&DomainError::Internal(error)),
    };
    let Ok(cookie) = HeaderValue::from_str(&refresh_cookie(&issued)) else {
        return internal(&DomainError::internal(anyhow::anyhow!(
            "a refresh cookie is not a header value"
        )));
    };
    (
        StatusCode::OK,
        [
            (header::SET_COOKIE, cookie),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        axum::Json(json!({
            "token": token,
            "expiresInSeconds": state.token_keys.lifetime().num_seconds(),
        })),
    )
        .into_response()
}

/// `POST /auth/logout`: ends the cookie's session (if any) and clears the cookie.
pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if !is_same_origin(&headers) {
        return refused_cross_site();
    }
    if let Some(presented) = presented_token(&headers)
        && let Err(error) = session::revoke(&state.db, &presented).await
    {
        return internal(&error);
    }
    (
        StatusCode::NO_CONTENT,
        [
            (
                header::SET_COOKIE,
                HeaderValue::from_static(clearing_cookie()),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn only_same_origin_requests_pass() {
        assert!(is_same_origin(&headers(&[("x-portal-csrf", "1")])));
        assert!(is_same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080")
        ])));
        assert!(!is_same_origin(&headers(&[])));
        assert!(!is_same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "https://evil.example"),
            ("x-portal-csrf", "1")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "null")
        ])));
    }

    #[test]
    fn the_refresh_cookie_is_found_among_others() {
        let found = presented_token(&headers(&[("cookie", "a=1; portal_refresh=abc; b=2")]));
        assert_eq!(found.as_deref(), Some("abc"));
        assert_eq!(
            presented_token(&headers(&[("cookie", "portal_refresh=")])),
            None
        );
    }
}
