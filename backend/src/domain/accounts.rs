//! User accounts: supplier staff and the users of customer companies.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use shared::{CompanyId, Email, Language, Role, UserId};

use super::audit::{AuditAction, Entry};
use super::auth::password;
use super::error::violated_unique_constraint;
use super::page::{Page, PageRequest};
use super::{Actor, DomainError};
use crate::entities::user;

/// A user as the rest of the application sees it (never the password hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: UserId,
    pub email: Email,
    pub name: String,
    pub role: Role,
    pub company_id: Option<CompanyId>,
    pub active: bool,
    pub language: Language,
    /// A buyer's per-order limit (net).
    pub order_limit: Option<shared::Money>,
    /// The largest order (net) this approver may approve.
    pub approval_limit: Option<shared::Money>,
}

impl TryFrom<user::Model> for Account {
    type Error = DomainError;

    fn try_from(row: user::Model) -> Result<Account, DomainError> {
        let role = Role::parse(&row.role).ok_or_else(|| {
            DomainError::internal(anyhow::anyhow!(
                "user {} has unknown role {}",
                row.id,
                row.role
            ))
        })?;
        let email = Email::parse(&row.email).map_err(|error| {
            DomainError::internal(anyhow::anyhow!("user {} has a bad e-mail: {error}", row.id))
        })?;
        Ok(Account {
            id: UserId(row.id),
            email,
            name: row.name,
            role,
            company_id: row.company_id.map(CompanyId),
            active: row.active,
            language: Language::parse(&row.language).unwrap_or_default(),
            order_limit: crate::db::money::from_db_opt(row.order_limit),
            approval_limit: crate::db::money::from_db_opt(row.approval_limit),
        })
    }
}

pub const MAX_NAME_LENGTH: usize = 200;

/// A person's display name: trimmed, not empty, not absurdly long.
pub fn parse_name(name: &str) -> Result<String, DomainError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DomainError::bad_input("The name must not be empty"));
    }
    if name.chars().count() > MAX_NAME_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The name must have at most {MAX_NAME_LENGTH} characters"
        )));
    }
    Ok(name.to_owned())
}

pub async fn find_active(
    db: &impl ConnectionTrait,
    id: UserId,
) -> Result<Option<Account>, DomainError> {
    let row = user::Entity::find_by_id(id.0)
        .filter(user::Column::Active.eq(true))
        .one(db)
        .await?;
    row.map(Account::try_from).transpose()
}

pub async fn get(db: &impl ConnectionTrait, id: UserId) -> Result<Account, DomainError> {
    let row = user::Entity::find_by_id(id.0).one(db).await?;
    row.map(Account::try_from)
        .transpose()?
        .ok_or(DomainError::NotFound("user"))
}

pub async fn set_language(
    db: &impl ConnectionTrait,
    actor: &Actor,
    language: Language,
) -> Result<Account, DomainError> {
    let change = user::ActiveModel {
        id: Set(actor.user_id.0),
        language: Set(language.code().to_owned()),
        ..Default::default()
    };
    Account::try_from(change.update(db).await?)
}

/// The users of one company, by id.
pub async fn list_company_users(
    db: &impl ConnectionTrait,
    company: CompanyId,
    page: PageRequest,
) -> Result<Page<Account>, DomainError> {
    let mut query = user::Entity::find()
        .filter(user::Column::CompanyId.eq(company.0))
        .order_by_asc(user::Column::Id)
        .limit(page.size + 1);
    if let Some(after) = page.after {
        query = query.filter(user::Column::Id.gt(after));
    }
    let rows = query.all(db).await?;
    let accounts = rows
        .into_iter()
        .map(Account::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetched(accounts, page))
}

pub struct NewCompanyUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub password: String,
}

