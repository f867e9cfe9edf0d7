//! The ledger, "kartesset" (rule 9): per company, invoices (debit), credit notes and
//! payments (credit), a running balance, open items with due dates, what is overdue,
//! the credit limit and the credit still available.
//!
//! Entries are written only by the transactions that issue a document or record a
//! payment (`post`), never updated or deleted. Open items are computed when read:
//! a credit note settles its own invoice, and payments settle invoices oldest due date
//! first (what an ERP does when a payment names no invoice).

pub mod payments;
pub mod statement;

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use shared::{CompanyId, Money, OrderStatus};

use super::DomainError;
use super::companies::PaymentTerms;
use super::orders::OPEN_STATUSES;
use crate::db::money;
use crate::entities::{company, credit_note, invoice, ledger_entry, order};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Invoice,
    CreditNote,
    Payment,
}

impl EntryKind {
    pub const ALL: [EntryKind; 3] = [
        EntryKind::Invoice,
        EntryKind::CreditNote,
        EntryKind::Payment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Invoice => "INVOICE",
            EntryKind::CreditNote => "CREDIT_NOTE",
            EntryKind::Payment => "PAYMENT",
        }
    }

    pub fn parse(name: &str) -> Option<EntryKind> {
        EntryKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == name)
    }
}

/// An entry to write.
pub struct NewEntry {
    pub company_id: i64,
    pub date: NaiveDate,
    pub kind: EntryKind,
    pub reference: String,
    pub debit: Money,
    pub credit: Money,
    pub invoice_id: Option<i64>,
    pub credit_note_id: Option<i64>,
    pub payment_id: Option<i64>,
    pub due_date: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
}

