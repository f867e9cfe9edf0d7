//! The approval rules of a company (rule 2), as one pure function: given an order's
//! net subtotal, the company's thresholds, the buyer's limit and the cost centre's
//! budget, it returns how many approvals the order needs and why.

use serde::{Deserialize, Serialize};
use shared::Money;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ApprovalPolicy {
    /// Orders above this net total need one approval; `None`: never.
    pub auto_approval_limit: Option<Money>,
    /// Orders above this net total need two distinct approvers; `None`: never.
    pub dual_approval_limit: Option<Money>,
}

/// The state of a cost centre's monthly budget before this order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BudgetUse {
    pub cost_center: String,
    /// `2026-11`: the calendar month the budget is for.
    pub month: String,
    pub monthly_budget: Option<Money>,
    pub spent_this_month: Money,
}

/// Why an order needs approval; stored with the order and shown to buyer and approver.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ApprovalReason {
    AboveAutoApproval {
        limit: Money,
    },
    AboveDualApproval {
        limit: Money,
    },
    AboveBuyerLimit {
        limit: Money,
    },
    OverBudget {
        cost_center: String,
        month: String,
        budget: Money,
        over_by: Money,
    },
}

impl ApprovalReason {
    /// The reason in words (English; the UI translates from the kind and amounts).
    pub fn message(&self) -> String {
        match self {
            ApprovalReason::AboveAutoApproval { limit } => {
                format!("above {} before VAT: needs an approval", limit.format_ils())
            }
            ApprovalReason::AboveDualApproval { limit } => {
                format!(
                    "above {} before VAT: needs two approvals",
                    limit.format_ils()
                )
            }
            ApprovalReason::AboveBuyerLimit { limit } => {
                format!(
                    "above the buyer's per-order limit of {}",
                    limit.format_ils()
                )
            }
            ApprovalReason::OverBudget {
                cost_center,
                month,
                over_by,
                ..
            } => {
                format!(
                    "cost centre {cost_center} over its {month} budget by {}",
                    over_by.format_ils()
                )
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApprovalDecision {
    /// 0: straight to the supplier; 1 or 2: that many distinct approvers.
    pub approvals_required: u8,
    pub reasons: Vec<ApprovalReason>,
    /// What is left of the cost centre's budget after this order (negative: over).
    pub budget_left_after: Option<Money>,
}

pub fn decide(
    subtotal: Money,
    policy: ApprovalPolicy,
    buyer_limit: Option<Money>,
    budget: Option<&BudgetUse>,
) -> ApprovalDecision {
    let mut reasons = Vec::new();
    let mut approvals_required = 0;
    if let Some(limit) = policy.dual_approval_limit
        && subtotal > limit
    {
        reasons.push(ApprovalReason::AboveDualApproval { limit });
        approvals_required = 2;
    } else if let Some(limit) = policy.auto_approval_limit
        && subtotal > limit
    {
        reasons.push(ApprovalReason::AboveAutoApproval { limit });
        approvals_required = 1;
    }
    if let Some(limit) = buyer_limit
        && subtotal > limit
    {
        reasons.push(ApprovalReason::AboveBuyerLimit { limit });
        approvals_required = approvals_required.max(1);
    }
    let mut budget_left_after = None;
    if let Some(budget) = budget
        && let Some(monthly_budget) = budget.monthly_budget
    {
        let left = monthly_budget - budget.spent_this_month - subtotal;
        budget_left_after = Some(left);
        if left < Money::ZERO {
            reasons.push(ApprovalReason::OverBudget {
                cost_center: budget.cost_center.clone(),
                month: budget.month.clone(),
                budget: monthly_budget,
                over_by: Money::ZERO - left,
            });
            approvals_required = approvals_required.max(1);
        }
    }
    ApprovalDecision {
        approvals_required,
        reasons,
        budget_left_after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn ils(amount: i64) -> Money {
        Money::new(Decimal::from(amount))
    }

    fn demo_policy() -> ApprovalPolicy {
        ApprovalPolicy {
            auto_approval_limit: Some(ils(5_000)),
            dual_approval_limit: Some(ils(20_000)),
        }
    }

    #[test]
    fn orders_up_to_the_threshold_go_straight_to_the_supplier() {
        let decision = decide(ils(5_000), demo_policy(), None, None);
        assert_eq!(decision.approvals_required, 0);
        assert!(decision.reasons.is_empty());
    }

    #[test]
    fn above_the_first_threshold_one_approval_above_the_second_two() {
        assert_eq!(
            decide(ils(5_001), demo_policy(), None, None).approvals_required,
            1
        );
        let large = decide(ils(25_000), demo_policy(), None, None);
        assert_eq!(large.approvals_required, 2);
        assert_eq!(
            large.reasons,
            vec![ApprovalReason::AboveDualApproval { limit: ils(20_000) }]
        );
    }

    #[test]
    fn a_buyers_personal_limit_needs_an_approval_below_the_company_threshold() {
        let policy = ApprovalPolicy {
            auto_approval_limit: Some(ils(10_000)),
            dual_approval_limit: None,
        };
        let decision = decide(ils(8_500), policy, Some(ils(8_000)), None);
        assert_eq!(decision.approvals_required, 1);
        assert_eq!(
            decision.reasons,
            vec![ApprovalReason::AboveBuyerLimit { limit: ils(8_000) }]
        );
    }

    #[test]
    fn a_cost_centre_over_its_monthly_budget_needs_an_approval_and_says_by_how_much() {
        let budget = BudgetUse {
            cost_center: "Haifa branch".to_owned(),
            month: "2026-11".to_owned(),
            monthly_budget: Some(ils(40_000)),
            spent_this_month: ils(38_000),
        };
        let decision = decide(ils(3_240), ApprovalPolicy::default(), None, Some(&budget));
        assert_eq!(decision.approvals_required, 1);
        assert_eq!(decision.budget_left_after, Some(ils(-1_240)));
        assert_eq!(
            decision.reasons[0].message(),
            "cost centre Haifa branch over its 2026-11 budget by ₪ 1,240.00"
        );
    }

    #[test]
    fn reasons_round_trip_through_json() {
        let reason = ApprovalReason::AboveAutoApproval { limit: ils(5_000) };
        let json = serde_json::to_string(&reason).unwrap_or_default();
        assert_eq!(
            serde_json::from_str::<ApprovalReason>(&json).ok(),
            Some(reason)
        );
    }
}