/// A company admin adds a user to its own company (audited in `db`'s transaction).
pub async fn create_company_user(
    db: &impl ConnectionTrait,
    actor: &Actor,
    company: CompanyId,
    new_user: NewCompanyUser,
) -> Result<Account, DomainError> {
    let email =
        Email::parse(&new_user.email).map_err(|error| DomainError::bad_input(error.to_string()))?;
    let name = parse_name(&new_user.name)?;
    if !new_user.role.is_customer() {
        return Err(DomainError::bad_input(
            "A company user cannot be given the supplier staff role",
        ));
    }
    password::check_new_password(&new_user.password, email.as_str())?;
    let password_hash = password::hash(new_user.password).await?;
    let row = user::ActiveModel {
        email: Set(email.as_str().to_owned()),
        name: Set(name),
        password_hash: Set(password_hash),
        role: Set(new_user.role.as_str().to_owned()),
        company_id: Set(Some(company.0)),
        active: Set(true),
        order_limit: Set(None),
        approval_limit: Set(None),
        language: Set(Language::default().code().to_owned()),
        created_at: Set(Utc::now()),
        ..Default::default()
    };
    match row.insert(db).await {
        Ok(row) => {
            Entry::new(AuditAction::UserCreated)
                .by(actor)
                .company(Some(company))
                .target("user", row.id)
                .after(serde_json::json!({
                    "email": row.email, "name": row.name, "role": row.role, "active": row.active,
                }))
                .record(db)
                .await?;
            Account::try_from(row)
        }
        Err(error) if violated_unique_constraint(&error).is_some() => Err(DomainError::Conflict(
            format!("A user with the e-mail {email} already exists"),
        )),
        Err(error) => Err(error.into()),
    }
}

pub struct CompanyUserChanges {
    pub name: Option<String>,
    pub role: Option<Role>,
    pub active: Option<bool>,
}

/// A company admin changes a user of its own company. Another company's user does
/// not exist for it. An admin cannot demote or deactivate itself, so a company never
/// locks itself out. The changed fields are audited in `db`'s transaction.
pub async fn update_company_user(
    db: &impl ConnectionTrait,
    company: CompanyId,
    actor: &Actor,
    target: UserId,
    changes: CompanyUserChanges,
) -> Result<Account, DomainError> {
    let existing = user::Entity::find_by_id(target.0)
        .filter(user::Column::CompanyId.eq(company.0))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("user"))?;
    let mut change = user::ActiveModel {
        id: Set(existing.id),
        ..Default::default()
    };
    let mut before = serde_json::Map::new();
    let mut after = serde_json::Map::new();
    if let Some(name) = changes.name {
        let name = parse_name(&name)?;
        if name != existing.name {
            before.insert("name".into(), existing.name.clone().into());
            after.insert("name".into(), name.clone().into());
        }
        change.name = Set(name);
    }
    if let Some(role) = changes.role {
        if !role.is_customer() {
            return Err(DomainError::bad_input(
                "A company user cannot be given the supplier staff role",
            ));
        }
        if target == actor.user_id && role != actor.role {
            return Err(DomainError::bad_input("You cannot change your own role"));
        }
        if role.as_str() != existing.role {
            before.insert("role".into(), existing.role.clone().into());
            after.insert("role".into(), role.as_str().into());
        }
        change.role = Set(role.as_str().to_owned());
    }
    if let Some(active) = changes.active {
        if target == actor.user_id && !active {
            return Err(DomainError::bad_input("You cannot deactivate yourself"));
        }
        if active != existing.active {
            before.insert("active".into(), existing.active.into());
            after.insert("active".into(), active.into());
        }
        change.active = Set(active);
    }
    let updated = change.update(db).await?;
    if existing.active && !updated.active {
        // A deactivated user's live sessions end with the change, not at their expiry.
        crate::domain::auth::session::revoke_all_for_user(
            db,
            target,
            None,
            crate::domain::auth::session::RevokeReason::UserDeactivated,
        )
        .await?;
    }
    if !after.is_empty() {
        Entry::new(AuditAction::UserUpdated)
            .by(actor)
            .company(Some(company))
            .target("user", updated.id)
            .before(before.into())
            .after(after.into())
            .record(db)
            .await?;
    }
    Account::try_from(updated)
}

/// Accounts by id, in one query (for the DataLoader).
pub async fn by_ids(
    db: &impl ConnectionTrait,
    ids: &[UserId],
) -> Result<std::collections::HashMap<UserId, Account>, DomainError> {
    let rows = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().map(|id| id.0)))
        .all(db)
        .await?;
    rows.into_iter()
        .map(|row| Account::try_from(row).map(|account| (account.id, account)))
        .collect()
}
