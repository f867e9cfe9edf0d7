//! Document downloads: invoice and credit note PDFs, account statements as CSV and PDF.
//!
//! Two ways in, both checked against the same scope as the GraphQL API:
//! - `Authorization: Bearer <session token>` (API clients);
//! - `?token=<signed link token>` from `Invoice.pdfUrl`, `Ledger.csvUrl`, ... so that a
//!   plain link works in a browser. The token names its user and its one resource and
//!   lives 10 minutes; the user is re-read (a deactivated user's links stop working).
//!
//! Anything the caller may not see, a guessed id, and a tampered, expired or
//! borrowed link all answer `404 Not Found`: nothing reveals that a document exists.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use shared::{CompanyId, UserId};

use super::AppState;
use super::auth::{api_key_header, authenticate, bearer_token};
use crate::domain::auth;
use crate::domain::authz::{self, Actor, Authentication, Operation};
use crate::domain::invoicing::{pdf, read};
use crate::domain::ledger;
use crate::domain::orders::OrderScope;

#[derive(Debug, Default, Deserialize)]
pub struct DownloadQuery {
    token: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

pub(super) fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

pub(super) fn internal(error: impl std::fmt::Debug) -> Response {
    tracing::error!(?error, "a document download failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong on our side; please try again",
    )
        .into_response()
}

/// The caller of a download: by signed link (`token`), by bearer header, or by
/// `X-Api-Key`.
pub(super) async fn caller(
    state: &AppState,
    headers: &HeaderMap,
    token: Option<&str>,
    resource: &str,
    operation: Operation,
) -> Result<Actor, Response> {
    let authentication = match (token, api_key_header(headers)) {
        (Some(token), _) => {
            let user: UserId = state
                .token_keys
                .verify_download(token, resource)
                .map_err(|_| not_found())?;
            auth::authenticate_user(&state.db, user, None)
                .await
                .map_err(internal)?
        }
        (None, Some(key)) => crate::domain::api_keys::authenticate(&state.db, key)
            .await
            .map_err(internal)?,
        (None, None) => {
            let bearer = headers
                .get(header::AUTHORIZATION)
                .and_then(|value| value.to_str().ok())
                .and_then(bearer_token);
            authenticate(state, bearer).await?
        }
    };
    match (&authentication, token.is_some()) {
        (Authentication::Authenticated(_), _) => {}
        // A link whose user is gone is just a dead link.
        (_, true) => return Err(not_found()),
        (_, false) => {
            return Err((
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "Sign in to continue",
            )
                .into_response());
        }
    }
    match authz::authorize(&authentication, operation) {
        Ok(actor) => Ok(actor.clone()),
        Err(_) => Err((StatusCode::FORBIDDEN, "Your role does not allow this").into_response()),
    }
}

pub(super) fn scope_of(actor: &Actor) -> OrderScope {
    match actor.company_id {
        Some(company) => OrderScope::Customer(company),
        None => OrderScope::Supplier,
    }
}

pub(super) fn file(bytes: Vec<u8>, content_type: &'static str, name: &str) -> Response {
    let disposition = format!("inline; filename=\"{}\"", name.replace('"', ""));
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(super::security::DOCUMENT_POLICY),
    );
    response
}

async fn render(document: pdf::Printable) -> Result<Vec<u8>, Response> {
    let started = std::time::Instant::now();
    let bytes = tokio::task::spawn_blocking(move || pdf::render(&document))
        .await
        .map_err(internal)?
        .map_err(internal)?;
    metrics::histogram!("portal_pdf_render_seconds").record(started.elapsed().as_secs_f64());
    Ok(bytes)
}

pub(super) fn id_of(text: &str) -> Option<i64> {
    text.parse::<i64>().ok().filter(|id| *id > 0)
}

