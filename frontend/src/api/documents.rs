//! The customer's documents: invoices (with their signed PDF links) and the account
//! statement (balance, open items, entries and the signed CSV/PDF export links).

use serde::Deserialize;
use serde_json::json;
use shared::Money;

use super::{ApiError, Page, graphql, optional};

/// Invoices per request of the list.
pub const PAGE_SIZE: u32 = 20;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct OrderRef {
    pub id: String,
    pub number: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub id: String,
    pub number: String,
    /// `YYYY-MM-DD`.
    pub issue_date: String,
    pub due_date: String,
    pub total: Money,
    /// A signed link to the PDF, valid for a few minutes.
    pub pdf_url: String,
    #[serde(default)]
    pub order: Option<OrderRef>,
}

/// What the invoices list is filtered by; empty texts mean no filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvoiceFilter {
    pub from: String,
    pub to: String,
    pub order_number: String,
}

/// The caller's company's invoices, newest first.
pub async fn invoices(
    filter: InvoiceFilter,
    after: Option<String>,
) -> Result<Page<Invoice>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        invoices: Page<Invoice>,
    }
    let query = "query Invoices($first: Int, $after: String, $from: Date, $to: Date, \
        $orderNumber: String) { invoices(first: $first, after: $after, from: $from, to: $to, \
        orderNumber: $orderNumber) { pageInfo { hasNextPage endCursor } \
        nodes { id number issueDate dueDate total pdfUrl order { id number } } } }";
    let variables = json!({
        "first": PAGE_SIZE,
        "after": after,
        "from": optional(&filter.from),
        "to": optional(&filter.to),
        "orderNumber": optional(&filter.order_number),
    });
    let data: Data = graphql(query, variables).await?;
    Ok(data.invoices)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntryKind {
    Invoice,
    CreditNote,
    Payment,
    #[serde(other)]
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct LedgerEntry {
    pub date: String,
    pub kind: EntryKind,
    pub reference: String,
    pub debit: Money,
    pub credit: Money,
    pub balance: Money,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenItem {
    pub invoice_id: String,
    pub number: String,
    pub issue_date: String,
    pub due_date: String,
    pub total: Money,
    pub open: Money,
    pub days_overdue: i64,
    pub overdue: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Ledger {
    pub balance: Money,
    pub opening_balance: Money,
    pub closing_balance: Money,
    pub credit_limit: Money,
    pub available_credit: Money,
    /// `NET 30` or `EOM+30`.
    pub payment_terms: String,
    pub overdue: Money,
    #[serde(default)]
    pub entries: Vec<LedgerEntry>,
    #[serde(default)]
    pub open_items: Vec<OpenItem>,
    #[serde(default)]
    pub csv_url: String,
    #[serde(default)]
    pub pdf_url: String,
}

/// The caller's company's statement between `from` and `to` (`YYYY-MM-DD`, both
/// optional), with the balance cards and the open items.
pub async fn ledger(from: &str, to: &str) -> Result<Ledger, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        ledger: Ledger,
    }
    let query = "query Ledger($from: Date, $to: Date) { ledger(from: $from, to: $to) { \
        balance openingBalance closingBalance creditLimit availableCredit paymentTerms overdue \
        entries { date kind reference debit credit balance } \
        openItems { invoiceId number issueDate dueDate total open daysOverdue overdue } \
        csvUrl pdfUrl } }";
    let variables = json!({ "from": optional(from), "to": optional(to) });
    let data: Data = graphql(query, variables).await?;
    Ok(data.ledger)
}

/// Just the balance, for the home page's card.
pub async fn balance() -> Result<Money, ApiError> {
    #[derive(Deserialize)]
    struct Balance {
        balance: Money,
    }
    #[derive(Deserialize)]
    struct Data {
        ledger: Balance,
    }
    let data: Data = graphql("query Balance { ledger { balance } }", json!({})).await?;
    Ok(data.ledger.balance)
}
