//! The audit log: staff search every entry, company admins their own company's.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use serde_json::Value;
use shared::CompanyId;

use super::context::ContextExt;
use super::pagination::{connection, page_request};
use super::scalars::DateScalar;
use crate::domain::audit::{self, AuditFilter, AuditRecord};
use crate::domain::{DomainError, Operation};

/// What an audit entry records.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "AuditAction", remote = "crate::domain::audit::AuditAction")]
pub enum AuditActionEnum {
    LoginSucceeded,
    LoginFailed,
    UserCreated,
    UserUpdated,
    UserLimitsChanged,
    ApprovalRulesChanged,
    PriceListCreated,
    PriceSet,
    PriceRemoved,
    CompanyPricingChanged,
    CreditLimitChanged,
    OrderApproved,
    OrderRejected,
    TotpEnabled,
    TotpDisabled,
    RecoveryCodesRegenerated,
    CompanySecurityChanged,
    /// An API key was used (recorded at most once a minute per key).
    ApiKeyUsed,
    ApiKeyCreated,
    ApiKeyRevoked,
    WebhookCreated,
    WebhookUpdated,
    WebhookDeleted,
    LoggedOut,
    LoggedOutEverywhere,
    /// A session ended because its refresh token was used twice (a stolen cookie).
    SessionRevoked,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    CompanyCreated,
    CompanyUpdated,
    CompanySuspended,
    CompanyReinstated,
    UserInvited,
    InvitationRevoked,
    InvitationAccepted,
}

/// One field that changed: its value before and after, as JSON text (null when the
/// field was absent on that side).
#[derive(SimpleObject)]
pub struct AuditChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// One entry of the append-only audit log.
#[derive(SimpleObject)]
pub struct AuditEntry {
    pub id: ID,
    pub at: DateTime<Utc>,
    pub action: AuditActionEnum,
    /// Who did it: null for a failed sign-in with an unknown e-mail.
    pub actor_id: Option<ID>,
    /// The e-mail of the actor (for a sign-in, the one that was typed).
    pub actor_email: Option<String>,
    pub company_id: Option<ID>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    /// The state before and after, as JSON text.
    pub before: Option<String>,
    pub after: Option<String>,
    /// The fields of `before`/`after` side by side, for reading.
    pub changes: Vec<AuditChange>,
}

/// The top-level fields of two JSON objects side by side, in a stable order.
fn changes(before: Option<&Value>, after: Option<&Value>) -> Vec<AuditChange> {
    let empty = serde_json::Map::new();
    let object = |value: Option<&Value>| match value {
        Some(Value::Object(map)) => map.clone(),
        Some(other) => {
            let mut map = serde_json::Map::new();
            map.insert("value".to_owned(), other.clone());
            map
        }
        None => empty.clone(),
    };
    let (before, after) = (object(before), object(after));
    let mut fields: Vec<&String> = before.keys().chain(after.keys()).collect();
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .map(|field| AuditChange {
            field: field.clone(),
            before: before.get(field).map(Value::to_string),
            after: after.get(field).map(Value::to_string),
        })
        .collect()
}

impl From<AuditRecord> for AuditEntry {
    fn from(record: AuditRecord) -> AuditEntry {
        AuditEntry {
            id: ID(record.id.to_string()),
            at: record.at,
            action: record.action.into(),
            actor_id: record.actor_user_id.map(|id| ID(id.0.to_string())),
            actor_email: record.actor_email,
            company_id: record.company_id.map(|id| ID(id.0.to_string())),
            target_type: record.target_type,
            target_id: record.target_id,
            ip: record.ip,
            request_id: record.request_id,
            changes: changes(record.before.as_ref(), record.after.as_ref()),
            before: record.before.map(|value| value.to_string()),
            after: record.after.map(|value| value.to_string()),
        }
    }
}

/// Narrows the audit log; every field is optional.
#[derive(InputObject, Default)]
pub struct AuditLogFilter {
    pub action: Option<AuditActionEnum>,
    /// Part of the actor's e-mail.
    pub actor: Option<String>,
    /// One company's entries (staff; a company admin always sees only its own).
    pub company: Option<ID>,
    /// First and last day (UTC), both included.
    pub from: Option<DateScalar>,
    pub to: Option<DateScalar>,
    /// Words to find in the actor, action, target and details.
    pub text: Option<String>,
}

#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// The audit log, newest first: every entry for supplier staff, the caller's
    /// company's for a company admin.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        filter: Option<AuditLogFilter>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<i64, AuditEntry>> {
        let actor = ctx.authorize(Operation::ReadAuditLog)?;
        let request = page_request(first, after)?;
        let filter = filter.unwrap_or_default();
        let company = match filter.company {
            Some(id) => Some(CompanyId(
                id.parse::<i64>()
                    .ok()
                    .filter(|id| *id > 0)
                    .ok_or(DomainError::NotFound("company"))?,
            )),
            None => None,
        };
        let filter = AuditFilter {
            action: filter.action.map(Into::into),
            actor: filter.actor,
            company,
            from: filter.from.map(|day| day.0),
            to: filter.to.map(|day| day.0),
            text: filter.text,
        };
        let page = audit::list(ctx.db()?, actor, filter, request).await?;
        Ok(connection(
            page,
            request,
            |entry| entry.id,
            AuditEntry::from,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_pair_the_fields_of_before_and_after() {
        let before = json!({ "role": "BUYER", "active": true });
        let after = json!({ "role": "APPROVER", "name": "Dana" });
        let changes = changes(Some(&before), Some(&after));
        let fields: Vec<_> = changes.iter().map(|change| change.field.as_str()).collect();
        assert_eq!(fields, ["active", "name", "role"]);
        assert_eq!(changes[2].before.as_deref(), Some("\"BUYER\""));
        assert_eq!(changes[2].after.as_deref(), Some("\"APPROVER\""));
        assert_eq!(changes[1].before, None);
    }
}
