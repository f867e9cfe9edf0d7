//! The audit log: who did what to which object, when, from where, with the state
//! before and after. Append-only: [`Entry::record`] inserts, nothing updates or
//! deletes (and a database trigger refuses both).
//!
//! A change is recorded **in the transaction that makes it**, so the log never claims
//! a change that was rolled back and never misses one that was committed. Only a failed
//! login, which changes nothing, is written on its own.
//!
//! The caller's IP address and request id come from the request being served
//! ([`RequestOrigin`], set once per request by the HTTP layer), like the request id of
//! a log line: every domain function does not have to pass them along.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde_json::Value;
use shared::{CompanyId, UserId};

use super::page::{Page, PageRequest, contains_pattern};
use super::{Actor, DomainError};
use crate::entities::audit_log;

/// Every kind of audited change. Stored as its SCREAMING_SNAKE_CASE name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AuditAction {
    LoginSucceeded,
    LoginFailed,
    UserCreated,
    /// A user's name, role or active flag changed.
    UserUpdated,
    /// A buyer's order limit or an approver's approval limit changed.
    UserLimitsChanged,
    /// A company's approval thresholds changed.
    ApprovalRulesChanged,
    PriceListCreated,
    PriceSet,
    PriceRemoved,
    /// A company's price list or discount changed.
    CompanyPricingChanged,
    CreditLimitChanged,
    OrderApproved,
    OrderRejected,
    TotpEnabled,
    TotpDisabled,
    RecoveryCodesRegenerated,
    /// A company admin changed whether its approvers must use two-factor authentication.
    CompanySecurityChanged,
    /// An API key was used: recorded with the key as the target by the
    /// authentication step that accepts it, at most once a minute per key (with its
    /// `last_used_at`).
    ApiKeyUsed,
    /// Staff created an API key (its name, prefix and scopes; never the key).
    ApiKeyCreated,
    /// Staff revoked an API key.
    ApiKeyRevoked,
    /// Staff registered, changed or deleted a webhook endpoint (never its secret).
    WebhookCreated,
    WebhookUpdated,
    WebhookDeleted,
    /// A user logged out of one session.
    LoggedOut,
    /// A user ended every one of its sessions.
    LoggedOutEverywhere,
    /// A session was ended by the server: its refresh token was used twice.
    SessionRevoked,
    /// A signed-in user changed its password (its other sessions ended).
    PasswordChanged,
    /// A reset link was requested for an existing account.
    PasswordResetRequested,
    /// A password was set through a reset link (every session ended).
    PasswordReset,
    /// The supplier added a company.
    CompanyCreated,
    /// A company's name, VAT number or terms changed.
    CompanyUpdated,
    /// A company was suspended: it reads but cannot order.
    CompanySuspended,
    /// A suspended company may order again.
    CompanyReinstated,
    /// An invitation e-mail was sent.
    UserInvited,
    /// A pending invitation was withdrawn.
    InvitationRevoked,
    /// An invitation created its user.
    InvitationAccepted,
}

