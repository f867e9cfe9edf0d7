//! API keys: how machine clients (an ERP, a marketplace connector) call the API.
//!
//! A key is `wpk_<prefix>_<secret>`: the 8-character prefix names it in lists and the
//! audit log, the secret is 32 random bytes. The database keeps the SHA-256 of the
//! whole key (a key is random, so a slow password hash adds nothing) and the prefix;
//! the key itself is shown once, when it is created. A request sends it as
//! `Authorization: Bearer wpk_...` or `X-Api-Key: wpk_...`; [`authenticate`] turns it
//! into an [`Actor`] with an [`ApiKeyGrant`], and `authz::authorize` then lets the
//! key's scopes, not a role, decide ([`super::Operation::api_scope`]).

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::json;
use shared::{CompanyId, Role, UserId};

use super::audit::{AuditAction, Entry};
use super::auth::session::{random_token, token_hash};
use super::authz::{ApiKeyGrant, Authentication};
use super::page::{Page, PageRequest};
use super::{Actor, DomainError, accounts};
use crate::entities::{api_key, company};

/// Every key starts with this, so the authentication can tell a key from a JWT.
pub const KEY_PREFIX: &str = "wpk_";

pub const MAX_NAME_LENGTH: usize = 100;

/// `last_used_at` is written at most this often per key (with an `API_KEY_USED`
/// audit entry): a busy integration does not turn every request into a write.
const USE_RECORDING_INTERVAL_SECONDS: i64 = 60;

const INVALID_KEY: &str = "The API key is not valid";
const REVOKED_KEY: &str = "The API key was revoked";

/// What a key may do. Small on purpose: each scope opens one operation of the table in
/// `authz.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ApiScope {
    /// `ingestOrder`.
    OrdersWrite,
    /// `orders`, `order`, and the orders CSV export.
    OrdersRead,
    /// `products`, `product`, `categories`.
    CatalogRead,
    /// `invoices`, `invoice`, `creditNotes`, their PDFs and the invoices CSV export.
    InvoicesRead,
}

impl ApiScope {
    pub const ALL: [ApiScope; 4] = [
        ApiScope::OrdersWrite,
        ApiScope::OrdersRead,
        ApiScope::CatalogRead,
        ApiScope::InvoicesRead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApiScope::OrdersWrite => "ORDERS_WRITE",
            ApiScope::OrdersRead => "ORDERS_READ",
            ApiScope::CatalogRead => "CATALOG_READ",
            ApiScope::InvoicesRead => "INVOICES_READ",
        }
    }

    pub fn parse(name: &str) -> Option<ApiScope> {
        ApiScope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == name)
    }
}

/// A key as lists show it: never the key or its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKey {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub scopes: Vec<ApiScope>,
    pub company_id: Option<CompanyId>,
    pub created_by: UserId,
    pub created_at: chrono::DateTime<Utc>,
    pub last_used_at: Option<chrono::DateTime<Utc>>,
    pub revoked_at: Option<chrono::DateTime<Utc>>,
}

fn scopes_of(stored: &str) -> Vec<ApiScope> {
    stored.split(',').filter_map(ApiScope::parse).collect()
}

impl From<api_key::Model> for ApiKey {
    fn from(row: api_key::Model) -> ApiKey {
        ApiKey {
            id: row.id,
            scopes: scopes_of(&row.scopes),
            name: row.name,
            prefix: row.prefix,
            company_id: row.company_id.map(CompanyId),
            created_by: UserId(row.created_by),
            created_at: row.created_at,
            last_used_at: row.last_used_at,
            revoked_at: row.revoked_at,
        }
    }
}

/// A new key and its secret, which is never shown again.
pub struct CreatedKey {
    pub key: ApiKey,
    pub secret: String,
}

/// A fresh key: `wpk_` + 8 hex characters + `_` + 32 random bytes (URL-safe base64).
fn generate() -> (String, String) {
    let prefix: String = random_token()
        .bytes()
        .take(4)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let secret = format!("{KEY_PREFIX}{prefix}_{}", random_token());
    (prefix, secret)
}

/// Creates a key for a machine client (staff only, by the operation table).
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    name: &str,
    scopes: &[ApiScope],
    company_id: Option<CompanyId>,
) -> Result<CreatedKey, DomainError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The key's name must have 1 to {MAX_NAME_LENGTH} characters"
        )));
    }
    let mut scopes = scopes.to_vec();
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() {
        return Err(DomainError::bad_input("A key needs at least one scope"));
    }
    let txn = crate::db::begin_write(db).await?;
    if let Some(company) = company_id {
        company::Entity::find_by_id(company.0)
            .one(&txn)
            .await?
            .ok_or(DomainError::NotFound("company"))?;
    }
    let (prefix, secret) = generate();
    let stored_scopes: Vec<&str> = scopes.iter().map(|scope| scope.as_str()).collect();
    let row = api_key::ActiveModel {
        name: Set(name.to_owned()),
        prefix: Set(prefix),
        key_hash: Set(token_hash(&secret)),
        scopes: Set(stored_scopes.join(",")),
        company_id: Set(company_id.map(|company| company.0)),
        created_by: Set(actor.user_id.0),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
        revoked_by: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    Entry::new(AuditAction::ApiKeyCreated)
        .by(actor)
        .company(company_id)
        .target("api_key", row.id)
        .after(json!({ "name": row.name, "prefix": row.prefix, "scopes": stored_scopes }))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(CreatedKey {
        key: row.into(),
        secret,
    })
}

