//! CSV exports for accounting: orders and invoices between two dates, scoped like
//! every read (staff all companies, a customer its own).
//!
//! Columns (a header row first; money as decimal strings with at least 2 decimals,
//! dates ISO 8601, times RFC 3339 in UTC):
//! - orders: `order_number, created_at, company_id, company_name, status, channel,
//!   subtotal, vat, total` (the supplier never sees orders still waiting for, or
//!   refused by, the customer's approval);
//! - invoices: `invoice_number, issue_date, due_date, order_number, company_id,
//!   customer_name, customer_vat_number, currency, subtotal, vat, total`.
//!
//! Each export is two queries whatever its length (the rows, then the names they
//! refer to). Rows are built in memory: at the demo's scale that is a few hundred
//! kilobytes; [`MAX_ROWS`] keeps a mistaken range from exhausting memory.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::OrderStatus;

use super::DomainError;
use super::orders::OrderScope;
use crate::db::money::stored_text;
use crate::entities::{company, invoice, order};

/// The most rows one export returns; a wider range is refused with a clear message.
pub const MAX_ROWS: u64 = 20_000;

/// The days of an export, both ends included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DateRange {
    pub fn new(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<DateRange, DomainError> {
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err(DomainError::bad_input("from must not be after to"));
        }
        Ok(DateRange { from, to })
    }
}

fn to_csv(header: &[&str], rows: Vec<Vec<String>>) -> Result<String, DomainError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).map_err(DomainError::internal)?;
    for row in rows {
        writer.write_record(&row).map_err(DomainError::internal)?;
    }
    let bytes = writer.into_inner().map_err(DomainError::internal)?;
    String::from_utf8(bytes).map_err(DomainError::internal)
}

fn too_many(rows: usize) -> Result<(), DomainError> {
    if rows as u64 > MAX_ROWS {
        return Err(DomainError::bad_input(format!(
            "More than {MAX_ROWS} rows: choose a shorter date range"
        )));
    }
    Ok(())
}

async fn company_names(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, String>, DomainError> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(company::Entity::find()
        .filter(company::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.id, row.name))
        .collect())
}

/// The orders created in `range`, oldest first.
pub async fn orders_csv(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    range: DateRange,
) -> Result<String, DomainError> {
    let mut condition = Condition::all();
    match scope {
        OrderScope::Customer(company) => {
            condition = condition.add(order::Column::CompanyId.eq(company.0));
        }
        OrderScope::Supplier => {
            condition = condition.add(order::Column::Status.is_not_in([
                OrderStatus::PendingApproval.as_str(),
                OrderStatus::Rejected.as_str(),
            ]));
        }
    }
    if let Some(from) = range.from {
        condition =
            condition.add(order::Column::CreatedAt.gte(from.and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(to) = range.to.and_then(|to| to.succ_opt()) {
        condition =
            condition.add(order::Column::CreatedAt.lt(to.and_time(NaiveTime::MIN).and_utc()));
    }
    let rows = order::Entity::find()
        .filter(condition)
        .order_by_asc(order::Column::Id)
        .limit(MAX_ROWS + 1)
        .all(db)
        .await?;
    too_many(rows.len())?;
    let names = company_names(db, rows.iter().map(|row| row.company_id)).await?;
    let lines = rows
        .into_iter()
        .map(|row| {
            vec![
                row.number,
                row.created_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                row.company_id.to_string(),
                names.get(&row.company_id).cloned().unwrap_or_default(),
                row.status,
                row.channel,
                stored_text(row.subtotal),
                stored_text(row.vat),
                stored_text(row.total),
            ]
        })
        .collect();
    to_csv(
        &[
            "order_number",
            "created_at",
            "company_id",
            "company_name",
            "status",
            "channel",
            "subtotal",
            "vat",
            "total",
        ],
        lines,
    )
}

/// The invoices issued in `range` (by issue date), oldest first.
pub async fn invoices_csv(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    range: DateRange,
) -> Result<String, DomainError> {
    let mut condition = Condition::all();
    if let OrderScope::Customer(company) = scope {
        condition = condition.add(invoice::Column::CompanyId.eq(company.0));
    }
    if let Some(from) = range.from {
        condition = condition.add(invoice::Column::IssueDate.gte(from));
    }
    if let Some(to) = range.to {
        condition = condition.add(invoice::Column::IssueDate.lte(to));
    }
    let rows = invoice::Entity::find()
        .filter(condition)
        .order_by_asc(invoice::Column::Id)
        .limit(MAX_ROWS + 1)
        .all(db)
        .await?;
    too_many(rows.len())?;
    let order_numbers: HashMap<i64, String> = order::Entity::find()
        .select_only()
        .column(order::Column::Id)
        .column(order::Column::Number)
        .filter(order::Column::Id.is_in(rows.iter().map(|row| row.order_id).collect::<Vec<_>>()))
        .into_tuple::<(i64, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let lines = rows
        .into_iter()
        .map(|row| {
            vec![
                row.number,
                row.issue_date.to_string(),
                row.due_date.to_string(),
                order_numbers
                    .get(&row.order_id)
                    .cloned()
                    .unwrap_or_default(),
                row.company_id.to_string(),
                row.customer_name,
                row.customer_vat_number.unwrap_or_default(),
                row.currency,
                stored_text(row.subtotal),
                stored_text(row.vat),
                stored_text(row.total),
            ]
        })
        .collect();
    to_csv(
        &[
            "invoice_number",
            "issue_date",
            "due_date",
            "order_number",
            "company_id",
            "customer_name",
            "customer_vat_number",
            "currency",
            "subtotal",
            "vat",
            "total",
        ],
        lines,
    )
}
