//! The one place where a request's credentials become an [`Authentication`].

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::Response;

use super::AppState;
use crate::domain::auth;
use crate::domain::authz::Authentication;

/// The request's authentication, from `Authorization: Bearer <token>`.
pub struct RequestAuthentication(pub Authentication);

impl FromRequestParts<AppState> for RequestAuthentication {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
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