/// Revokes a key at once: its next request is `UNAUTHENTICATED`. Revoking a revoked
/// key changes nothing.
pub async fn revoke(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
) -> Result<ApiKey, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let revoked = api_key::Entity::update_many()
        .col_expr(api_key::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(
            api_key::Column::RevokedBy,
            Expr::value(Some(actor.user_id.0)),
        )
        .filter(api_key::Column::Id.eq(id))
        .filter(api_key::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    let row = api_key::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound("API key"))?;
    if revoked.rows_affected == 1 {
        Entry::new(AuditAction::ApiKeyRevoked)
            .by(actor)
            .company(row.company_id.map(CompanyId))
            .target("api_key", row.id)
            .before(json!({ "revoked": false }))
            .after(json!({ "revoked": true }))
            .record(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(row.into())
}

/// Every key, revoked ones included, oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    request: PageRequest,
) -> Result<Page<ApiKey>, DomainError> {
    let mut query = api_key::Entity::find().order_by_asc(api_key::Column::Id);
    if let Some(after) = request.after {
        query = query.filter(api_key::Column::Id.gt(after));
    }
    let rows = query.limit(request.size + 1).all(db).await?;
    Ok(Page::from_overfetched(
        rows.into_iter().map(ApiKey::from).collect(),
        request,
    ))
}

/// The [`Authentication`] of a presented key: unknown and revoked keys are rejected,
/// and so is a key whose creator is no longer an active staff member.
pub async fn authenticate(
    db: &DatabaseConnection,
    presented: &str,
) -> Result<Authentication, DomainError> {
    let Some(row) = api_key::Entity::find()
        .filter(api_key::Column::KeyHash.eq(token_hash(presented.trim())))
        .one(db)
        .await?
    else {
        return Ok(Authentication::Rejected(INVALID_KEY));
    };
    if row.revoked_at.is_some() {
        return Ok(Authentication::Rejected(REVOKED_KEY));
    }
    let Some(creator) = accounts::find_active(db, UserId(row.created_by)).await? else {
        return Ok(Authentication::Rejected(INVALID_KEY));
    };
    if creator.role != Role::SupplierStaff {
        return Ok(Authentication::Rejected(INVALID_KEY));
    }
    let actor = Actor {
        user_id: creator.id,
        email: creator.email,
        role: if row.company_id.is_some() {
            Role::Viewer
        } else {
            Role::SupplierStaff
        },
        company_id: row.company_id.map(CompanyId),
        language: creator.language,
        session_id: None,
        api_key: Some(ApiKeyGrant {
            key_id: row.id,
            scopes: scopes_of(&row.scopes),
        }),
    };
    let stale = Utc::now() - Duration::seconds(USE_RECORDING_INTERVAL_SECONDS);
    // Most requests of a busy key stop here: no write at all.
    if row.last_used_at.is_none_or(|used| used < stale) {
        record_use(db, &actor, row.id, stale).await?;
    }
    Ok(Authentication::Authenticated(actor))
}

/// Writes `last_used_at` and an `API_KEY_USED` entry, at most once a minute per key
/// (a conditional update decides, so concurrent requests write once).
async fn record_use(
    db: &DatabaseConnection,
    actor: &Actor,
    key_id: i64,
    stale: chrono::DateTime<Utc>,
) -> Result<(), DomainError> {
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let updated = api_key::Entity::update_many()
        .col_expr(api_key::Column::LastUsedAt, Expr::value(Some(now)))
        .filter(api_key::Column::Id.eq(key_id))
        .filter(
            Expr::col(api_key::Column::LastUsedAt)
                .is_null()
                .or(Expr::col(api_key::Column::LastUsedAt).lt(stale)),
        )
        .exec(&txn)
        .await?;
    if updated.rows_affected == 1 {
        Entry::new(AuditAction::ApiKeyUsed)
            .by(actor)
            .target("api_key", key_id)
            .record(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_carry_a_visible_prefix_and_a_long_random_secret() {
        let (prefix, secret) = generate();
        assert_eq!(prefix.len(), 8);
        assert!(secret.starts_with(&format!("{KEY_PREFIX}{prefix}_")));
        assert!(secret.len() >= KEY_PREFIX.len() + 9 + 43, "{secret}");
        assert_ne!(generate().1, secret);
    }

    #[test]
    fn scopes_round_trip_and_unknown_names_are_dropped() {
        for scope in ApiScope::ALL {
            assert_eq!(ApiScope::parse(scope.as_str()), Some(scope));
        }
        assert_eq!(
            scopes_of("ORDERS_READ,NOPE,CATALOG_READ"),
            vec![ApiScope::OrdersRead, ApiScope::CatalogRead]
        );
    }
}
