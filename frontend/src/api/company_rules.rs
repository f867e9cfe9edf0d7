//! The company admin's budget rules: `approvalRules`, `setApprovalRules`, the users'
//! limits (`companyUsers`, `setUserLimits`), `costCenters` and `saveCostCenter`; and
//! the number of pending orders an approver may decide, for the home page.

use serde::Deserialize;
use serde_json::{Value, json};
use shared::{Money, Role};

use super::{ApiError, Connection, graphql};

/// A limit as the API takes it: a `Decimal` string without trailing zeros, or null
/// for "no limit".
fn decimal(amount: Option<Money>) -> Value {
    amount.map_or(Value::Null, |amount| {
        json!(amount.amount().normalize().to_string())
    })
}

/// Orders above `auto_approval_limit` (before VAT) need one approval, above
/// `dual_approval_limit` two distinct approvers; `None`: no such rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApprovalRules {
    pub auto_approval_limit: Option<Money>,
    pub dual_approval_limit: Option<Money>,
}

const RULES_FIELDS: &str = "autoApprovalLimit dualApprovalLimit";

pub async fn approval_rules() -> Result<ApprovalRules, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        approval_rules: ApprovalRules,
    }
    let query = format!("query ApprovalRules {{ approvalRules {{ {RULES_FIELDS} }} }}");
    let data: Data = graphql(&query, json!({})).await?;
    Ok(data.approval_rules)
}

pub async fn set_approval_rules(rules: ApprovalRules) -> Result<ApprovalRules, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        set_approval_rules: ApprovalRules,
    }
    let query = format!(
        "mutation SetApprovalRules($auto: Decimal, $dual: Decimal) {{ \
           setApprovalRules(autoApprovalLimit: $auto, dualApprovalLimit: $dual) {{ {RULES_FIELDS} }} }}"
    );
    let variables = json!({
        "auto": decimal(rules.auto_approval_limit),
        "dual": decimal(rules.dual_approval_limit),
    });
    let data: Data = graphql(&query, variables).await?;
    Ok(data.set_approval_rules)
}

/// A buyer's per-order limit and an approver's approval limit; `None`: no limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserLimits {
    pub order_limit: Option<Money>,
    pub approval_limit: Option<Money>,
}

/// A user of the admin's company with the limits the admin sets.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LimitedUser {
    pub id: String,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    #[serde(flatten)]
    pub limits: UserLimits,
}

impl LimitedUser {
    /// Whether a per-order limit means anything for this user: only the roles that
    /// place orders (the server's `PlaceOrder` roles).
    pub fn orders(&self) -> bool {
        matches!(self.role, Role::Buyer | Role::Approver)
    }

    /// Whether an approval limit means anything for this user.
    pub fn approves(&self) -> bool {
        self.role == Role::Approver
    }
}

pub async fn users_with_limits() -> Result<Vec<LimitedUser>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        company_users: Connection<LimitedUser>,
    }
    let query = "query UsersWithLimits { companyUsers(first: 100) { edges { node { \
                 id email name role active orderLimit approvalLimit } } } }";
    let data: Data = graphql(query, json!({})).await?;
    Ok(data.company_users.into_nodes())
}

/// Writes both limits of a user (the server sets the two together).
pub async fn set_user_limits(user_id: &str, limits: UserLimits) -> Result<UserLimits, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        set_user_limits: UserLimits,
    }
    let query = "mutation SetUserLimits($id: ID!, $orderLimit: Decimal, $approvalLimit: Decimal) { \
                 setUserLimits(userId: $id, orderLimit: $orderLimit, approvalLimit: $approvalLimit) \
                 { orderLimit approvalLimit } }";
    let variables = json!({
        "id": user_id,
        "orderLimit": decimal(limits.order_limit),
        "approvalLimit": decimal(limits.approval_limit),
    });
    let data: Data = graphql(query, variables).await?;
    Ok(data.set_user_limits)
}

/// A project, branch or department that orders are charged to.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CostCenter {
    pub id: String,
    pub name: String,
    /// Net spending allowed per calendar month; `None`: unlimited.
    pub monthly_budget: Option<Money>,
}

pub async fn cost_centers() -> Result<Vec<CostCenter>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        cost_centers: Vec<CostCenter>,
    }
    let query = "query CostCenters { costCenters { id name monthlyBudget } }";
    let data: Data = graphql(query, json!({})).await?;
    Ok(data.cost_centers)
}

/// Creates a cost centre (`id` None) or changes one.
pub async fn save_cost_center(
    id: Option<&str>,
    name: &str,
    monthly_budget: Option<Money>,
) -> Result<CostCenter, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        save_cost_center: CostCenter,
    }
    let query = "mutation SaveCostCenter($id: ID, $name: String!, $budget: Decimal) { \
                 saveCostCenter(id: $id, name: $name, monthlyBudget: $budget) \
                 { id name monthlyBudget } }";
    let variables = json!({
        "id": id,
        "name": name,
        "budget": decimal(monthly_budget),
    });
    let data: Data = graphql(query, variables).await?;
    Ok(data.save_cost_center)
}

/// How many pending orders the caller may approve or reject now (the first 100
/// pending orders are counted: more than that shows as 100).
pub async fn pending_decisions_count() -> Result<usize, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Pending {
        can_decide: bool,
    }
    #[derive(Deserialize)]
    struct Data {
        orders: Connection<Pending>,
    }
    let query = "query PendingDecisions { orders(first: 100, status: PENDING_APPROVAL) \
                 { edges { node { canDecide } } } }";
    let data: Data = graphql(query, json!({})).await?;
    Ok(data
        .orders
        .into_nodes()
        .into_iter()
        .filter(|order| order.can_decide)
        .count())
}
