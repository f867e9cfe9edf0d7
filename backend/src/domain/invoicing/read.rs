//! Reading invoices and credit notes, always within a scope: a company its own, the
//! supplier all. Lines are loaded in one query for a whole page.

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::CompanyId;

use super::{CreditNote, CreditReason, DocumentLine, Invoice, SupplierDetails};
use crate::db::money;
use crate::domain::DomainError;
use crate::domain::orders::OrderScope;
use crate::domain::page::{Page, PageRequest};
use crate::entities::{credit_note, credit_note_line, invoice, invoice_line, order};

/// What a list of documents is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentFilter {
    /// Issued on or after this day.
    pub from: Option<NaiveDate>,
    /// Issued on or before this day.
    pub to: Option<NaiveDate>,
    /// The order's number (`SO-000123`, or just `123`).
    pub order_number: Option<String>,
    /// Supplier staff only: one company.
    pub company_id: Option<CompanyId>,
}

fn company_condition(scope: OrderScope, filter: &DocumentFilter) -> Condition {
    let mut condition = Condition::all();
    if let OrderScope::Customer(company) = scope {
        condition = condition.add(invoice::Column::CompanyId.eq(company.0));
    }
    if let Some(company) = filter.company_id {
        condition = condition.add(invoice::Column::CompanyId.eq(company.0));
    }
    condition
}

/// `SO-000123`, `so-123` and `123` all name order number `SO-000123`.
pub fn normalize_order_number(text: &str) -> Option<String> {
    let text = text.trim().to_uppercase();
    let digits = text.strip_prefix("SO-").unwrap_or(&text);
    let number: i64 = digits.parse().ok().filter(|number| *number > 0)?;
    Some(format!("SO-{number:06}"))
}

fn invoice_of(row: invoice::Model, lines: Vec<DocumentLine>) -> Invoice {
    Invoice {
        id: row.id,
        number: row.number,
        order_id: row.order_id,
        company_id: CompanyId(row.company_id),
        issued_at: row.issued_at,
        issue_date: row.issue_date,
        due_date: row.due_date,
        payment_terms: row.payment_terms,
        supplier: SupplierDetails {
            name: row.supplier_name,
            vat_number: row.supplier_vat_number,
            address: row.supplier_address,
        },
        customer_name: row.customer_name,
        customer_vat_number: row.customer_vat_number,
        currency: row.currency,
        vat_rate_percent: row.vat_rate_percent,
        subtotal: money::from_db(row.subtotal),
        vat: money::from_db(row.vat),
        total: money::from_db(row.total),
        lines,
    }
}

async fn invoice_lines(
    db: &impl ConnectionTrait,
    ids: Vec<i64>,
) -> Result<HashMap<i64, Vec<DocumentLine>>, DomainError> {
    let mut lines: HashMap<i64, Vec<DocumentLine>> = HashMap::new();
    if ids.is_empty() {
        return Ok(lines);
    }
    for line in invoice_line::Entity::find()
        .filter(invoice_line::Column::InvoiceId.is_in(ids))
        .order_by_asc(invoice_line::Column::InvoiceId)
        .order_by_asc(invoice_line::Column::Position)
        .all(db)
        .await?
    {
        lines
            .entry(line.invoice_id)
            .or_default()
            .push(super::issue::document_line(&line));
    }
    Ok(lines)
}

async fn hydrate_invoices(
    db: &impl ConnectionTrait,
    rows: Vec<invoice::Model>,
) -> Result<Vec<Invoice>, DomainError> {
    let mut lines = invoice_lines(db, rows.iter().map(|row| row.id).collect()).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let lines = lines.remove(&row.id).unwrap_or_default();
            invoice_of(row, lines)
        })
        .collect())
}

