//! Invitations: supplier staff invite a company's first admin, company admins invite
//! their colleagues. An invitation is a row and an e-mailed single-use link (the same
//! [`SecretLink`] as a password reset: the job keeps a nonce, the table the token's
//! SHA-256), valid [`INVITATION_DAYS`], revocable. Accepting it creates the user with
//! the invited role and signs it in.
//!
//! Scope: a company admin invites into, lists and revokes only its own company's
//! invitations; another company's are `NotFound`. Staff may do so for every company.

use std::num::NonZeroU32;
use std::time::Duration as StdDuration;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use shared::{CompanyId, Email, InvitationId, Language, Role, UserId};

use crate::domain::accounts::{Account, parse_name};
use crate::domain::audit::{AuditAction, Entry};
use crate::domain::auth::reset::SecretLink;
use crate::domain::auth::session::{self, ClientInfo, token_hash};
use crate::domain::auth::throttle::{Policy, Throttle};
use crate::domain::auth::token::TokenKeys;
use crate::domain::auth::totp::{self, SecondFactorProblem, TotpPolicy};
use crate::domain::auth::{LoggedIn, password, policy};
use crate::domain::error::violated_unique_constraint;
use crate::domain::page::{Page, PageRequest};
use crate::domain::{Actor, DomainError};
use crate::entities::{company, invitation, user};
use crate::notifications::queue::{self, InvitationMail};

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;
/// The purpose mixed into the link token's HMAC (a reset token never opens this).
pub const LINK_PURPOSE: &str = "invitation";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationStatus {
    Pending,
    Accepted,
    Expired,
    Revoked,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub id: InvitationId,
    pub company_id: CompanyId,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub status: InvitationStatus,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// The status is derived from the timestamps, never stored twice.
fn status_of(row: &invitation::Model, now: DateTime<Utc>) -> InvitationStatus {
    if row.revoked_at.is_some() {
        InvitationStatus::Revoked
    } else if row.accepted_at.is_some() {
        InvitationStatus::Accepted
    } else if row.expires_at <= now {
        InvitationStatus::Expired
    } else {
        InvitationStatus::Pending
    }
}

fn to_invitation(row: invitation::Model, now: DateTime<Utc>) -> Invitation {
    Invitation {
        id: InvitationId(row.id),
        company_id: CompanyId(row.company_id),
        status: status_of(&row, now),
        email: row.email,
        name: row.name,
        // The table's check constraint allows customer roles only.
        role: Role::parse(&row.role).unwrap_or(Role::Viewer),
        created_at: row.created_at,
        expires_at: row.expires_at,
    }
}

/// Invitations sent per inviter: 20 at once (a company's whole team), then one more
/// every 3 minutes. Each instance counts its own, like the login throttle.
pub struct InvitationThrottle(Throttle<UserId>);

impl Default for InvitationThrottle {
    fn default() -> InvitationThrottle {
        InvitationThrottle(Throttle::new(Policy {
            burst: NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN),
            period: StdDuration::from_secs(180),
        }))
    }
}

impl InvitationThrottle {
    pub fn hit(&self, inviter: &Actor) -> Result<(), DomainError> {
        self.0.hit(&inviter.user_id)?;
        Ok(())
    }
}

/// The company `actor` may manage invitations of: any for staff, its own for a
/// company admin (another company does not exist for it).
async fn company_in_scope(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: CompanyId,
) -> Result<company::Model, DomainError> {
    if !actor.can_see_company(id) {
        return Err(DomainError::NotFound("company"));
    }
    company::Entity::find_by_id(id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))
}

async fn ensure_no_user(db: &impl ConnectionTrait, email: &Email) -> Result<(), DomainError> {
    let existing = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    match existing {
        Some(_) => Err(email_taken(email)),
        None => Ok(()),
    }
}

fn email_taken(email: &Email) -> DomainError {
    DomainError::Conflict(format!("A user with the e-mail {email} already exists"))
}