/// Writes one entry, inside the transaction of the document or payment it records.
pub async fn post(txn: &impl ConnectionTrait, entry: NewEntry) -> Result<(), DomainError> {
    let amount = |value: Money| {
        money::to_db(value).ok_or_else(|| DomainError::bad_input("The amount is too large"))
    };
    ledger_entry::ActiveModel {
        company_id: Set(entry.company_id),
        entry_date: Set(entry.date),
        kind: Set(entry.kind.as_str().to_owned()),
        reference: Set(entry.reference),
        debit: Set(amount(entry.debit)?),
        credit: Set(amount(entry.credit)?),
        invoice_id: Set(entry.invoice_id),
        credit_note_id: Set(entry.credit_note_id),
        payment_id: Set(entry.payment_id),
        due_date: Set(entry.due_date),
        created_at: Set(entry.created_at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// One line of the statement, with the balance after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LedgerLine {
    pub date: NaiveDate,
    pub kind: EntryKind,
    pub reference: String,
    pub debit: Money,
    pub credit: Money,
    pub balance: Money,
    pub due_date: Option<NaiveDate>,
    pub invoice_id: Option<i64>,
    pub credit_note_id: Option<i64>,
    pub payment_id: Option<i64>,
}

/// An invoice not yet fully settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenItem {
    pub invoice_id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: Money,
    /// What is still owed on it.
    pub open: Money,
    /// Days past the due date (0 when not yet due).
    pub days_overdue: i64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ledger {
    pub company_id: CompanyId,
    pub company_name: String,
    pub currency: String,
    pub payment_terms: String,
    pub credit_limit: Money,
    /// What the company owes now: every debit minus every credit.
    pub balance: Money,
    /// The balance before `from`.
    pub opening_balance: Money,
    /// The balance at the end of `to`.
    pub closing_balance: Money,
    /// Orders placed and not invoiced yet (pending approval up to packed).
    pub open_orders: Money,
    /// Credit limit minus balance and open orders; negative when over the limit.
    pub available_credit: Money,
    /// Open amounts past their due date.
    pub overdue: Money,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub entries: Vec<LedgerLine>,
    pub open_items: Vec<OpenItem>,
}

/// An invoice as the allocation sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Billed {
    pub invoice_id: i64,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub total: Money,
    /// Credit notes issued against it.
    pub credited: Money,
}

/// Open items: credit notes settle their invoice; payments (and credit beyond an
/// invoice) settle the rest oldest due date first. Overdue: open and due before `today`.
pub fn open_items(mut billed: Vec<Billed>, payments: Money, today: NaiveDate) -> Vec<OpenItem> {
    billed.sort_by(|a, b| {
        (a.due_date, a.issue_date, a.invoice_id).cmp(&(b.due_date, b.issue_date, b.invoice_id))
    });
    let mut pool = payments;
    let mut items = Vec::new();
    let mut remaining: Vec<Money> = Vec::with_capacity(billed.len());
    for invoice in &billed {
        let after_credit = invoice.total - invoice.credited;
        if after_credit < Money::ZERO {
            pool = pool + (Money::ZERO - after_credit);
            remaining.push(Money::ZERO);
        } else {
            remaining.push(after_credit);
        }
    }
    for (invoice, open) in billed.into_iter().zip(remaining) {
        let settled = if pool >= open { open } else { pool };
        pool = pool - settled;
        let open = open - settled;
        if open > Money::ZERO {
            let days_overdue = (today - invoice.due_date).num_days().max(0);
            items.push(OpenItem {
                invoice_id: invoice.invoice_id,
                number: invoice.number,
                issue_date: invoice.issue_date,
                due_date: invoice.due_date,
                total: invoice.total,
                open,
                days_overdue,
            });
        }
    }
    items
}

/// The company's current balance and the total of its open orders, in two queries:
/// what the credit check of ordering adds the new order to.
pub async fn exposure(
    db: &impl ConnectionTrait,
    company_id: CompanyId,
) -> Result<(Money, Money), DomainError> {
    let balance: Option<i64> = ledger_entry::Entity::find()
        .select_only()
        .column_as(Expr::cust("CAST(SUM(debit - credit) AS BIGINT)"), "balance")
        .filter(ledger_entry::Column::CompanyId.eq(company_id.0))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    let open: Option<i64> = order::Entity::find()
        .select_only()
        .column_as(Expr::cust("CAST(SUM(total) AS BIGINT)"), "open")
        .filter(order::Column::CompanyId.eq(company_id.0))
        .filter(order::Column::Status.is_in(OPEN_STATUSES.map(OrderStatus::as_str)))
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten();
    Ok((
        money::from_db(balance.unwrap_or(0)),
        money::from_db(open.unwrap_or(0)),
    ))
}

/// The statement of `company_id` between `from` and `to` (both inclusive, either
/// open), as of `today`. A fixed number of queries, whatever the number of entries.
pub async fn ledger(
    db: &impl ConnectionTrait,
    company_id: CompanyId,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Ledger, DomainError> {
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(DomainError::bad_input("from must not be after to"));
    }
    let company = company::Entity::find_by_id(company_id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    let rows = ledger_entry::Entity::find()
        .filter(ledger_entry::Column::CompanyId.eq(company_id.0))
        .order_by_asc(ledger_entry::Column::EntryDate)
        .order_by_asc(ledger_entry::Column::Id)
        .all(db)
        .await?;
    let mut running = Money::ZERO;
    let mut opening = Money::ZERO;
    let mut closing = Money::ZERO;
    let mut entries = Vec::new();
    let mut payments = Money::ZERO;
    for row in rows {
        let debit = money::from_db(row.debit);
        let credit = money::from_db(row.credit);
        running = running + debit - credit;
        let kind = EntryKind::parse(&row.kind).ok_or_else(|| {
            DomainError::internal(anyhow::anyhow!("unknown ledger entry kind {}", row.kind))
        })?;
        if kind == EntryKind::Payment {
            payments = payments + credit;
        }
        if from.is_some_and(|from| row.entry_date < from) {
            opening = running;
            closing = running;
            continue;
        }
        if to.is_some_and(|to| row.entry_date > to) {
            continue;
        }
        closing = running;
        entries.push(LedgerLine {
            date: row.entry_date,
            kind,
            reference: row.reference,
            debit,
            credit,
            balance: running,
            due_date: row.due_date,
            invoice_id: row.invoice_id,
            credit_note_id: row.credit_note_id,
            payment_id: row.payment_id,
        });
    }
    let balance = running;
    let invoices = invoice::Entity::find()
        .filter(invoice::Column::CompanyId.eq(company_id.0))
        .all(db)
        .await?;
    let mut credited: HashMap<i64, Money> = HashMap::new();
    for (invoice_id, total) in credit_note::Entity::find()
        .select_only()
        .column(credit_note::Column::InvoiceId)
        .column(credit_note::Column::Total)
        .filter(credit_note::Column::CompanyId.eq(company_id.0))
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await?
    {
        let entry = credited.entry(invoice_id).or_insert(Money::ZERO);
        *entry = *entry + money::from_db(total);
    }
    let billed = invoices
        .into_iter()
        .map(|row| Billed {
            credited: credited.get(&row.id).copied().unwrap_or(Money::ZERO),
            invoice_id: row.id,
            number: row.number,
            issue_date: row.issue_date,
            due_date: row.due_date,
            total: money::from_db(row.total),
        })
        .collect();
    let open_items = open_items(billed, payments, today);
    let overdue: Money = open_items
        .iter()
        .filter(|item| item.days_overdue > 0)
        .map(|item| item.open)
        .sum();
    let (_, open_orders) = exposure(db, company_id).await?;
    let credit_limit = money::from_db(company.credit_limit);
    Ok(Ledger {
        company_id,
        company_name: company.name,
        currency: company.currency,
        payment_terms: PaymentTerms::from_columns(&company.payment_terms, company.payment_days)
            .label(),
        credit_limit,
        balance,
        opening_balance: opening,
        closing_balance: if to.is_some() || from.is_some() {
            closing
        } else {
            balance
        },
        open_orders,
        available_credit: credit_limit - balance - open_orders,
        overdue,
        from,
        to,
        entries,
        open_items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn ils(amount: i64) -> Money {
        Money::new(Decimal::from(amount))
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
    }

    fn billed(id: i64, due: &str, total: i64, credited: i64) -> Billed {
        Billed {
            invoice_id: id,
            number: format!("INV-{id}"),
            issue_date: day("2026-01-01"),
            due_date: day(due),
            total: ils(total),
            credited: ils(credited),
        }
    }

    #[test]
    fn payments_settle_the_oldest_due_invoice_first() {
        let items = open_items(
            vec![
                billed(2, "2026-03-30", 500, 0),
                billed(1, "2026-02-28", 1000, 0),
            ],
            ils(1200),
            day("2026-03-15"),
        );
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].invoice_id, 2);
        assert_eq!(items[0].open, ils(300));
        assert_eq!(items[0].days_overdue, 0);
    }

    #[test]
    fn overdue_counts_days_after_the_due_date() {
        let items = open_items(
            vec![billed(1, "2026-02-28", 1000, 0)],
            ils(400),
            day("2026-03-10"),
        );
        assert_eq!(items[0].open, ils(600));
        assert_eq!(items[0].days_overdue, 10);
        // Due today is not overdue yet.
        let due_today = open_items(
            vec![billed(1, "2026-02-28", 1000, 0)],
            Money::ZERO,
            day("2026-02-28"),
        );
        assert_eq!(due_today[0].days_overdue, 0);
    }

    #[test]
    fn a_credit_note_settles_its_own_invoice_and_extra_credit_goes_to_the_rest() {
        let items = open_items(
            vec![
                billed(1, "2026-02-28", 1000, 1000),
                billed(2, "2026-03-30", 800, 300),
            ],
            Money::ZERO,
            day("2026-04-15"),
        );
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].invoice_id, 2);
        assert_eq!(items[0].open, ils(500));
        // A credit above its invoice (never issued, but the arithmetic holds) helps others.
        let extra = open_items(
            vec![
                billed(1, "2026-02-28", 100, 150),
                billed(2, "2026-03-30", 80, 0),
            ],
            Money::ZERO,
            day("2026-01-15"),
        );
        assert_eq!(extra[0].open, ils(30));
    }

    #[test]
    fn entry_kinds_round_trip() {
        for kind in EntryKind::ALL {
            assert_eq!(EntryKind::parse(kind.as_str()), Some(kind));
        }
    }
}
