//! Cost centres (project, branch, department) with optional monthly budgets.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, TimeZone, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use shared::{CompanyId, Money, OrderStatus};

use super::DomainError;
use crate::db::money;
use crate::entities::{cost_center, order};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostCenter {
    pub id: i64,
    pub company_id: CompanyId,
    pub name: String,
    pub monthly_budget: Option<Money>,
    /// Net total of this calendar month's orders charged to it (rejected and cancelled
    /// orders do not count).
    pub spent_this_month: Money,
}

impl CostCenter {
    pub fn from_row(row: cost_center::Model, spent_this_month: Money) -> CostCenter {
        CostCenter {
            id: row.id,
            company_id: CompanyId(row.company_id),
            name: row.name,
            monthly_budget: money::from_db_opt(row.monthly_budget),
            spent_this_month,
        }
    }
}

/// Midnight UTC of the first day of `now`'s month: where a monthly budget starts.
pub fn month_start(now: DateTime<Utc>) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0)
        .single()
        .unwrap_or(now)
}

/// This month's spending per cost centre of `company` (the net subtotals of its orders
/// that were not rejected or cancelled), in one grouped query. `only` narrows it to one
/// cost centre.
pub async fn spent_this_month(
    db: &impl ConnectionTrait,
    company: CompanyId,
    only: Option<i64>,
) -> Result<HashMap<i64, Money>, DomainError> {
    let mut query = order::Entity::find()
        .select_only()
        .column(order::Column::CostCenterId)
        .column_as(Expr::cust("CAST(SUM(subtotal) AS BIGINT)"), "spent")
        .filter(order::Column::CompanyId.eq(company.0))
        .filter(order::Column::CostCenterId.is_not_null())
        .filter(order::Column::CreatedAt.gte(month_start(Utc::now())))
        .filter(order::Column::Status.is_not_in([
            OrderStatus::Rejected.as_str(),
            OrderStatus::Cancelled.as_str(),
        ]))
        .group_by(order::Column::CostCenterId);
    if let Some(id) = only {
        query = query.filter(order::Column::CostCenterId.eq(id));
    }
    let rows: Vec<(Option<i64>, Option<i64>)> = query.into_tuple().all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, spent)| Some((id?, money::from_db(spent.unwrap_or(0)))))
        .collect())
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
    let spent = spent_this_month(db, company, None).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let spent = spent.get(&row.id).copied().unwrap_or_default();
            CostCenter::from_row(row, spent)
        })
        .collect())
}
