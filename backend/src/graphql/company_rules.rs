//! A company admin's budget rules: approval thresholds, user limits, cost centres.

use async_graphql::{Context, ID, Object, SimpleObject};
use shared::{Money, UserId};

use super::context::ContextExt;
use super::scalars::DecimalScalar;
use super::types::CostCenter;
use crate::domain::company_rules::{self, ApprovalThresholds, UserLimits};
use crate::domain::{DomainError, Operation};

/// Orders above `autoApprovalLimit` (before VAT) need one approval, above
/// `dualApprovalLimit` two distinct approvers; null: never.
#[derive(SimpleObject)]
pub struct ApprovalRules {
    pub auto_approval_limit: Option<DecimalScalar>,
    pub dual_approval_limit: Option<DecimalScalar>,
}

impl From<ApprovalThresholds> for ApprovalRules {
    fn from(thresholds: ApprovalThresholds) -> ApprovalRules {
        ApprovalRules {
            auto_approval_limit: thresholds.auto_approval_limit.map(Into::into),
            dual_approval_limit: thresholds.dual_approval_limit.map(Into::into),
        }
    }
}

#[derive(SimpleObject)]
pub struct UserLimitsNode {
    pub user_id: ID,
    pub order_limit: Option<DecimalScalar>,
    pub approval_limit: Option<DecimalScalar>,
}

fn money(amount: Option<DecimalScalar>) -> Option<Money> {
    amount.map(|amount| Money::new(amount.0))
}

#[derive(Default)]
pub struct CompanyRulesQuery;

#[Object]
impl CompanyRulesQuery {
    /// The approval thresholds of the caller's company (company admins).
    async fn approval_rules(&self, ctx: &Context<'_>) -> async_graphql::Result<ApprovalRules> {
        let actor = ctx.authorize(Operation::ManageCompanyRules)?;
        Ok(
            company_rules::thresholds(ctx.db()?, actor.customer_company()?)
                .await?
                .into(),
        )
    }
}

#[derive(Default)]
pub struct CompanyRulesMutation;

#[Object]
impl CompanyRulesMutation {
    /// Sets the approval thresholds of the caller's company.
    async fn set_approval_rules(
        &self,
        ctx: &Context<'_>,
        auto_approval_limit: Option<DecimalScalar>,
        dual_approval_limit: Option<DecimalScalar>,
    ) -> async_graphql::Result<ApprovalRules> {
        let actor = ctx.authorize(Operation::ManageCompanyRules)?;
        let thresholds = ApprovalThresholds {
            auto_approval_limit: money(auto_approval_limit),
            dual_approval_limit: money(dual_approval_limit),
        };
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let saved =
            company_rules::set_thresholds(&txn, actor, actor.customer_company()?, thresholds)
                .await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(saved.into())
    }

    /// Sets a user's per-order limit and approval limit (null: none).
    async fn set_user_limits(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        order_limit: Option<DecimalScalar>,
        approval_limit: Option<DecimalScalar>,
    ) -> async_graphql::Result<UserLimitsNode> {
        let actor = ctx.authorize(Operation::ManageCompanyRules)?;
        let id = UserId::parse(&user_id).ok_or(DomainError::NotFound("user"))?;
        let limits = UserLimits {
            order_limit: money(order_limit),
            approval_limit: money(approval_limit),
        };
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let saved =
            company_rules::set_user_limits(&txn, actor, actor.customer_company()?, id, limits)
                .await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(UserLimitsNode {
            user_id,
            order_limit: saved.order_limit.map(Into::into),
            approval_limit: saved.approval_limit.map(Into::into),
        })
    }

    /// Creates a cost centre (no `id`) or changes one, with its monthly budget.
    async fn save_cost_center(
        &self,
        ctx: &Context<'_>,
        id: Option<ID>,
        name: String,
        monthly_budget: Option<DecimalScalar>,
    ) -> async_graphql::Result<CostCenter> {
        let actor = ctx.authorize(Operation::ManageCompanyRules)?;
        let id = match id {
            Some(id) => Some(
                id.parse::<i64>()
                    .map_err(|_| DomainError::NotFound("cost centre"))?,
            ),
            None => None,
        };
        let saved = company_rules::save_cost_center(
            ctx.db()?,
            actor.customer_company()?,
            id,
            &name,
            money(monthly_budget),
        )
        .await?;
        Ok(saved.into())
    }
}
