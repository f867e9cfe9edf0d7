//! A company admin's budget rules: approval thresholds, per-user limits and cost
//! centres with monthly budgets (rule 2). Always the admin's own company.

use rust_decimal::Decimal;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
};
use shared::{CompanyId, Money, UserId};

use super::audit::{AuditAction, Entry};
use super::cost_centers::{self, CostCenter};
use super::error::violated_unique_constraint;
use super::{Actor, DomainError};
use crate::db::money;
use crate::entities::{company, cost_center, user};

/// The largest limit or budget accepted, against typing mistakes.
const MAX_AMOUNT: i64 = 1_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApprovalThresholds {
    pub auto_approval_limit: Option<Money>,
    pub dual_approval_limit: Option<Money>,
}

fn stored(amount: Option<Money>, what: &str) -> Result<Option<i64>, DomainError> {
    match amount {
        None => Ok(None),
        Some(amount)
            if amount.amount() < Decimal::ZERO || amount.amount() > Decimal::from(MAX_AMOUNT) =>
        {
            Err(DomainError::bad_input(format!(
                "{what} must be between 0 and {MAX_AMOUNT}"
            )))
        }
        Some(amount) => money::to_db(amount)
            .map(Some)
            .ok_or_else(|| DomainError::bad_input(format!("{what} may have at most 4 decimals"))),
    }
}

pub async fn thresholds(
    db: &impl ConnectionTrait,
    company: CompanyId,
) -> Result<ApprovalThresholds, DomainError> {
    let row = company::Entity::find_by_id(company.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    Ok(ApprovalThresholds {
        auto_approval_limit: money::from_db_opt(row.auto_approval_limit),
        dual_approval_limit: money::from_db_opt(row.dual_approval_limit),
    })
}

/// Orders above `auto` need one approval, above `dual` two; `dual` must be above `auto`.
pub async fn set_thresholds(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company: CompanyId,
    wanted: ApprovalThresholds,
) -> Result<ApprovalThresholds, DomainError> {
    let auto = stored(wanted.auto_approval_limit, "The approval threshold")?;
    let dual = stored(wanted.dual_approval_limit, "The two-approver threshold")?;
    if let (Some(auto), Some(dual)) = (auto, dual)
        && dual <= auto
    {
        return Err(DomainError::bad_input(
            "The two-approver threshold must be above the approval threshold",
        ));
    }
    let before = thresholds(db, company).await?;
    company::Entity::update_many()
        .col_expr(company::Column::AutoApprovalLimit, Expr::value(auto))
        .col_expr(company::Column::DualApprovalLimit, Expr::value(dual))
        .filter(company::Column::Id.eq(company.0))
        .exec(db)
        .await?;
    let after = thresholds(db, company).await?;
    let json = |rules: ApprovalThresholds| {
        serde_json::json!({
            "autoApprovalLimit": rules.auto_approval_limit.map(super::audit::amount),
            "dualApprovalLimit": rules.dual_approval_limit.map(super::audit::amount),
        })
    };
    Entry::new(AuditAction::ApprovalRulesChanged)
        .by(actor)
        .company(Some(company))
        .target("company", company.0)
        .before(json(before))
        .after(json(after))
        .record(db)
        .await?;
    Ok(after)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UserLimits {
    /// A buyer's per-order limit (net); above it an order needs approval.
    pub order_limit: Option<Money>,
    /// The largest order (net) an approver may approve.
    pub approval_limit: Option<Money>,
}

pub async fn limits_of(
    db: &impl ConnectionTrait,
    company: CompanyId,
    id: UserId,
) -> Result<UserLimits, DomainError> {
    let row = user::Entity::find_by_id(id.0)
        .filter(user::Column::CompanyId.eq(company.0))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("user"))?;
    Ok(UserLimits {
        order_limit: money::from_db_opt(row.order_limit),
        approval_limit: money::from_db_opt(row.approval_limit),
    })
}

pub async fn set_user_limits(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company: CompanyId,
    id: UserId,
    limits: UserLimits,
) -> Result<UserLimits, DomainError> {
    let order_limit = stored(limits.order_limit, "The order limit")?;
    let approval_limit = stored(limits.approval_limit, "The approval limit")?;
    let before = limits_of(db, company, id).await?;
    let updated = user::Entity::update_many()
        .col_expr(user::Column::OrderLimit, Expr::value(order_limit))
        .col_expr(user::Column::ApprovalLimit, Expr::value(approval_limit))
        .filter(user::Column::Id.eq(id.0))
        .filter(user::Column::CompanyId.eq(company.0))
        .exec(db)
        .await?;
    if updated.rows_affected == 0 {
        return Err(DomainError::NotFound("user"));
    }
    let after = limits_of(db, company, id).await?;
    let json = |limits: UserLimits| {
        serde_json::json!({
            "orderLimit": limits.order_limit.map(super::audit::amount),
            "approvalLimit": limits.approval_limit.map(super::audit::amount),
        })
    };
    Entry::new(AuditAction::UserLimitsChanged)
        .by(actor)
        .company(Some(company))
        .target("user", id.0)
        .before(json(before))
        .after(json(after))
        .record(db)
        .await?;
    Ok(after)
}

/// Creates a cost centre (`id` None) or changes one of the company's.
pub async fn save_cost_center(
    db: &impl ConnectionTrait,
    company: CompanyId,
    id: Option<i64>,
    name: &str,
    monthly_budget: Option<Money>,
) -> Result<CostCenter, DomainError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        return Err(DomainError::bad_input(
            "A cost centre name must have 1 to 120 characters",
        ));
    }
    let budget = stored(monthly_budget, "The monthly budget")?;
    let mut row = cost_center::ActiveModel {
        company_id: Set(company.0),
        name: Set(name.to_owned()),
        monthly_budget: Set(budget),
        ..Default::default()
    };
    let saved = match id {
        Some(id) => {
            cost_center::Entity::find_by_id(id)
                .filter(cost_center::Column::CompanyId.eq(company.0))
                .one(db)
                .await?
                .ok_or(DomainError::NotFound("cost centre"))?;
            row.id = Set(id);
            row.update(db).await
        }
        None => row.insert(db).await,
    };
    match saved {
        Ok(row) => {
            let spent = cost_centers::spent_this_month(db, company, Some(row.id)).await?;
            let spent = spent.get(&row.id).copied().unwrap_or_default();
            Ok(CostCenter::from_row(row, spent))
        }
        Err(error) if violated_unique_constraint(&error).is_some() => Err(DomainError::Conflict(
            format!("A cost centre named '{name}' already exists"),
        )),
        Err(error) => Err(error.into()),
    }
}