/// Newest first.
pub async fn list_invoices(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    filter: &DocumentFilter,
    page: PageRequest,
) -> Result<Page<Invoice>, DomainError> {
    let mut query = invoice::Entity::find()
        .filter(company_condition(scope, filter))
        .order_by_desc(invoice::Column::Id)
        .limit(page.size + 1);
    if let Some(from) = filter.from {
        query = query.filter(invoice::Column::IssueDate.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(invoice::Column::IssueDate.lte(to));
    }
    if let Some(text) = filter
        .order_number
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        let Some(number) = normalize_order_number(text) else {
            return Err(DomainError::bad_input(format!(
                "'{}' is not an order number (e.g. SO-000123)",
                text.trim()
            )));
        };
        let order_ids: Vec<i64> = order::Entity::find()
            .select_only()
            .column(order::Column::Id)
            .filter(order::Column::Number.eq(number))
            .into_tuple::<i64>()
            .all(db)
            .await?;
        query = query.filter(invoice::Column::OrderId.is_in(order_ids));
    }
    if let Some(after) = page.after {
        query = query.filter(invoice::Column::Id.lt(after));
    }
    let rows = query.all(db).await?;
    let has_next_page = rows.len() as u64 > page.size;
    let rows: Vec<invoice::Model> = rows.into_iter().take(page.size as usize).collect();
    Ok(Page {
        items: hydrate_invoices(db, rows).await?,
        has_next_page,
    })
}

/// The number of an order (`SO-000123`), for a document that was already scoped.
pub async fn order_number(db: &impl ConnectionTrait, order_id: i64) -> Result<String, DomainError> {
    order::Entity::find_by_id(order_id)
        .select_only()
        .column(order::Column::Number)
        .into_tuple::<String>()
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("order"))
}

/// One invoice, if the scope may see it.
pub async fn invoice(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    id: i64,
) -> Result<Invoice, DomainError> {
    let row = invoice::Entity::find_by_id(id)
        .filter(company_condition(scope, &DocumentFilter::default()))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("invoice"))?;
    hydrate_invoices(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::NotFound("invoice"))
}

/// The invoices of orders, by order id (for `Order.invoice`), scoped.
pub async fn invoices_of_orders(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    order_ids: &[i64],
) -> Result<HashMap<i64, Invoice>, DomainError> {
    let rows = invoice::Entity::find()
        .filter(company_condition(scope, &DocumentFilter::default()))
        .filter(invoice::Column::OrderId.is_in(order_ids.iter().copied()))
        .all(db)
        .await?;
    Ok(hydrate_invoices(db, rows)
        .await?
        .into_iter()
        .map(|invoice| (invoice.order_id, invoice))
        .collect())
}

fn credit_condition(scope: OrderScope, filter: &DocumentFilter) -> Condition {
    let mut condition = Condition::all();
    if let OrderScope::Customer(company) = scope {
        condition = condition.add(credit_note::Column::CompanyId.eq(company.0));
    }
    if let Some(company) = filter.company_id {
        condition = condition.add(credit_note::Column::CompanyId.eq(company.0));
    }
    condition
}

