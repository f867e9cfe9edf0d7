//! The in-app inbox: a user's own notifications, newest first, read and unread.
//!
//! Every read and every change is scoped by the caller's user id: another user's
//! notification answers `NOT_FOUND`, exactly like one that does not exist.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use shared::Language;

use super::NotificationKind;
use super::messages::{self, OrderFacts};
use crate::domain::page::{Page, PageRequest};
use crate::domain::{Actor, DomainError};
use crate::entities::notification;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub order_id: Option<i64>,
    pub title: String,
    pub body: String,
    /// A path inside the web app, e.g. `/approvals/42`.
    pub link: String,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

impl TryFrom<notification::Model> for Notification {
    type Error = DomainError;

    fn try_from(row: notification::Model) -> Result<Notification, DomainError> {
        let kind = NotificationKind::parse(&row.kind).ok_or_else(|| {
            DomainError::internal(anyhow::anyhow!("unknown notification kind {}", row.kind))
        })?;
        Ok(Notification {
            id: row.id,
            kind,
            order_id: row.order_id,
            title: row.title,
            body: row.body,
            link: row.link,
            created_at: row.created_at,
            read_at: row.read_at,
        })
    }
}

/// Writes one notification in the recipient's language; returns its id.
pub(super) async fn insert(
    txn: &impl ConnectionTrait,
    kind: NotificationKind,
    user_id: i64,
    language: Language,
    facts: &OrderFacts,
) -> Result<i64, DomainError> {
    let text = messages::in_app(kind, language, facts);
    let row = notification::ActiveModel {
        user_id: Set(user_id),
        order_id: Set(Some(facts.order_id)),
        kind: Set(kind.as_str().to_owned()),
        title: Set(text.title),
        body: Set(text.body),
        link: Set(messages::link(kind, facts.order_id)),
        created_at: Set(Utc::now()),
        read_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(row.id)
}

/// The caller's notifications, newest first; `page.after` is the id of the last one
/// seen (the next page holds older ones).
pub async fn list(
    db: &impl ConnectionTrait,
    actor: &Actor,
    unread_only: bool,
    page: PageRequest,
) -> Result<Page<Notification>, DomainError> {
    let mut query = notification::Entity::find()
        .filter(notification::Column::UserId.eq(actor.user_id.0))
        .order_by_desc(notification::Column::Id)
        .limit(page.size + 1);
    if unread_only {
        query = query.filter(notification::Column::ReadAt.is_null());
    }
    if let Some(before) = page.after {
        query = query.filter(notification::Column::Id.lt(before));
    }
    let rows = query
        .all(db)
        .await?
        .into_iter()
        .map(Notification::try_from)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page::from_overfetched(rows, page))
}

pub async fn unread_count(db: &impl ConnectionTrait, actor: &Actor) -> Result<u64, DomainError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(actor.user_id.0))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks one of the caller's notifications read (once: reading it again keeps the
/// first time). Another user's notification is `NOT_FOUND`.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i64,
) -> Result<Notification, DomainError> {
    notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::UserId.eq(actor.user_id.0))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(actor.user_id.0))
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("notification"))?
        .try_into()
}

/// Marks every unread notification of the caller read; returns how many there were.
pub async fn mark_all_read(db: &impl ConnectionTrait, actor: &Actor) -> Result<u64, DomainError> {
    let result = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(Utc::now())))
        .filter(notification::Column::UserId.eq(actor.user_id.0))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
