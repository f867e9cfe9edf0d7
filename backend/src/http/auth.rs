//! The one place where a request's credentials become an [`Authentication`].

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::Response;

use super::AppState;
use crate::domain::auth;
use crate::domain::authz::Authentication;

/// The header a machine client may send its API key in, instead of `Authorization`.
pub const API_KEY_HEADER: &str = "x-api-key";

/// The request's authentication, from `Authorization: Bearer <token>` (a session's
/// JWT or an API key) or `X-Api-Key: <key>`.
pub struct RequestAuthentication(pub Authentication);

impl FromRequestParts<AppState> for RequestAuthentication {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        if let Some(key) = api_key_header(&parts.headers) {
            return crate::domain::api_keys::authenticate(&state.db, key)
                .await
                .map(RequestAuthentication)
                .map_err(|error| super::unavailable::failed_on_our_side(&error));
        }
        let header_value = parts.headers.get(header::AUTHORIZATION);
        let bearer = match header_value.map(|value| value.to_str()) {
            None => None,
            Some(Ok(value)) => match bearer_token(value) {
                Some(token) => Some(token),
                None => {
                    return Ok(RequestAuthentication(Authentication::Rejected(
                        "The Authorization header must be 'Bearer <token>'",
                    )));
                }
            },
            Some(Err(_)) => {
                return Ok(RequestAuthentication(Authentication::Rejected(
                    "The Authorization header must be 'Bearer <token>'",
                )));
            }
        };
        authenticate(state, bearer).await.map(RequestAuthentication)
    }
}

pub async fn authenticate(
    state: &AppState,
    bearer: Option<&str>,
) -> Result<Authentication, Response> {
    auth::authenticate(&state.db, &state.token_keys, bearer)
        .await
        .map_err(|error| super::unavailable::failed_on_our_side(&error))
}

/// The value of an `X-Api-Key` header. It is only ever checked as an API key (a
/// JWT there matches no key), and an unreadable value as an empty key: a request
/// that sent the header is never treated as anonymous.
pub fn api_key_header(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers.get(API_KEY_HEADER)?;
    Some(value.to_str().map(str::trim).unwrap_or_default())
}

/// The token of a `Bearer <token>` header value (the scheme is case-insensitive).
pub fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::bearer_token;

    #[test]
    fn only_bearer_headers_carry_a_token() {
        assert_eq!(bearer_token("Bearer abc.def.ghi"), Some("abc.def.ghi"));
        assert_eq!(bearer_token("bearer  abc"), Some("abc"));
        assert_eq!(bearer_token("Basic dXNlcjpwYXNz"), None);
        assert_eq!(bearer_token("Bearer "), None);
        assert_eq!(bearer_token("abc"), None);
    }
}
