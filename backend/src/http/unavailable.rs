//! The HTTP answer when a request fails before GraphQL runs (authentication re-reads
//! the user): `503 Service Unavailable` with `Retry-After: 1` when the database cannot
//! be reached for a moment (PostgreSQL restarting, every pool connection busy), else
//! `500`; both with a GraphQL error body (`extensions.code` `INTERNAL`), so a client
//! shows a message and retries instead of treating the session as ended.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::domain::DomainError;

pub fn failed_on_our_side(error: &DomainError) -> Response {
    let unavailable = match error {
        DomainError::Internal(cause) => cause
            .downcast_ref::<sea_orm::DbErr>()
            .is_some_and(crate::db::is_unavailable),
        _ => false,
    };
    if unavailable {
        tracing::warn!(?error, "the database is unavailable");
        let body = json!({ "errors": [{
            "message": "The service is unavailable for a moment; please try again",
            "extensions": { "code": "INTERNAL" },
        }] });
        (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::RETRY_AFTER, "1")],
            Json(body),
        )
            .into_response()
    } else {
        tracing::error!(?error, "authentication failed on our side");
        let body = json!({ "errors": [{
            "message": "Something went wrong on our side; please try again",
            "extensions": { "code": "INTERNAL" },
        }] });
        (StatusCode::INTERNAL_SERVER_ERROR, Json(body)).into_response()
    }
}