pub struct NewInvitation {
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// Invites a person into `company_id` with a customer role: stores the invitation and
/// queues its e-mail in one transaction. An e-mail that already has a user, or a
/// pending invitation, is a `Conflict`.
pub async fn invite(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    actor: &Actor,
    company_id: CompanyId,
    new: NewInvitation,
) -> Result<Invitation, DomainError> {
    let email =
        Email::parse(&new.email).map_err(|error| DomainError::bad_input(error.to_string()))?;
    let name = parse_name(&new.name)?;
    if !new.role.is_customer() {
        return Err(DomainError::bad_input(
            "A company user cannot be given the supplier staff role",
        ));
    }
    let txn = crate::db::begin_write(db).await?;
    let company = company_in_scope(&txn, actor, company_id).await?;
    ensure_no_user(&txn, &email).await?;
    let now = Utc::now();
    let pending = invitation::Entity::find()
        .filter(invitation::Column::Email.eq(email.as_str()))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .one(&txn)
        .await?;
    if pending.is_some() {
        return Err(DomainError::Conflict(format!(
            "{email} already has a pending invitation: revoke it to send a new one"
        )));
    }
    let link = SecretLink::new(keys, LINK_PURPOSE);
    let row = invitation::ActiveModel {
        company_id: Set(company.id),
        email: Set(email.as_str().to_owned()),
        name: Set(name.clone()),
        role: Set(new.role.as_str().to_owned()),
        token_hash: Set(link.token_hash),
        invited_by: Set(actor.user_id.0),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        accepted_at: Set(None),
        accepted_user_id: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let inviter_name = user::Entity::find_by_id(actor.user_id.0)
        .one(&txn)
        .await?
        .map(|inviter| inviter.name)
        .unwrap_or_else(|| actor.email.as_str().to_owned());
    queue::push_invitation_in(
        &txn,
        &InvitationMail {
            invitation_id: row.id,
            nonce: link.nonce,
            to_address: email.as_str().to_owned(),
            to_name: name,
            company_name: company.name,
            inviter_name,
        },
    )
    .await?;
    Entry::new(AuditAction::UserInvited)
        .by(actor)
        .company(Some(company_id))
        .target("invitation", row.id)
        .after(json!({ "email": row.email, "name": row.name, "role": row.role }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(to_invitation(row, now))
}

/// Withdraws a pending invitation: its link stops working at once.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    id: InvitationId,
) -> Result<Invitation, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let row = invitation::Entity::find_by_id(id.0)
        .one(&txn)
        .await?
        .filter(|row| actor.can_see_company(CompanyId(row.company_id)))
        .ok_or(DomainError::NotFound("invitation"))?;
    let now = Utc::now();
    if status_of(&row, now) != InvitationStatus::Pending {
        return Err(DomainError::Conflict(
            "Only a pending invitation can be revoked".to_owned(),
        ));
    }
    // Conditional: an acceptance at the same moment wins or loses as a whole.
    let revoked = invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(row.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if revoked.rows_affected == 0 {
        return Err(DomainError::Conflict(
            "Only a pending invitation can be revoked".to_owned(),
        ));
    }
    Entry::new(AuditAction::InvitationRevoked)
        .by(actor)
        .company(Some(CompanyId(row.company_id)))
        .target("invitation", row.id)
        .before(json!({ "email": row.email, "status": "PENDING" }))
        .after(json!({ "status": "REVOKED" }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    let row = invitation::Model {
        revoked_at: Some(now),
        ..row
    };
    Ok(to_invitation(row, now))
}

/// A company's invitations, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company_id: CompanyId,
    page: PageRequest,
) -> Result<Page<Invitation>, DomainError> {
    company_in_scope(db, actor, company_id).await?;
    let mut query = invitation::Entity::find()
        .filter(invitation::Column::CompanyId.eq(company_id.0))
        .order_by_desc(invitation::Column::Id)
        .limit(page.size + 1);
    if let Some(before) = page.after {
        // The cursor is the last id seen; the list runs downwards.
        query = query.filter(invitation::Column::Id.lt(before));
    }
    let now = Utc::now();
    let rows = query.all(db).await?;
    Ok(Page::from_overfetched(
        rows.into_iter()
            .map(|row| to_invitation(row, now))
            .collect(),
        page,
    ))
}

/// The answer to a link that cannot be used, saying why (the token's holder learns
/// only about its own invitation).
fn not_usable(status: InvitationStatus) -> DomainError {
    DomainError::bad_input(match status {
        InvitationStatus::Accepted => "This invitation was already used: sign in instead",
        InvitationStatus::Revoked => "This invitation was withdrawn: ask for a new one",
        InvitationStatus::Expired => {
            "This invitation has expired (links work for 7 days): ask for a new one"
        }
        InvitationStatus::Pending => "This invitation link is not valid",
    })
}

pub struct Acceptance<'a> {
    pub token: &'a str,
    pub name: &'a str,
    pub password: &'a str,
}

/// Creates the invited user (the name and password it chose, the invited role) and
/// signs it in, once, within the link's time. Nothing is written when it is refused.
/// When the two-factor policy requires it of the role, the account is created and the
/// answer asks for the enrolment at sign-in (`TOTP_ENROLLMENT_REQUIRED`).
pub async fn accept(
    db: &DatabaseConnection,
    keys: &TokenKeys,
    totp_policy: TotpPolicy,
    acceptance: Acceptance<'_>,
    client: &ClientInfo,
) -> Result<LoggedIn, DomainError> {
    let now = Utc::now();
    let row = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_hash(acceptance.token)))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::bad_input("This invitation link is not valid"))?;
    let status = status_of(&row, now);
    if status != InvitationStatus::Pending {
        return Err(not_usable(status));
    }
    let email =
        Email::parse(&row.email).map_err(|error| DomainError::bad_input(error.to_string()))?;
    let name = parse_name(acceptance.name)?;
    policy::check_new_password(acceptance.password, email.as_str())?;
    ensure_no_user(db, &email).await?;
    let password_hash = password::hash(acceptance.password.to_owned()).await?;