async fn hydrate_credit_notes(
    db: &impl ConnectionTrait,
    rows: Vec<credit_note::Model>,
) -> Result<Vec<CreditNote>, DomainError> {
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let invoice_ids: Vec<i64> = rows.iter().map(|row| row.invoice_id).collect();
    let mut lines: HashMap<i64, Vec<DocumentLine>> = HashMap::new();
    let mut invoice_numbers: HashMap<i64, String> = HashMap::new();
    if !ids.is_empty() {
        for line in credit_note_line::Entity::find()
            .filter(credit_note_line::Column::CreditNoteId.is_in(ids))
            .order_by_asc(credit_note_line::Column::Position)
            .all(db)
            .await?
        {
            lines
                .entry(line.credit_note_id)
                .or_default()
                .push(DocumentLine {
                    position: line.position,
                    sku: line.sku,
                    name_he: line.name_he,
                    name_en: line.name_en,
                    quantity: line.quantity,
                    unit_price: money::from_db(line.unit_price),
                    line_total: money::from_db(line.line_total),
                });
        }
        invoice_numbers = invoice::Entity::find()
            .select_only()
            .column(invoice::Column::Id)
            .column(invoice::Column::Number)
            .filter(invoice::Column::Id.is_in(invoice_ids))
            .into_tuple::<(i64, String)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
    }
    rows.into_iter()
        .map(|row| {
            Ok(CreditNote {
                reason: CreditReason::parse(&row.reason).ok_or_else(|| {
                    DomainError::internal(anyhow::anyhow!("unknown credit reason {}", row.reason))
                })?,
                lines: lines.remove(&row.id).unwrap_or_default(),
                invoice_number: invoice_numbers
                    .get(&row.invoice_id)
                    .cloned()
                    .unwrap_or_default(),
                id: row.id,
                number: row.number,
                invoice_id: row.invoice_id,
                order_id: row.order_id,
                company_id: CompanyId(row.company_id),
                issued_at: row.issued_at,
                issue_date: row.issue_date,
                comment: row.comment,
                subtotal: money::from_db(row.subtotal),
                vat: money::from_db(row.vat),
                total: money::from_db(row.total),
            })
        })
        .collect()
}

/// Newest first.
pub async fn list_credit_notes(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    filter: &DocumentFilter,
    page: PageRequest,
) -> Result<Page<CreditNote>, DomainError> {
    let mut query = credit_note::Entity::find()
        .filter(credit_condition(scope, filter))
        .order_by_desc(credit_note::Column::Id)
        .limit(page.size + 1);
    if let Some(from) = filter.from {
        query = query.filter(credit_note::Column::IssueDate.gte(from));
    }
    if let Some(to) = filter.to {
        query = query.filter(credit_note::Column::IssueDate.lte(to));
    }
    if let Some(after) = page.after {
        query = query.filter(credit_note::Column::Id.lt(after));
    }
    let rows = query.all(db).await?;
    let has_next_page = rows.len() as u64 > page.size;
    let rows: Vec<credit_note::Model> = rows.into_iter().take(page.size as usize).collect();
    Ok(Page {
        items: hydrate_credit_notes(db, rows).await?,
        has_next_page,
    })
}

/// One credit note, if the scope may see it.
pub async fn credit_note(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    id: i64,
) -> Result<CreditNote, DomainError> {
    let row = credit_note::Entity::find_by_id(id)
        .filter(credit_condition(scope, &DocumentFilter::default()))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("credit note"))?;
    hydrate_credit_notes(db, vec![row])
        .await?
        .pop()
        .ok_or(DomainError::NotFound("credit note"))
}

/// The credit notes of orders, by order id (for `Order.creditNotes`), scoped.
pub async fn credit_notes_of_orders(
    db: &impl ConnectionTrait,
    scope: OrderScope,
    order_ids: &[i64],
) -> Result<HashMap<i64, Vec<CreditNote>>, DomainError> {
    let rows = credit_note::Entity::find()
        .filter(credit_condition(scope, &DocumentFilter::default()))
        .filter(credit_note::Column::OrderId.is_in(order_ids.iter().copied()))
        .order_by_asc(credit_note::Column::Id)
        .all(db)
        .await?;
    let mut by_order: HashMap<i64, Vec<CreditNote>> = HashMap::new();
    for note in hydrate_credit_notes(db, rows).await? {
        by_order.entry(note.order_id).or_default().push(note);
    }
    Ok(by_order)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_numbers_are_accepted_with_or_without_prefix_and_zeros() {
        assert_eq!(
            normalize_order_number("SO-000123").as_deref(),
            Some("SO-000123")
        );
        assert_eq!(
            normalize_order_number(" so-123 ").as_deref(),
            Some("SO-000123")
        );
        assert_eq!(normalize_order_number("123").as_deref(), Some("SO-000123"));
        assert_eq!(normalize_order_number("SO-"), None);
        assert_eq!(normalize_order_number("abc"), None);
        assert_eq!(normalize_order_number("0"), None);
    }
}
