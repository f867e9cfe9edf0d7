//! Payments received from customers (supplier staff): `recordPayment`, the ERP's CSV
//! through `importPaymentsCsv`, and a company's balance from `ledger(companyId)`.

use serde::Deserialize;
use serde_json::json;
use shared::Money;

use super::catalog_admin::ImportRowError;
use super::{ApiError, graphql};

/// Where a company's account stands now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyBalance {
    /// What the company owes now.
    pub balance: Money,
    pub credit_limit: Money,
    /// Credit limit minus balance and open orders (negative: over the limit).
    pub available_credit: Money,
}

pub async fn company_balance(company_id: &str) -> Result<CompanyBalance, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        ledger: CompanyBalance,
    }
    let data: Data = graphql(
        "query CompanyBalance($companyId: ID!) { ledger(companyId: $companyId) { \
           balance creditLimit availableCredit } }",
        json!({ "companyId": company_id }),
    )
    .await?;
    Ok(data.ledger)
}

/// A payment as typed and checked on the payments page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewPayment {
    pub company_id: String,
    pub amount: Money,
    /// `YYYY-MM-DD`.
    pub date: String,
    pub reference: String,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub amount: Money,
    pub received_on: String,
    pub reference: String,
}

pub async fn record_payment(payment: &NewPayment) -> Result<Payment, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        record_payment: Payment,
    }
    let note = payment.note.trim();
    let data: Data = graphql(
        "mutation RecordPayment($input: RecordPaymentInput!) { recordPayment(input: $input) { \
           amount receivedOn reference } }",
        json!({ "input": {
            "companyId": payment.company_id,
            "amount": payment.amount.amount().to_string(),
            "date": payment.date,
            "reference": payment.reference.trim(),
            "note": (!note.is_empty()).then_some(note),
        } }),
    )
    .await?;
    Ok(data.record_payment)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentImportReport {
    pub rows: u64,
    /// The sum of the file's payments.
    pub total: Money,
    pub error_count: u64,
    /// The first 500 bad rows.
    pub errors: Vec<ImportRowError>,
    /// Whether the payments were recorded (never for a dry run or a file with errors).
    pub applied: bool,
}

/// Checks the file (`dry_run`), or records every payment in it, or none when a row is bad.
pub async fn import_payments_csv(
    csv: &str,
    dry_run: bool,
) -> Result<PaymentImportReport, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        import_payments_csv: PaymentImportReport,
    }
    let data: Data = graphql(
        "mutation ImportPaymentsCsv($csv: String!, $dryRun: Boolean!) { \
           importPaymentsCsv(csv: $csv, dryRun: $dryRun) { \
             rows total errorCount errors { line message } applied } }",
        json!({ "csv": csv, "dryRun": dry_run }),
    )
    .await?;
    Ok(data.import_payments_csv)
}
