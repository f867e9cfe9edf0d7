//! Customer companies and their commercial terms.

use std::collections::HashMap;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use shared::{CompanyId, Money};

use super::page::{Page, PageRequest};
use super::{Actor, DomainError};
use crate::db::money;
use crate::entities::{company, user};

/// When an invoice falls due (rule 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaymentTerms {
    /// Net N days from the invoice date.
    Net(i32),
    /// "Shotef + N": the end of the invoice's month plus N days.
    EndOfMonthPlus(i32),
}

impl PaymentTerms {
    fn from_columns(kind: &str, days: i32) -> PaymentTerms {
        match kind {
            "EOM" => PaymentTerms::EndOfMonthPlus(days),
            _ => PaymentTerms::Net(days),
        }
    }

    /// `NET 30` or `EOM+30`: short, the same in every language.
    pub fn label(self) -> String {
        match self {
            PaymentTerms::Net(days) => format!("NET {days}"),
            PaymentTerms::EndOfMonthPlus(days) => format!("EOM+{days}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Company {
    pub id: CompanyId,
    pub name: String,
    pub vat_number: Option<String>,
    pub currency: String,
    pub payment_terms: PaymentTerms,
    pub credit_limit: Money,
    pub active: bool,
}

impl From<company::Model> for Company {
    fn from(row: company::Model) -> Company {
        Company {
            id: CompanyId(row.id),
            name: row.name,
            vat_number: row.vat_number,
            currency: row.currency,
            payment_terms: PaymentTerms::from_columns(&row.payment_terms, row.payment_days),
            credit_limit: money::from_db(row.credit_limit),
            active: row.active,
        }
    }
}

/// One company, if the caller may see it; another company's is `NotFound`, so its
/// existence is not revealed.
pub async fn get_visible(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: CompanyId,
) -> Result<Company, DomainError> {
    if !actor.can_see_company(id) {
        return Err(DomainError::NotFound("company"));
    }
    company::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .map(Company::from)
        .ok_or(DomainError::NotFound("company"))
}

/// Companies by id, in one query (for the DataLoader).
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[CompanyId],
) -> Result<HashMap<CompanyId, Company>, DomainError> {
    let rows = company::Entity::find()
        .filter(company::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| (CompanyId(row.id), Company::from(row)))
        .collect())
}

/// Every company, for supplier staff.
pub async fn list(
    db: &impl ConnectionTrait,
    page: PageRequest,
) -> Result<Page<Company>, DomainError> {
    let mut query = company::Entity::find()
        .order_by_asc(company::Column::Id)
        .limit(page.size + 1);
    if let Some(after) = page.after {
        query = query.filter(company::Column::Id.gt(after));
    }
    let rows = query.all(db).await?;
    Ok(Page::from_overfetched(
        rows.into_iter().map(Company::from).collect(),
        page,
    ))
}

#[derive(FromQueryResult)]
struct UserCountRow {
    company_id: Option<i64>,
    user_count: i64,
}

/// The number of users of each company, in one grouped query (for the DataLoader).
pub async fn user_counts(
    db: &impl ConnectionTrait,
    ids: &[CompanyId],
) -> Result<HashMap<CompanyId, i64>, DomainError> {
    let rows = user::Entity::find()
        .select_only()
        .column(user::Column::CompanyId)
        .column_as(user::Column::Id.count(), "user_count")
        .filter(user::Column::CompanyId.is_in(ids.iter().map(|id| id.0)))
        .group_by(user::Column::CompanyId)
        .into_model::<UserCountRow>()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| row.company_id.map(|id| (CompanyId(id), row.user_count)))
        .collect())
}