    let txn = crate::db::begin_write(db).await?;
    // Conditional: of two uses of one link exactly one lands.
    let spent = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .filter(invitation::Column::Id.eq(row.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if spent.rows_affected == 0 {
        return Err(not_usable(InvitationStatus::Accepted));
    }
    let created = user::ActiveModel {
        email: Set(email.as_str().to_owned()),
        name: Set(name),
        password_hash: Set(password_hash),
        role: Set(row.role.clone()),
        company_id: Set(Some(row.company_id)),
        active: Set(true),
        order_limit: Set(None),
        approval_limit: Set(None),
        language: Set(Language::default().code().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|error| match violated_unique_constraint(&error) {
        Some(_) => email_taken(&email),
        None => error.into(),
    })?;
    invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedUserId, Expr::value(created.id))
        .filter(invitation::Column::Id.eq(row.id))
        .exec(&txn)
        .await?;
    let company = Some(CompanyId(row.company_id));
    Entry::new(AuditAction::InvitationAccepted)
        .by_user(Some(UserId(created.id)), &created.email)
        .company(company)
        .target("invitation", row.id)
        .after(json!({ "user": created.id, "email": created.email, "role": created.role }))
        .record(&txn)
        .await?;
    let role = Role::parse(&created.role).unwrap_or(Role::Viewer);
    if totp::is_required(&txn, totp_policy, role, created.company_id).await? {
        // The account exists; the second factor is set up at the first sign-in.
        txn.commit().await?;
        return Err(DomainError::SecondFactor(
            SecondFactorProblem::EnrollmentRequired,
        ));
    }
    let session = session::start(&txn, UserId(created.id), client).await?;
    txn.commit().await?;
    let token = keys
        .issue(UserId(created.id), session.session_id)
        .map_err(DomainError::Internal)?;
    Ok(LoggedIn {
        token,
        session,
        account: Account::try_from(created)?,
        recovery_codes: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(now: DateTime<Utc>) -> invitation::Model {
        invitation::Model {
            id: 1,
            company_id: 1,
            email: "new@demo.test".into(),
            name: "New".into(),
            role: "BUYER".into(),
            token_hash: String::new(),
            invited_by: 1,
            created_at: now,
            expires_at: now + Duration::days(INVITATION_DAYS),
            accepted_at: None,
            accepted_user_id: None,
            revoked_at: None,
        }
    }

    #[test]
    fn the_status_follows_revocation_then_acceptance_then_expiry() {
        let now = Utc::now();
        assert_eq!(status_of(&row(now), now), InvitationStatus::Pending);
        let later = now + Duration::days(INVITATION_DAYS);
        assert_eq!(status_of(&row(now), later), InvitationStatus::Expired);
        let accepted = invitation::Model {
            accepted_at: Some(now),
            ..row(now)
        };
        assert_eq!(status_of(&accepted, later), InvitationStatus::Accepted);
        let revoked = invitation::Model {
            revoked_at: Some(now),
            ..row(now)
        };
        assert_eq!(status_of(&revoked, now), InvitationStatus::Revoked);
    }
}
