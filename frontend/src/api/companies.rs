//! Supplier staff's customer companies: `companies`, and onboarding them:
//! `createCompany`, `updateCompany`, `suspendCompany`, `reinstateCompany`.

use serde::{Deserialize, Serialize};
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
    /// `NET 30` or `EOM+30`: described by the page.
    #[serde(default)]
    pub payment_terms: Value,
    pub payment_terms_kind: TermsKind,
    pub payment_days: i32,
    #[serde(default)]
    pub price_list_id: Option<String>,
    pub discount_percent: String,
    pub active: bool,
    pub suspended: bool,
    #[serde(default)]
    pub suspended_reason: Option<String>,
    pub user_count: u32,
}

/// How a company's invoices fall due: net N days, or end of month plus N ("shotef").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TermsKind {
    Net,
    EndOfMonth,
}

const COMPANY_FIELDS: &str = "id name vatNumber creditLimit paymentTerms paymentTermsKind \
    paymentDays priceListId discountPercent active suspended suspendedReason userCount";

pub async fn companies() -> Result<Vec<CompanySummary>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        companies: Connection<CompanySummary>,
    }
    let query = format!(
        "query Companies {{ companies(first: 100) {{ edges {{ node {{ {COMPANY_FIELDS} }} }} }} }}"
    );
    let data: Data = graphql(&query, json!({})).await?;
    Ok(data.companies.into_nodes())
}

/// A company's details and terms as typed in the form (`CompanyInput`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompanyInput {
    pub name: String,
    pub vat_number: String,
    pub payment_terms: TermsKind,
    pub payment_days: i32,
    pub credit_limit: String,
    pub price_list_id: Option<String>,
    pub discount_percent: String,
}

impl CompanyInput {
    pub fn of(company: &CompanySummary) -> CompanyInput {
        CompanyInput {
            name: company.name.clone(),
            vat_number: company.vat_number.clone().unwrap_or_default(),
            payment_terms: company.payment_terms_kind,
            payment_days: company.payment_days,
            credit_limit: company.credit_limit.clone(),
            price_list_id: company.price_list_id.clone(),
            discount_percent: company.discount_percent.clone(),
        }
    }
}

pub async fn create_company(input: &CompanyInput) -> Result<CompanySummary, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        create_company: CompanySummary,
    }
    let query = format!(
        "mutation CreateCompany($input: CompanyInput!) {{ createCompany(input: $input) {{ {COMPANY_FIELDS} }} }}"
    );
    let data: Data = graphql(&query, json!({ "input": input })).await?;
    Ok(data.create_company)
}

pub async fn update_company(id: &str, input: &CompanyInput) -> Result<CompanySummary, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        update_company: CompanySummary,
    }
    let query = format!(
        "mutation UpdateCompany($id: ID!, $input: CompanyInput!) {{ updateCompany(id: $id, input: $input) {{ {COMPANY_FIELDS} }} }}"
    );
    let data: Data = graphql(&query, json!({ "id": id, "input": input })).await?;
    Ok(data.update_company)
}

/// Suspends (with `Some(reason)`) or reinstates (`None`) a company.
pub async fn set_suspended(id: &str, reason: Option<&str>) -> Result<CompanySummary, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        company: CompanySummary,
    }
    let query = match reason {
        Some(_) => format!(
            "mutation Suspend($id: ID!, $reason: String!) {{ company: suspendCompany(id: $id, reason: $reason) {{ {COMPANY_FIELDS} }} }}"
        ),
        None => format!(
            "mutation Reinstate($id: ID!) {{ company: reinstateCompany(id: $id) {{ {COMPANY_FIELDS} }} }}"
        ),
    };
    let data: Data = graphql(&query, json!({ "id": id, "reason": reason })).await?;
    Ok(data.company)
}