impl AuditAction {
    pub const ALL: [AuditAction; 36] = [
        AuditAction::LoginSucceeded,
        AuditAction::LoginFailed,
        AuditAction::UserCreated,
        AuditAction::UserUpdated,
        AuditAction::UserLimitsChanged,
        AuditAction::ApprovalRulesChanged,
        AuditAction::PriceListCreated,
        AuditAction::PriceSet,
        AuditAction::PriceRemoved,
        AuditAction::CompanyPricingChanged,
        AuditAction::CreditLimitChanged,
        AuditAction::OrderApproved,
        AuditAction::OrderRejected,
        AuditAction::TotpEnabled,
        AuditAction::TotpDisabled,
        AuditAction::RecoveryCodesRegenerated,
        AuditAction::CompanySecurityChanged,
        AuditAction::ApiKeyUsed,
        AuditAction::ApiKeyCreated,
        AuditAction::ApiKeyRevoked,
        AuditAction::WebhookCreated,
        AuditAction::WebhookUpdated,
        AuditAction::WebhookDeleted,
        AuditAction::LoggedOut,
        AuditAction::LoggedOutEverywhere,
        AuditAction::SessionRevoked,
        AuditAction::PasswordChanged,
        AuditAction::PasswordResetRequested,
        AuditAction::PasswordReset,
        AuditAction::CompanyCreated,
        AuditAction::CompanyUpdated,
        AuditAction::CompanySuspended,
        AuditAction::CompanyReinstated,
        AuditAction::UserInvited,
        AuditAction::InvitationRevoked,
        AuditAction::InvitationAccepted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::LoginSucceeded => "LOGIN_SUCCEEDED",
            AuditAction::LoginFailed => "LOGIN_FAILED",
            AuditAction::UserCreated => "USER_CREATED",
            AuditAction::UserUpdated => "USER_UPDATED",
            AuditAction::UserLimitsChanged => "USER_LIMITS_CHANGED",
            AuditAction::ApprovalRulesChanged => "APPROVAL_RULES_CHANGED",
            AuditAction::PriceListCreated => "PRICE_LIST_CREATED",
            AuditAction::PriceSet => "PRICE_SET",
            AuditAction::PriceRemoved => "PRICE_REMOVED",
            AuditAction::CompanyPricingChanged => "COMPANY_PRICING_CHANGED",
            AuditAction::CreditLimitChanged => "CREDIT_LIMIT_CHANGED",
            AuditAction::OrderApproved => "ORDER_APPROVED",
            AuditAction::OrderRejected => "ORDER_REJECTED",
            AuditAction::TotpEnabled => "TOTP_ENABLED",
            AuditAction::TotpDisabled => "TOTP_DISABLED",
            AuditAction::RecoveryCodesRegenerated => "RECOVERY_CODES_REGENERATED",
            AuditAction::CompanySecurityChanged => "COMPANY_SECURITY_CHANGED",
            AuditAction::ApiKeyUsed => "API_KEY_USED",
            AuditAction::ApiKeyCreated => "API_KEY_CREATED",
            AuditAction::ApiKeyRevoked => "API_KEY_REVOKED",
            AuditAction::WebhookCreated => "WEBHOOK_CREATED",
            AuditAction::WebhookUpdated => "WEBHOOK_UPDATED",
            AuditAction::WebhookDeleted => "WEBHOOK_DELETED",
            AuditAction::LoggedOut => "LOGGED_OUT",
            AuditAction::LoggedOutEverywhere => "LOGGED_OUT_EVERYWHERE",
            AuditAction::SessionRevoked => "SESSION_REVOKED",
            AuditAction::PasswordChanged => "PASSWORD_CHANGED",
            AuditAction::PasswordResetRequested => "PASSWORD_RESET_REQUESTED",
            AuditAction::PasswordReset => "PASSWORD_RESET",
            AuditAction::CompanyCreated => "COMPANY_CREATED",
            AuditAction::CompanyUpdated => "COMPANY_UPDATED",
            AuditAction::CompanySuspended => "COMPANY_SUSPENDED",
            AuditAction::CompanyReinstated => "COMPANY_REINSTATED",
            AuditAction::UserInvited => "USER_INVITED",
            AuditAction::InvitationRevoked => "INVITATION_REVOKED",
            AuditAction::InvitationAccepted => "INVITATION_ACCEPTED",
        }
    }

    pub fn parse(text: &str) -> Option<AuditAction> {
        AuditAction::ALL
            .into_iter()
            .find(|action| action.as_str() == text)
    }
}

/// Where the request being served came from: set by the HTTP layer around each
/// request, read by [`Entry::record`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOrigin {
    pub ip: Option<String>,
    pub request_id: Option<String>,
}

tokio::task_local! {
    static ORIGIN: RequestOrigin;
}

