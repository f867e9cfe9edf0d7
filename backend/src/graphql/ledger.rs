//! The ledger (rule 9) and payments: a company's statement with balance, open items
//! and credit; staff record payments one by one or import them from an ERP's CSV.

use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::Utc;
use shared::CompanyId;

use super::context::ContextExt;
use super::error::bad_input;
use super::invoices::signed_link;
use super::orders::parse_order_id;
use super::scalars::{DateScalar, DecimalScalar};
use crate::domain::ledger::payments::{self, PaymentInput};
use crate::domain::ledger::{self, EntryKind};
use crate::domain::{Actor, DomainError, Operation};

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "LedgerEntryKind")]
pub enum LedgerEntryKindEnum {
    /// A debit: what the company owes for an order.
    Invoice,
    /// A credit: a cancellation after invoicing or a return.
    CreditNote,
    /// A credit: money received.
    Payment,
}

impl From<EntryKind> for LedgerEntryKindEnum {
    fn from(kind: EntryKind) -> LedgerEntryKindEnum {
        match kind {
            EntryKind::Invoice => LedgerEntryKindEnum::Invoice,
            EntryKind::CreditNote => LedgerEntryKindEnum::CreditNote,
            EntryKind::Payment => LedgerEntryKindEnum::Payment,
        }
    }
}

/// One line of the statement.
#[derive(SimpleObject)]
pub struct LedgerEntry {
    pub date: DateScalar,
    pub kind: LedgerEntryKindEnum,
    /// The invoice or credit note number, or the payment's reference.
    pub reference: String,
    pub debit: DecimalScalar,
    pub credit: DecimalScalar,
    /// The running balance after this entry.
    pub balance: DecimalScalar,
    /// An invoice's due date.
    pub due_date: Option<DateScalar>,
    pub invoice_id: Option<ID>,
    pub credit_note_id: Option<ID>,
}

/// An invoice not yet fully paid.
#[derive(SimpleObject)]
pub struct OpenItem {
    pub invoice_id: ID,
    pub number: String,
    pub issue_date: DateScalar,
    pub due_date: DateScalar,
    pub total: DecimalScalar,
    /// What is still owed on it.
    pub open: DecimalScalar,
    /// Days past the due date (0 while not due).
    pub days_overdue: i32,
    pub overdue: bool,
}

/// A company's account statement ("kartesset").
#[derive(SimpleObject)]
pub struct Ledger {
    pub company_id: ID,
    pub company_name: String,
    pub currency: String,
    /// What the company owes now (all entries).
    pub balance: DecimalScalar,
    /// The balance before `from`.
    pub opening_balance: DecimalScalar,
    /// The balance at the end of `to`.
    pub closing_balance: DecimalScalar,
    pub credit_limit: DecimalScalar,
    /// Orders placed and not yet invoiced; they count against the credit limit.
    pub open_orders: DecimalScalar,
    /// Credit limit minus balance and open orders (negative: over the limit).
    pub available_credit: DecimalScalar,
    /// `NET 30` or `EOM+30` ("shotef + 30").
    pub payment_terms: String,
    /// Open amounts past their due date.
    pub overdue: DecimalScalar,
    pub from: Option<DateScalar>,
    pub to: Option<DateScalar>,
    pub entries: Vec<LedgerEntry>,
    /// Open invoices, oldest due date first.
    pub open_items: Vec<OpenItem>,
    /// The statement of this range as CSV: a signed link valid for 10 minutes.
    pub csv_url: String,
    /// The statement of this range as PDF: a signed link valid for 10 minutes.
    pub pdf_url: String,
}

/// The company whose ledger the caller asks for: a customer its own (another
/// company's is not found), staff the one they name.
pub fn ledger_company(actor: &Actor, company_id: Option<&ID>) -> async_graphql::Result<CompanyId> {
    match (actor.company_id, company_id) {
        (Some(own), None) => Ok(own),
        (own, Some(id)) => {
            let id = parse_order_id(id)
                .map(CompanyId)
                .ok_or_else(|| bad_input("companyId is not a company"))?;
            if own.is_some_and(|own| own != id) {
                return Err(DomainError::NotFound("company").into());
            }
            Ok(id)
        }
        (None, None) => Err(bad_input("Supplier staff name the company: companyId")),
    }
}

