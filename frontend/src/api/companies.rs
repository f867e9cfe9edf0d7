//! Supplier staff's list of customer companies: `companies`.

use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiError, Connection, graphql};

#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanySummary {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub vat_number: Option<String>,
    /// A `Decimal` scalar: a string such as `"50000.00"`.
    pub credit_limit: String,
    /// The contract does not fix this type yet: kept as JSON and described by the page.
    #[serde(default)]
    pub payment_terms: Value,
    pub active: bool,
    pub user_count: u32,
}

pub async fn companies() -> Result<Vec<CompanySummary>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        companies: Connection<CompanySummary>,
    }
    let data: Data = graphql(
        "query Companies { companies(first: 100) { edges { node { \
           id name vatNumber creditLimit paymentTerms active userCount } } } }",
        json!({}),
    )
    .await?;
    Ok(data.companies.into_nodes())
}