impl RequestOrigin {
    /// Runs `work` (the handling of one request) with this origin.
    pub async fn scope<F: std::future::Future>(self, work: F) -> F::Output {
        ORIGIN.scope(self, work).await
    }

    /// The origin of the request being served; empty outside one (jobs, seeding).
    pub fn current() -> RequestOrigin {
        ORIGIN.try_with(Clone::clone).unwrap_or_default()
    }
}

/// An amount of money as entries record it: exact, without trailing zeros ("12.5").
pub fn amount(money: shared::Money) -> Value {
    Value::String(money.amount().normalize().to_string())
}

/// One audit entry being built; [`Entry::record`] writes it.
#[derive(Clone, Debug)]
pub struct Entry {
    action: AuditAction,
    actor_user_id: Option<UserId>,
    actor_email: Option<String>,
    company: Option<CompanyId>,
    target: Option<(&'static str, String)>,
    before: Option<Value>,
    after: Option<Value>,
}

impl Entry {
    pub fn new(action: AuditAction) -> Entry {
        Entry {
            action,
            actor_user_id: None,
            actor_email: None,
            company: None,
            target: None,
            before: None,
            after: None,
        }
    }

    /// Done by `actor`, in its company unless [`Entry::company`] says otherwise.
    pub fn by(self, actor: &Actor) -> Entry {
        Entry {
            actor_user_id: Some(actor.user_id),
            actor_email: Some(actor.email.as_str().to_owned()),
            company: self.company.or(actor.company_id),
            ..self
        }
    }

    /// Done by a user who is not signed in yet (a login): the user if known, and the
    /// e-mail that was typed.
    pub fn by_user(self, user: Option<UserId>, email: &str) -> Entry {
        Entry {
            actor_user_id: user,
            actor_email: Some(email.trim().to_lowercase()),
            ..self
        }
    }

    /// The customer company the change belongs to (whose admins see the entry).
    pub fn company(self, company: Option<CompanyId>) -> Entry {
        Entry {
            company: company.or(self.company),
            ..self
        }
    }

    pub fn target(self, kind: &'static str, id: impl ToString) -> Entry {
        Entry {
            target: Some((kind, id.to_string())),
            ..self
        }
    }

    pub fn before(self, before: Value) -> Entry {
        Entry {
            before: Some(before),
            ..self
        }
    }

    pub fn after(self, after: Value) -> Entry {
        Entry {
            after: Some(after),
            ..self
        }
    }