/// `statement:<company>:<from>:<to>`: what a statement link opens.
pub fn statement_resource(
    company: CompanyId,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> String {
    let day = |day: Option<chrono::NaiveDate>| day.map(|day| day.to_string()).unwrap_or_default();
    format!("statement:{}:{}:{}", company.0, day(from), day(to))
}

fn statement_query(from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>) -> String {
    let mut query = String::new();
    if let Some(from) = from {
        query.push_str(&format!("from={from}&"));
    }
    if let Some(to) = to {
        query.push_str(&format!("to={to}&"));
    }
    query
}

#[derive(SimpleObject)]
pub struct Payment {
    pub id: ID,
    pub company_id: ID,
    pub amount: DecimalScalar,
    pub received_on: DateScalar,
    pub reference: String,
    pub note: String,
}

impl From<payments::Payment> for Payment {
    fn from(payment: payments::Payment) -> Payment {
        Payment {
            id: ID(payment.id.to_string()),
            company_id: ID(payment.company_id.0.to_string()),
            amount: payment.amount.into(),
            received_on: payment.received_on.into(),
            reference: payment.reference,
            note: payment.note,
        }
    }
}

#[derive(InputObject)]
pub struct RecordPaymentInput {
    pub company_id: ID,
    /// More than 0, at most 2 decimals.
    pub amount: DecimalScalar,
    /// When the money came in (not in the future).
    pub date: DateScalar,
    /// The receipt or transfer number; unique per company.
    pub reference: String,
    pub note: Option<String>,
}

#[derive(SimpleObject)]
pub struct PaymentImportError {
    /// The line of the file (the header is line 1).
    pub line: i64,
    pub message: String,
}

#[derive(SimpleObject)]
pub struct PaymentImportReport {
    pub rows: i64,
    /// The sum of the file's payments.
    pub total: DecimalScalar,
    /// All bad rows; `errors` lists the first 500.
    pub error_count: i64,
    pub errors: Vec<PaymentImportError>,
    /// True when the payments were recorded; false for a dry run or a file with errors.
    pub applied: bool,
}

#[derive(Default)]
pub struct LedgerQuery;

#[Object]
impl LedgerQuery {
    /// The account statement of the caller's company (supplier staff: of `companyId`)
    /// between `from` and `to` (inclusive; both optional), with the current balance,
    /// open items, overdue amount, credit limit and available credit.
    async fn ledger(
        &self,
        ctx: &Context<'_>,
        from: Option<DateScalar>,
        to: Option<DateScalar>,
        company_id: Option<ID>,
    ) -> async_graphql::Result<Ledger> {
        let actor = ctx.authorize(Operation::ReadLedger)?;
        let company = ledger_company(actor, company_id.as_ref())?;
        let from = from.map(|day| day.0);
        let to = to.map(|day| day.0);
        let today = Utc::now().date_naive();
        let statement = ledger::ledger(ctx.db()?, company, from, to, today).await?;
        let resource = statement_resource(company, from, to);
        let query = statement_query(from, to);
        let link = |format: &str| {
            signed_link(
                ctx,
                actor.user_id,
                &format!("/ledger/{}/statement.{format}", company.0),
                &resource,
            )
            .map(|link| link.replacen('?', &format!("?{query}"), 1))
        };
        Ok(Ledger {
            company_id: ID(company.0.to_string()),
            company_name: statement.company_name,
            currency: statement.currency,
            balance: statement.balance.into(),
            opening_balance: statement.opening_balance.into(),
            closing_balance: statement.closing_balance.into(),
            credit_limit: statement.credit_limit.into(),
            open_orders: statement.open_orders.into(),
            available_credit: statement.available_credit.into(),
            payment_terms: statement.payment_terms,
            overdue: statement.overdue.into(),
            from: statement.from.map(Into::into),
            to: statement.to.map(Into::into),
            entries: statement
                .entries
                .into_iter()
                .map(|entry| LedgerEntry {
                    date: entry.date.into(),
                    kind: entry.kind.into(),
                    reference: entry.reference,
                    debit: entry.debit.into(),
                    credit: entry.credit.into(),
                    balance: entry.balance.into(),
                    due_date: entry.due_date.map(Into::into),
                    invoice_id: entry.invoice_id.map(|id| ID(id.to_string())),
                    credit_note_id: entry.credit_note_id.map(|id| ID(id.to_string())),
                })
                .collect(),
            open_items: statement
                .open_items
                .into_iter()
                .map(|item| OpenItem {
                    invoice_id: ID(item.invoice_id.to_string()),
                    number: item.number,
                    issue_date: item.issue_date.into(),
                    due_date: item.due_date.into(),
                    total: item.total.into(),
                    open: item.open.into(),
                    days_overdue: i32::try_from(item.days_overdue).unwrap_or(i32::MAX),
                    overdue: item.days_overdue > 0,
                })
                .collect(),
            csv_url: link("csv")?,
            pdf_url: link("pdf")?,
        })
    }

    /// The statement as CSV text (UTF-8 with a byte-order mark), for clients that
    /// prefer it inline rather than through `csvUrl`.
    async fn ledger_statement_csv(
        &self,
        ctx: &Context<'_>,
        from: Option<DateScalar>,
        to: Option<DateScalar>,
        company_id: Option<ID>,
    ) -> async_graphql::Result<String> {
        let actor = ctx.authorize(Operation::ReadLedger)?;
        let company = ledger_company(actor, company_id.as_ref())?;
        let today = Utc::now().date_naive();
        let statement = ledger::ledger(
            ctx.db()?,
            company,
            from.map(|day| day.0),
            to.map(|day| day.0),
            today,
        )
        .await?;
        Ok(ledger::statement::to_csv(&statement)?)
    }
}

#[derive(Default)]
pub struct LedgerMutation;

#[Object]
impl LedgerMutation {
    /// Sets a company's credit limit (supplier staff); returns the new limit.
    async fn set_credit_limit(
        &self,
        ctx: &Context<'_>,
        company_id: ID,
        credit_limit: DecimalScalar,
    ) -> async_graphql::Result<DecimalScalar> {
        let actor = ctx.authorize(Operation::RecordPayments)?;
        let company = parse_order_id(&company_id)
            .map(CompanyId)
            .ok_or(DomainError::NotFound("company"))?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let limit = crate::domain::companies::set_credit_limit(
            &txn,
            actor,
            company,
            shared::Money::new(credit_limit.0),
        )
        .await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(limit.into())
    }

    /// Records a payment received from a company and credits its ledger.
    async fn record_payment(
        &self,
        ctx: &Context<'_>,
        input: RecordPaymentInput,
    ) -> async_graphql::Result<Payment> {
        let actor = ctx.authorize(Operation::RecordPayments)?;
        let company_id = parse_order_id(&input.company_id)
            .map(CompanyId)
            .ok_or(DomainError::NotFound("company"))?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let payment = payments::record(
            &txn,
            actor,
            PaymentInput {
                company_id,
                amount: input.amount.0,
                received_on: input.date.0,
                reference: input.reference,
                note: input.note.unwrap_or_default(),
            },
            Utc::now(),
        )
        .await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(payment.into())
    }

    /// Imports payments from an ERP's CSV export (`company` = VAT number or id,
    /// `date`, `amount`, `reference`, optional `note`). With `dryRun` (the default)
    /// nothing is written and the report lists every bad row; otherwise every payment
    /// is recorded, or none when any row is bad.
    async fn import_payments_csv(
        &self,
        ctx: &Context<'_>,
        csv: String,
        #[graphql(default = true)] dry_run: bool,
    ) -> async_graphql::Result<PaymentImportReport> {
        let actor = ctx.authorize(Operation::RecordPayments)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let report = payments::import(&txn, actor, &csv, dry_run, Utc::now()).await?;
        if report.applied {
            txn.commit().await.map_err(DomainError::from)?;
        } else {
            txn.rollback().await.map_err(DomainError::from)?;
        }
        let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        Ok(PaymentImportReport {
            rows: count(report.rows),
            total: report.total.into(),
            error_count: count(report.error_count),
            errors: report
                .errors
                .into_iter()
                .map(|error| PaymentImportError {
                    line: i64::try_from(error.line).unwrap_or(i64::MAX),
                    message: error.message,
                })
                .collect(),
            applied: report.applied,
        })
    }
}
