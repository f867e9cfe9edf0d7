//! Payments received from customers (supplier staff): a company's balance from
//! `ledger(companyId)`.

use serde::Deserialize;
use serde_json::json;
use shared::Money;

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
