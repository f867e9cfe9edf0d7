//! Cost centres (project, branch, department) with optional monthly budgets.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use shared::{CompanyId, Money};

use super::DomainError;
use crate::db::money;
use crate::entities::cost_center;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostCenter {
    pub id: i64,
    pub company_id: CompanyId,
    pub name: String,
    pub monthly_budget: Option<Money>,
}

pub async fn list_for_company(
    db: &impl ConnectionTrait,
    company: CompanyId,
) -> Result<Vec<CostCenter>, DomainError> {
    let rows = cost_center::Entity::find()
        .filter(cost_center::Column::CompanyId.eq(company.0))
        .order_by_asc(cost_center::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| CostCenter {
            id: row.id,
            company_id: CompanyId(row.company_id),
            name: row.name,
            monthly_budget: money::from_db_opt(row.monthly_budget),
        })
        .collect())
}
