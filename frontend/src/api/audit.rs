//! The audit log (staff: everything; company admins: their company's).

use serde::Deserialize;
use serde_json::json;

use super::{ApiError, Page, graphql, optional};

pub const PAGE_SIZE: u32 = 30;

/// Every action the log records, as the API names them.
pub const ACTIONS: [&str; 36] = [
    "LOGIN_SUCCEEDED",
    "LOGIN_FAILED",
    "USER_CREATED",
    "USER_UPDATED",
    "USER_LIMITS_CHANGED",
    "APPROVAL_RULES_CHANGED",
    "PRICE_LIST_CREATED",
    "PRICE_SET",
    "PRICE_REMOVED",
    "COMPANY_PRICING_CHANGED",
    "CREDIT_LIMIT_CHANGED",
    "ORDER_APPROVED",
    "ORDER_REJECTED",
    "TOTP_ENABLED",
    "TOTP_DISABLED",
    "RECOVERY_CODES_REGENERATED",
    "COMPANY_SECURITY_CHANGED",
    "API_KEY_USED",
    "API_KEY_CREATED",
    "API_KEY_REVOKED",
    "WEBHOOK_CREATED",
    "WEBHOOK_UPDATED",
    "WEBHOOK_DELETED",
    "LOGGED_OUT",
    "LOGGED_OUT_EVERYWHERE",
    "SESSION_REVOKED",
    "PASSWORD_CHANGED",
    "PASSWORD_RESET_REQUESTED",
    "PASSWORD_RESET",
    "COMPANY_CREATED",
    "COMPANY_UPDATED",
    "COMPANY_SUSPENDED",
    "COMPANY_REINSTATED",
    "USER_INVITED",
    "INVITATION_REVOKED",
    "INVITATION_ACCEPTED",
];

/// The filter as typed; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: String,
    pub actor: String,
    pub from: String,
    pub to: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AuditChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: String,
    pub at: String,
    pub action: String,
    pub actor_email: Option<String>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub changes: Vec<AuditChange>,
}

pub async fn audit_log(
    filter: AuditFilter,
    after: Option<String>,
) -> Result<Page<AuditEntry>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        audit_log: Page<AuditEntry>,
    }
    let query = "query AuditLog($first: Int, $after: String, $filter: AuditLogFilter) { \
        auditLog(first: $first, after: $after, filter: $filter) { \
        pageInfo { hasNextPage endCursor } \
        nodes { id at action actorEmail targetType targetId ip changes { field before after } } } }";
    let variables = json!({
        "first": PAGE_SIZE,
        "after": after,
        "filter": {
            "action": optional(&filter.action),
            "actor": optional(&filter.actor),
            "from": optional(&filter.from),
            "to": optional(&filter.to),
            "text": optional(&filter.text),
        },
    });
    let data: Data = graphql(query, variables).await?;
    Ok(data.audit_log)
}
