//! The user's notifications and the unread count.
//!
//! A notification's title and body were written by the server in the recipient's
//! language when it was created; `link` is a path of this app (`/approvals/42`).

use serde::Deserialize;
use serde_json::json;

use super::{ApiError, Page, graphql};

/// Notifications per request of the list.
pub const PAGE_SIZE: u32 = 20;

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: String,
    /// `APPROVAL_NEEDED`, `ORDER_APPROVED`, `ORDER_REJECTED`.
    pub kind: String,
    pub title: String,
    pub body: String,
    pub link: String,
    #[serde(default)]
    pub order_id: Option<String>,
    /// RFC 3339.
    pub created_at: String,
    #[serde(default)]
    pub read_at: Option<String>,
}

impl Notification {
    pub fn is_unread(&self) -> bool {
        self.read_at.is_none()
    }
}

const FIELDS: &str = "id kind title body link orderId createdAt readAt";

/// The caller's notifications, newest first.
pub async fn notifications(after: Option<&str>) -> Result<Page<Notification>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        notifications: Page<Notification>,
    }
    let query = format!(
        "query Notifications($first: Int, $after: String) {{ \
           notifications(first: $first, after: $after) {{ \
             pageInfo {{ hasNextPage endCursor }} nodes {{ {FIELDS} }} }} }}"
    );
    let data: Data = graphql(&query, json!({ "first": PAGE_SIZE, "after": after })).await?;
    Ok(data.notifications)
}

/// How many of the caller's notifications are unread (the bell's badge).
pub async fn unread_count() -> Result<u32, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        unread_notification_count: u32,
    }
    let data: Data = graphql("query Unread { unreadNotificationCount }", json!({})).await?;
    Ok(data.unread_notification_count)
}

pub async fn mark_read(id: &str) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(
        "mutation MarkRead($id: ID!) { markNotificationRead(id: $id) { id } }",
        json!({ "id": id }),
    )
    .await?;
    Ok(())
}

/// Marks every notification of the caller read; returns how many were unread.
pub async fn mark_all_read() -> Result<u32, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        mark_all_notifications_read: u32,
    }
    let data: Data = graphql(
        "mutation MarkAllRead { markAllNotificationsRead }",
        json!({}),
    )
    .await?;
    Ok(data.mark_all_notifications_read)
}
