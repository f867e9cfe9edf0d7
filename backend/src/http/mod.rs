//! The HTTP edge: routes, middleware and the authentication extractor.
//!
//! `/graphql` (POST; GET runs queries or shows GraphiQL to a browser), `/graphql/ws`
//! (subscriptions, `graphql-transport-ws`), document downloads (`/invoices/{id}/pdf`,
//! `/credit-notes/{id}/pdf`, `/ledger/{company}/statement.csv|pdf`), `/healthz`,
//! `/metrics`, the refresh cookie's `/auth/refresh` and `/auth/logout` (POST), and the SPA with client-side routes falling back to `index.html`.

pub mod auth;
pub mod client_ip;
pub mod documents;
pub mod exports;
pub mod graphql;
mod graphql_over_http;
pub mod health;
pub mod metrics;
pub mod security;
pub mod session;
pub mod spa;
mod unavailable;

use std::path::Path;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, Request, header};
use axum::routing::{get, post};
use sea_orm::DatabaseConnection;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::domain::audit::RequestOrigin;
use crate::domain::auth::token::TokenKeys;
use crate::domain::invoicing::SupplierDetails;
use crate::graphql::executor::PortalExecutor;
use security::SecurityHeaders;

/// The largest request body accepted (GraphQL documents and variables): room for a
/// catalog CSV of 20,000 rows with Hebrew text (about 130 bytes a row).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub schema: PortalExecutor,
    pub token_keys: TokenKeys,
    /// The supplier's details printed on documents.
    pub supplier: SupplierDetails,
    /// Proxies whose `X-Forwarded-For` names the client (`client_ip.rs`).
    pub trusted_proxies: std::sync::Arc<[std::net::IpAddr]>,
}

pub fn router(state: AppState, static_dir: Option<&Path>, security: SecurityHeaders) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    let api = Router::new()
        .route(
            "/graphql",
            get(graphql::graphql_get).post(graphql::graphql_post),
        )
        .route("/graphql/ws", get(graphql::graphql_ws))
        .route("/invoices/{id}/pdf", get(documents::invoice_pdf))
        .route("/credit-notes/{id}/pdf", get(documents::credit_note_pdf))
        .route("/ledger/{company}/{file}", get(documents::statement))
        .route("/exports/{file}", get(exports::export_csv))
        .route("/auth/refresh", post(session::refresh))
        .route("/auth/logout", post(session::logout))
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::render))
        .with_state(state.clone());
    let app = match static_dir {
        Some(dir) => api.fallback_service(spa::service(dir)),
        None => api,
    };
    app.layer(axum::middleware::from_fn(metrics::track))
        .layer(axum::middleware::from_fn_with_state(state, request_origin))
        .layer(CompressionLayer::new())
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        // The limit above is the one limit; axum's own default (2 MB) would undercut it
        // for handlers that read the body as bytes (`graphql_post`).
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // GraphiQL and the documents set their own policy; every other response,
        // errors included, gets the app's.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            security.content_security_policy,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            security::OptionalHeader(security.strict_transport_security),
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let request_id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or_default();
                tracing::info_span!(
                    "request",
                    method = %request.method(),
                    path = %request.uri().path(),
                    request_id = %request_id,
                )
            }),
        )
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Serves the request with its [`RequestOrigin`] (client IP, request id) in scope, for
/// the audit log. The IP is the one the login throttle uses ([`client_ip::ClientIp`]):
/// the TCP peer, or behind a trusted proxy the client it forwarded.
async fn request_origin(
    client_ip::ClientIp(ip): client_ip::ClientIp,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let origin = RequestOrigin {
        ip: ip.map(|ip| ip.to_string()),
        request_id: request
            .headers()
            .get("x-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
    };
    origin.scope(next.run(request)).await
}