    /// Appends the entry; inside the caller's transaction when `db` is one.
    pub async fn record(self, db: &impl ConnectionTrait) -> Result<(), DomainError> {
        let origin = RequestOrigin::current();
        let before = self.before.map(|value| value.to_string());
        let after = self.after.map(|value| value.to_string());
        let (target_type, target_id) = self.target.unzip();
        // What a client typed (a failed sign-in's e-mail) is recorded as typed, except
        // NUL, which PostgreSQL text cannot hold (found by `tests/api_fuzz.rs`).
        let storable = |text: String| text.replace('\0', "\u{FFFD}");
        let actor_email = self.actor_email.map(storable);
        let target_id = target_id.map(storable);
        let search_text = [
            Some(self.action.as_str()),
            actor_email.as_deref(),
            target_type,
            target_id.as_deref(),
            before.as_deref(),
            after.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
        audit_log::ActiveModel {
            at: Set(Utc::now()),
            actor_user_id: Set(self.actor_user_id.map(|id| id.0)),
            actor_email: Set(actor_email),
            company_id: Set(self.company.map(|company| company.0)),
            action: Set(self.action.as_str().to_owned()),
            target_type: Set(target_type.map(str::to_owned)),
            target_id: Set(target_id),
            ip: Set(origin.ip),
            request_id: Set(origin.request_id),
            before: Set(before),
            after: Set(after),
            search_text: Set(search_text),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }
}

/// An entry as the log shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct AuditRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<UserId>,
    pub actor_email: Option<String>,
    pub company_id: Option<CompanyId>,
    pub action: AuditAction,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub ip: Option<String>,
    pub request_id: Option<String>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

impl TryFrom<audit_log::Model> for AuditRecord {
    type Error = DomainError;

    fn try_from(row: audit_log::Model) -> Result<AuditRecord, DomainError> {
        let action = AuditAction::parse(&row.action).ok_or_else(|| {
            DomainError::internal(anyhow::anyhow!(
                "audit entry {} has unknown action {}",
                row.id,
                row.action
            ))
        })?;
        let json = |text: Option<String>| text.and_then(|text| serde_json::from_str(&text).ok());
        Ok(AuditRecord {
            id: row.id,
            at: row.at,
            actor_user_id: row.actor_user_id.map(UserId),
            actor_email: row.actor_email,
            company_id: row.company_id.map(CompanyId),
            action,
            target_type: row.target_type,
            target_id: row.target_id,
            ip: row.ip,
            request_id: row.request_id,
            before: json(row.before),
            after: json(row.after),
        })
    }
}

/// What the log is filtered by; every field narrows it.
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    /// Part of the actor's e-mail.
    pub actor: Option<String>,
    /// Staff only: one company's entries (a company admin always sees its own).
    pub company: Option<CompanyId>,
    /// First and last day (UTC), both included.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Words that must appear in the actor, action, target or details.
    pub text: Option<String>,
}

const MAX_FILTER_TEXT: usize = 200;

/// The log, newest first. Supplier staff see every entry; a company admin only its own
/// company's (scoped here, whatever the filter asks).
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    filter: AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditRecord>, DomainError> {
    let mut query = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(page.size + 1);
    if !actor.is_supplier_staff() {
        let own = actor.customer_company()?;
        if filter.company.is_some_and(|company| company != own) {
            return Ok(Page::from_overfetched(Vec::new(), page));
        }
        query = query.filter(audit_log::Column::CompanyId.eq(own.0));
    } else if let Some(company) = filter.company {
        query = query.filter(audit_log::Column::CompanyId.eq(company.0));
    }
    if let Some(action) = filter.action {
        query = query.filter(audit_log::Column::Action.eq(action.as_str()));
    }
    for (field, value) in [("The actor", &filter.actor), ("The text", &filter.text)] {
        if value
            .as_deref()
            .is_some_and(|value| value.chars().count() > MAX_FILTER_TEXT)
        {
            return Err(DomainError::bad_input(format!(
                "{field} filter may have at most {MAX_FILTER_TEXT} characters"
            )));
        }
    }
    if let Some(actor_text) = filter
        .actor
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        query = query.filter(
            Expr::col(audit_log::Column::ActorEmail)
                .like(contains_pattern(&actor_text.to_lowercase())),
        );
    }
    if let Some(text) = filter.text.as_deref() {
        for word in text.to_lowercase().split_whitespace().take(8) {
            query =
                query.filter(Expr::col(audit_log::Column::SearchText).like(contains_pattern(word)));
        }
    }
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && to < from
    {
        return Err(DomainError::bad_input(
            "The end date must not be before the start date",
        ));
    }
    if let Some(from) = filter.from {
        query = query
            .filter(audit_log::Column::At.gte(from.and_time(chrono::NaiveTime::MIN).and_utc()));
    }
    if let Some(to) = filter.to.and_then(|to| to.succ_opt()) {
        query =
            query.filter(audit_log::Column::At.lt(to.and_time(chrono::NaiveTime::MIN).and_utc()));
    }
    if let Some(before) = page.after {
        query = query.filter(audit_log::Column::Id.lt(before));
    }
    let rows = query
        .all(db)
        .await?
        .into_iter()
        .map(AuditRecord::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetched(rows, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_reads_back_from_its_name() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(AuditAction::parse("DROP_TABLE"), None);
    }
}
