//! Issuing documents inside the workflow's transaction: the invoice of a packed order,
//! and credit notes for a cancellation after invoicing or a return. Each is numbered
//! (`numbering`), copies its lines, and posts its ledger entry in the same transaction.

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder,
};
use shared::Money;
use shared::money::VAT_RATE_PERCENT;

use super::numbering::{self, Series};
use super::{CreditReason, DocumentLine, SupplierDetails};
use crate::db::money;
use crate::domain::DomainError;
use crate::domain::companies::PaymentTerms;
use crate::domain::ledger::{self, EntryKind, NewEntry};
use crate::entities::{
    company, credit_note, credit_note_line, invoice, invoice_line, order, order_line,
};

fn stored(amount: Money) -> Result<i64, DomainError> {
    money::to_db(amount).ok_or_else(|| DomainError::bad_input("The amount is too large"))
}

/// Issues the invoice of `order` (one per order), copying its lines and the
/// company's current details and terms, and debits the company's ledger.
pub async fn invoice_order(
    txn: &DatabaseTransaction,
    supplier: &SupplierDetails,
    order: &order::Model,
    issued_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<invoice::Model, DomainError> {
    if let Some(existing) = invoice::Entity::find()
        .filter(invoice::Column::OrderId.eq(order.id))
        .one(txn)
        .await?
    {
        return Err(DomainError::Conflict(format!(
            "Order {} already has invoice {}",
            order.number, existing.number
        )));
    }
    let company = company::Entity::find_by_id(order.company_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    let terms = PaymentTerms::from_columns(&company.payment_terms, company.payment_days);
    let issue_date = now.date_naive();
    let year = issue_date.year();
    let sequence = numbering::next(txn, Series::Invoice, year).await?;
    let number = Series::Invoice.format(year, sequence);
    let due_date = terms.due_date(issue_date);
    let row = invoice::ActiveModel {
        number: Set(number.clone()),
        year: Set(year),
        sequence: Set(sequence),
        order_id: Set(order.id),
        company_id: Set(order.company_id),
        issued_at: Set(now),
        issue_date: Set(issue_date),
        due_date: Set(due_date),
        payment_terms: Set(terms.label()),
        supplier_name: Set(supplier.name.clone()),
        supplier_vat_number: Set(supplier.vat_number.clone()),
        supplier_address: Set(supplier.address.clone()),
        customer_name: Set(company.name.clone()),
        customer_vat_number: Set(company.vat_number.clone()),
        currency: Set(company.currency.clone()),
        vat_rate_percent: Set(i32::try_from(VAT_RATE_PERCENT).unwrap_or(18)),
        issued_by: Set(issued_by),
        subtotal: Set(order.subtotal),
        vat: Set(order.vat),
        total: Set(order.total),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let lines = order_line::Entity::find()
        .filter(order_line::Column::OrderId.eq(order.id))
        .order_by_asc(order_line::Column::Id)
        .all(txn)
        .await?;
    if !lines.is_empty() {
        invoice_line::Entity::insert_many(lines.into_iter().enumerate().map(|(index, line)| {
            invoice_line::ActiveModel {
                invoice_id: Set(row.id),
                position: Set(i32::try_from(index + 1).unwrap_or(i32::MAX)),
                sku: Set(line.sku),
                name_he: Set(line.name_he),
                name_en: Set(line.name_en),
                quantity: Set(line.quantity),
                unit_price: Set(line.unit_price),
                line_total: Set(line.line_total),
                ..Default::default()
            }
        }))
        .exec(txn)
        .await?;
    }
    ledger::post(
        txn,
        NewEntry {
            company_id: order.company_id,
            date: issue_date,
            kind: EntryKind::Invoice,
            reference: number,
            debit: money::from_db(order.total),
            credit: Money::ZERO,
            invoice_id: Some(row.id),
            credit_note_id: None,
            payment_id: None,
            due_date: Some(due_date),
            created_at: now,
        },
    )
    .await?;
    crate::webhooks::on_invoice_issued(txn, &row).await?;
    Ok(row)
}

/// A line to credit: a line of the invoice and how many of its units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreditLine {
    pub sku: String,
    pub quantity: i32,
}

/// Issues a credit note against `invoice_row` for `lines` (all of the invoice when
/// `None`), and credits the company's ledger. Lines are checked against the invoice:
/// a SKU it does not have or more units than it billed are refused. Crediting every
/// unit credits exactly the invoice's totals; a part is priced at the invoice's unit
/// prices and rounded by the domain's one rule.
pub async fn credit_note(
    txn: &DatabaseTransaction,
    invoice_row: &invoice::Model,
    lines: Option<&[CreditLine]>,
    reason: CreditReason,
    comment: &str,
    issued_by: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(credit_note::Model, Vec<DocumentLine>), DomainError> {
    let invoice_lines = invoice_line::Entity::find()
        .filter(invoice_line::Column::InvoiceId.eq(invoice_row.id))
        .order_by_asc(invoice_line::Column::Position)
        .all(txn)
        .await?;
    let credited = credited_lines(&invoice_lines, lines)?;
    let whole = credited.len() == invoice_lines.len()
        && credited
            .iter()
            .zip(&invoice_lines)
            .all(|(line, billed)| line.quantity == billed.quantity);
    let (subtotal, vat, total) = if whole {
        (
            money::from_db(invoice_row.subtotal),
            money::from_db(invoice_row.vat),
            money::from_db(invoice_row.total),
        )
    } else {
        let subtotal: Money = credited.iter().map(|line| line.line_total).sum();
        let vat = subtotal.vat();
        (subtotal, vat, subtotal + vat)
    };
    let issue_date = now.date_naive();
    let year = issue_date.year();
    let sequence = numbering::next(txn, Series::CreditNote, year).await?;
    let number = Series::CreditNote.format(year, sequence);
    let row = credit_note::ActiveModel {
        number: Set(number.clone()),
        year: Set(year),
        sequence: Set(sequence),
        invoice_id: Set(invoice_row.id),
        order_id: Set(invoice_row.order_id),
        company_id: Set(invoice_row.company_id),
        issued_at: Set(now),
        issue_date: Set(issue_date),
        kind: Set(reason.kind().to_owned()),
        reason: Set(reason.as_str().to_owned()),
        comment: Set(comment.trim().to_owned()),
        issued_by: Set(issued_by),
        subtotal: Set(stored(subtotal)?),
        vat: Set(stored(vat)?),
        total: Set(stored(total)?),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let mut models = Vec::with_capacity(credited.len());
    for line in &credited {
        models.push(credit_note_line::ActiveModel {
            credit_note_id: Set(row.id),
            position: Set(line.position),
            sku: Set(line.sku.clone()),
            name_he: Set(line.name_he.clone()),
            name_en: Set(line.name_en.clone()),
            quantity: Set(line.quantity),
            unit_price: Set(money::to_db_rounded(line.unit_price)),
            line_total: Set(stored(line.line_total)?),
            ..Default::default()
        });
    }
    if !models.is_empty() {
        credit_note_line::Entity::insert_many(models)
            .exec(txn)
            .await?;
    }
    ledger::post(
        txn,
        NewEntry {
            company_id: invoice_row.company_id,
            date: issue_date,
            kind: EntryKind::CreditNote,
            reference: number,
            debit: Money::ZERO,
            credit: total,
            invoice_id: Some(invoice_row.id),
            credit_note_id: Some(row.id),
            payment_id: None,
            due_date: None,
            created_at: now,
        },
    )
    .await?;
    crate::webhooks::on_credit_note_issued(txn, &row).await?;
    Ok((row, credited))
}

/// The lines a credit note covers, checked against what the invoice billed.
pub fn credited_lines(
    billed: &[invoice_line::Model],
    wanted: Option<&[CreditLine]>,
) -> Result<Vec<DocumentLine>, DomainError> {
    let Some(wanted) = wanted else {
        return Ok(billed.iter().map(document_line).collect());
    };
    if wanted.is_empty() {
        return Err(DomainError::bad_input("Name at least one line to credit"));
    }
    let mut credited: Vec<DocumentLine> = Vec::new();
    for line in billed {
        let sku = line.sku.to_uppercase();
        let quantity: i64 = wanted
            .iter()
            .filter(|wanted| wanted.sku.trim().to_uppercase() == sku)
            .map(|wanted| i64::from(wanted.quantity))
            .sum();
        if quantity == 0 {
            continue;
        }
        if quantity < 0 || quantity > i64::from(line.quantity) {
            return Err(DomainError::bad_input(format!(
                "{}: between 1 and the {} invoiced units can be credited",
                line.sku, line.quantity
            )));
        }
        let quantity = i32::try_from(quantity).unwrap_or(line.quantity);
        let unit_price = money::from_db(line.unit_price);
        let line_total = if quantity == line.quantity {
            money::from_db(line.line_total)
        } else {
            crate::domain::pricing::line_total(unit_price, quantity as u32)
        };
        credited.push(DocumentLine {
            position: line.position,
            sku: line.sku.clone(),
            name_he: line.name_he.clone(),
            name_en: line.name_en.clone(),
            quantity,
            unit_price,
            line_total,
        });
    }
    if let Some(unknown) = wanted.iter().find(|wanted| {
        !billed
            .iter()
            .any(|line| line.sku.to_uppercase() == wanted.sku.trim().to_uppercase())
    }) {
        return Err(DomainError::bad_input(format!(
            "{}: the invoice has no such line",
            unknown.sku.trim()
        )));
    }
    if wanted.iter().any(|wanted| wanted.quantity <= 0) {
        return Err(DomainError::bad_input(
            "Each returned line needs a quantity of at least 1",
        ));
    }
    Ok(credited)
}

pub fn document_line(line: &invoice_line::Model) -> DocumentLine {
    DocumentLine {
        position: line.position,
        sku: line.sku.clone(),
        name_he: line.name_he.clone(),
        name_en: line.name_en.clone(),
        quantity: line.quantity,
        unit_price: money::from_db(line.unit_price),
        line_total: money::from_db(line.line_total),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn billed(sku: &str, quantity: i32, unit: i64, total: i64) -> invoice_line::Model {
        invoice_line::Model {
            id: 1,
            invoice_id: 1,
            position: 1,
            sku: sku.to_owned(),
            name_he: String::new(),
            name_en: String::new(),
            quantity,
            unit_price: unit,
            line_total: total,
        }
    }

    #[test]
    fn a_part_of_a_line_is_credited_at_the_invoiced_unit_price() {
        // 10 units at 12.3456 billed 123.46; 3 of them credit 37.04.
        let lines = [billed("SCR-101", 10, 123_456, 1_234_600)];
        let credited = credited_lines(
            &lines,
            Some(&[CreditLine {
                sku: "scr-101".to_owned(),
                quantity: 3,
            }]),
        )
        .unwrap_or_default();
        assert_eq!(credited.len(), 1);
        assert_eq!(credited[0].line_total, money::from_db(370_400));
    }

    #[test]
    fn more_than_was_billed_or_an_unknown_sku_is_refused() {
        let lines = [billed("SCR-101", 10, 10_000, 100_000)];
        let too_many = credited_lines(
            &lines,
            Some(&[CreditLine {
                sku: "SCR-101".to_owned(),
                quantity: 11,
            }]),
        );
        assert!(matches!(too_many, Err(DomainError::BadInput(_))));
        let unknown = credited_lines(
            &lines,
            Some(&[CreditLine {
                sku: "NOPE-1".to_owned(),
                quantity: 1,
            }]),
        );
        assert!(matches!(unknown, Err(DomainError::BadInput(_))));
        assert!(matches!(
            credited_lines(&lines, Some(&[])),
            Err(DomainError::BadInput(_))
        ));
    }

    #[test]
    fn without_lines_the_whole_invoice_is_credited() {
        let lines = [
            billed("A-1", 2, 10_000, 20_000),
            billed("B-2", 1, 5_000, 5_000),
        ];
        let credited = credited_lines(&lines, None).unwrap_or_default();
        assert_eq!(credited.len(), 2);
    }
}
