//! CSV exports for accounting: `GET /exports/orders.csv` and `/exports/invoices.csv`,
//! with optional `from`, `to` (`YYYY-MM-DD`, both included) and `company` (staff: one
//! company; a customer may only name its own). Authenticated like the documents of
//! `documents.rs`: a bearer token, an API key, or the signed link of
//! `Query.exportUrl` (`?token=`), which names the export, its dates and its company so
//! that a link never opens a wider export than the one it was made for.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::CompanyId;

use super::AppState;
use super::documents::{caller, day, file, id_of, internal, not_found, scope_of};
use crate::domain::DomainError;
use crate::domain::authz::Operation;
use crate::domain::exports::{self, DateRange};
use crate::domain::orders::OrderScope;

/// Which export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Orders,
    Invoices,
}

impl ExportKind {
    fn file_name(self) -> &'static str {
        match self {
            ExportKind::Orders => "orders",
            ExportKind::Invoices => "invoices",
        }
    }

    /// The operation that reads what the export holds.
    pub fn operation(self) -> Operation {
        match self {
            ExportKind::Orders => Operation::ReadOrders,
            ExportKind::Invoices => Operation::ReadInvoices,
        }
    }
}

/// What a signed export link names: the export, its company filter and its days.
pub fn export_resource(kind: ExportKind, company: Option<CompanyId>, range: DateRange) -> String {
    let text = |value: Option<String>| value.unwrap_or_default();
    format!(
        "export:{}:{}:{}:{}",
        kind.file_name(),
        text(company.map(|company| company.0.to_string())),
        text(range.from.map(|day| day.to_string())),
        text(range.to.map(|day| day.to_string())),
    )
}

/// The path and query of an export (without a token).
pub fn export_path(kind: ExportKind, company: Option<CompanyId>, range: DateRange) -> String {
    let mut query = Vec::new();
    if let Some(from) = range.from {
        query.push(format!("from={from}"));
    }
    if let Some(to) = range.to {
        query.push(format!("to={to}"));
    }
    if let Some(company) = company {
        query.push(format!("company={}", company.0));
    }
    format!("/exports/{}.csv?{}", kind.file_name(), query.join("&"))
}

#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    token: Option<String>,
    from: Option<String>,
    to: Option<String>,
    company: Option<String>,
}

fn bad_request(message: impl Into<String>) -> Response {
    (StatusCode::BAD_REQUEST, message.into()).into_response()
}

/// `GET /exports/{orders|invoices}.csv`.
pub async fn export_csv(
    State(state): State<AppState>,
    Path(file_name): Path<String>,
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    let kind = match file_name.as_str() {
        "orders.csv" => ExportKind::Orders,
        "invoices.csv" => ExportKind::Invoices,
        _ => return not_found(),
    };
    let range = match (day(query.from.as_deref()), day(query.to.as_deref())) {
        (Ok(from), Ok(to)) => match DateRange::new(from, to) {
            Ok(range) => range,
            Err(DomainError::BadInput(message)) => return bad_request(message),
            Err(error) => return internal(error),
        },
        (Err(message), _) | (_, Err(message)) => return bad_request(message),
    };
    let company = match query
        .company
        .as_deref()
        .map(str::trim)
        .filter(|text| !text.is_empty())
    {
        None => None,
        Some(text) => match id_of(text) {
            Some(id) => Some(CompanyId(id)),
            None => return bad_request("company is a company id"),
        },
    };
    let resource = export_resource(kind, company, range);
    let actor = match caller(
        &state,
        &headers,
        query.token.as_deref(),
        &resource,
        kind.operation(),
    )
    .await
    {
        Ok(actor) => actor,
        Err(response) => return response,
    };
    // Another company's export does not exist for a customer.
    let scope = match (scope_of(&actor), company) {
        (scope, None) => scope,
        (OrderScope::Supplier, Some(company)) => OrderScope::Customer(company),
        (OrderScope::Customer(own), Some(company)) if own == company => OrderScope::Customer(own),
        (OrderScope::Customer(_), Some(_)) => return not_found(),
    };
    let csv = match kind {
        ExportKind::Orders => exports::orders_csv(&state.db, scope, range).await,
        ExportKind::Invoices => exports::invoices_csv(&state.db, scope, range).await,
    };
    match csv {
        Ok(text) => file(
            text.into_bytes(),
            "text/csv; charset=utf-8",
            &format!("{}.csv", kind.file_name()),
        ),
        Err(DomainError::BadInput(message)) => bad_request(message),
        Err(error) => internal(error),
    }
}
