//! The caller's notifications: the in-app inbox of approvers and buyers.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::context::ContextExt;
use super::pagination::{connection, page_request};
use crate::domain::{DomainError, Operation};
use crate::notifications::{NotificationKind, inbox};

/// What a notification is about.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(
    name = "NotificationKind",
    remote = "crate::notifications::NotificationKind"
)]
pub enum NotificationKindEnum {
    /// An order of your company waits for your approval.
    ApprovalNeeded,
    /// Your order was approved and went to the supplier.
    OrderApproved,
    /// Your order was rejected; the body gives the reason.
    OrderRejected,
    /// The supplier moved your order on (confirmed, invoiced, shipped with tracking,
    /// delivered, cancelled, returned).
    OrderStatusChanged,
    /// (Staff) A customer asked to cancel, change or return an order.
    OrderRequestOpened,
    /// The supplier accepted or declined your request on an order.
    OrderRequestDecided,
}

/// A notification, written in the recipient's language when it was created.
#[derive(SimpleObject)]
pub struct Notification {
    pub id: ID,
    pub kind: NotificationKindEnum,
    pub title: String,
    pub body: String,
    /// The page of the web app it opens, e.g. `/approvals/42` (the mobile approval page).
    pub link: String,
    pub order_id: Option<ID>,
    pub created_at: DateTime<Utc>,
    /// When the user marked it read; null while unread.
    pub read_at: Option<DateTime<Utc>>,
}

impl From<inbox::Notification> for Notification {
    fn from(notification: inbox::Notification) -> Notification {
        Notification {
            id: ID(notification.id.to_string()),
            kind: NotificationKind::into(notification.kind),
            title: notification.title,
            body: notification.body,
            link: notification.link,
            order_id: notification.order_id.map(|id| ID(id.to_string())),
            created_at: notification.created_at,
            read_at: notification.read_at,
        }
    }
}

#[derive(Default)]
pub struct NotificationsQuery;

#[Object]
impl NotificationsQuery {
    /// The caller's own notifications, newest first.
    async fn notifications(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
        #[graphql(default = false)] unread_only: bool,
    ) -> async_graphql::Result<Connection<i64, Notification>> {
        let actor = ctx.authorize(Operation::OwnNotifications)?;
        let request = page_request(first, after)?;
        let page = inbox::list(ctx.db()?, actor, unread_only, request).await?;
        Ok(connection(
            page,
            request,
            |notification| notification.id,
            Notification::from,
        ))
    }

    /// How many of the caller's notifications are unread (the badge).
    async fn unread_notification_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let actor = ctx.authorize(Operation::OwnNotifications)?;
        let count = inbox::unread_count(ctx.db()?, actor).await?;
        Ok(i32::try_from(count).unwrap_or(i32::MAX))
    }
}

#[derive(Default)]
pub struct NotificationsMutation;

#[Object]
impl NotificationsMutation {
    /// Marks one of the caller's notifications read; another user's is `NOT_FOUND`.
    async fn mark_notification_read(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<Notification> {
        let actor = ctx.authorize(Operation::OwnNotifications)?;
        let Some(id) = id.parse::<i64>().ok().filter(|id| *id > 0) else {
            return Err(DomainError::NotFound("notification").into());
        };
        Ok(inbox::mark_read(ctx.db()?, actor, id).await?.into())
    }

    /// Marks all of the caller's notifications read; returns how many were unread.
    async fn mark_all_notifications_read(&self, ctx: &Context<'_>) -> async_graphql::Result<i32> {
        let actor = ctx.authorize(Operation::OwnNotifications)?;
        let marked = inbox::mark_all_read(ctx.db()?, actor).await?;
        Ok(i32::try_from(marked).unwrap_or(i32::MAX))
    }
}