/// `GET /invoices/{id}/pdf`.
pub async fn invoice_pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<DownloadQuery>,
    headers: HeaderMap,
) -> Response {
    let Some(id) = id_of(&id) else {
        return not_found();
    };
    let actor = match caller(
        &state,
        &headers,
        query.token.as_deref(),
        &format!("invoice:{id}"),
        Operation::ReadInvoices,
    )
    .await
    {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let invoice = match read::invoice(&state.db, scope_of(&actor), id).await {
        Ok(invoice) => invoice,
        Err(crate::domain::DomainError::NotFound(_)) => return not_found(),
        Err(error) => return internal(error),
    };
    let order_number = match read::order_number(&state.db, invoice.order_id).await {
        Ok(number) => number,
        Err(error) => return internal(error),
    };
    match render(pdf::invoice(&invoice, &order_number)).await {
        Ok(bytes) => file(bytes, "application/pdf", &format!("{}.pdf", invoice.number)),
        Err(response) => response,
    }
}

/// `GET /credit-notes/{id}/pdf`.
pub async fn credit_note_pdf(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<DownloadQuery>,
    headers: HeaderMap,
) -> Response {
    let Some(id) = id_of(&id) else {
        return not_found();
    };
    let actor = match caller(
        &state,
        &headers,
        query.token.as_deref(),
        &format!("credit-note:{id}"),
        Operation::ReadInvoices,
    )
    .await
    {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    let scope = scope_of(&actor);
    let note = match read::credit_note(&state.db, scope, id).await {
        Ok(note) => note,
        Err(crate::domain::DomainError::NotFound(_)) => return not_found(),
        Err(error) => return internal(error),
    };
    let invoice = match read::invoice(&state.db, scope, note.invoice_id).await {
        Ok(invoice) => invoice,
        Err(error) => return internal(error),
    };
    let order_number = match read::order_number(&state.db, note.order_id).await {
        Ok(number) => number,
        Err(error) => return internal(error),
    };
    match render(pdf::credit_note(&note, &invoice, &order_number)).await {
        Ok(bytes) => file(bytes, "application/pdf", &format!("{}.pdf", note.number)),
        Err(response) => response,
    }
}

const BAD_DATE: &str = "from and to are dates like 2026-03-31";

pub(super) fn day(text: Option<&str>) -> Result<Option<NaiveDate>, &'static str> {
    match text.map(str::trim).filter(|text| !text.is_empty()) {
        None => Ok(None),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| BAD_DATE),
    }
}

/// `GET /ledger/{company}/statement.csv` and `.pdf`, with optional `from` and `to`.
pub async fn statement(
    State(state): State<AppState>,
    Path((company, file_name)): Path<(String, String)>,
    Query(query): Query<DownloadQuery>,
    headers: HeaderMap,
) -> Response {
    let format = match file_name.as_str() {
        "statement.csv" => "csv",
        "statement.pdf" => "pdf",
        _ => return not_found(),
    };
    let Some(company) = id_of(&company).map(CompanyId) else {
        return not_found();
    };
    let (from, to) = match (day(query.from.as_deref()), day(query.to.as_deref())) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(message), _) | (_, Err(message)) => {
            return (StatusCode::BAD_REQUEST, message).into_response();
        }
    };
    let resource = crate::graphql::ledger::statement_resource(company, from, to);
    let actor = match caller(
        &state,
        &headers,
        query.token.as_deref(),
        &resource,
        Operation::ReadLedger,
    )
    .await
    {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    if !actor.can_see_company(company) {
        return not_found();
    }
    let today = Utc::now().date_naive();
    let statement = match ledger::ledger(&state.db, company, from, to, today).await {
        Ok(statement) => statement,
        Err(crate::domain::DomainError::NotFound(_)) => return not_found(),
        Err(crate::domain::DomainError::BadInput(message)) => {
            return (StatusCode::BAD_REQUEST, message).into_response();
        }
        Err(error) => return internal(error),
    };
    let name = format!("statement-{}", company.0);
    if format == "csv" {
        return match ledger::statement::to_csv(&statement) {
            Ok(text) => file(
                text.into_bytes(),
                "text/csv; charset=utf-8",
                &format!("{name}.csv"),
            ),
            Err(error) => internal(error),
        };
    }
    match render(pdf::statement(&statement, &state.supplier, today)).await {
        Ok(bytes) => file(bytes, "application/pdf", &format!("{name}.pdf")),
        Err(response) => response,
    }
}
