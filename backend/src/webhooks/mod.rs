//! Outbound webhooks: staff register endpoints; when an order is created (reaches the
//! supplier), changes status, or an invoice or credit note is issued, every active
//! endpoint that wants the event gets a signed JSON POST.
//!
//! **Architecture invariant:** a delivery is written in the transaction of the change
//! it reports, together with its job in the durable queue (`notifications::queue`,
//! queue [`queue::WEBHOOK_QUEUE`]): a rolled-back change sends nothing, a committed
//! one is delivered even if the process stops right after the commit, and the
//! storage hands each job to one worker, so two instances never both send it.
//! Delivery is at least once: receivers de-duplicate by `X-Portal-Delivery`.
//!
//! **SSRF stance.** Only supplier staff configure endpoints (`ManageIntegrations`),
//! the URL must be `http` or `https`, redirects are not followed and each attempt is
//! cut after 10 s. Private and loopback addresses are *not* refused: an on-premises
//! ERP is a legitimate target, and whoever can add an endpoint is already trusted
//! with the back office. A deployment that gives staff accounts to less trusted
//! people should put the server behind an egress proxy.

pub mod queue;
pub mod signing;
pub mod worker;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::{Value, json};
use shared::OrderStatus;

use crate::db::money;
use crate::domain::audit::{AuditAction, Entry};
use crate::domain::auth::session::random_token;
use crate::domain::page::{Page, PageRequest};
use crate::domain::{Actor, DomainError};
use crate::entities::{credit_note, invoice, order, webhook, webhook_delivery};

pub const MAX_URL_LENGTH: usize = 2000;
pub const MAX_DESCRIPTION_LENGTH: usize = 200;

/// What an endpoint can subscribe to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WebhookEvent {
    /// An order reached the supplier: placed without needing approval, fully
    /// approved, entered by staff or ingested through the API. Orders waiting for
    /// the customer's approval are not the supplier's yet (rule 2) and send nothing.
    OrderCreated,
    /// The supplier's workflow moved an order (confirmed, picking, invoiced, shipped,
    /// delivered, cancelled, returned).
    OrderStatusChanged,
    InvoiceIssued,
    CreditNoteIssued,
}

impl WebhookEvent {
    pub const ALL: [WebhookEvent; 4] = [
        WebhookEvent::OrderCreated,
        WebhookEvent::OrderStatusChanged,
        WebhookEvent::InvoiceIssued,
        WebhookEvent::CreditNoteIssued,
    ];

    /// The name in `X-Portal-Event`, the body and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            WebhookEvent::OrderCreated => "order.created",
            WebhookEvent::OrderStatusChanged => "order.status_changed",
            WebhookEvent::InvoiceIssued => "invoice.issued",
            WebhookEvent::CreditNoteIssued => "credit_note.issued",
        }
    }

    pub fn parse(name: &str) -> Option<WebhookEvent> {
        WebhookEvent::ALL
            .into_iter()
            .find(|event| event.as_str() == name)
    }
}

/// An endpoint as lists show it: never its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Webhook {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub events: Vec<WebhookEvent>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn events_of(stored: &str) -> Vec<WebhookEvent> {
    stored.split(',').filter_map(WebhookEvent::parse).collect()
}

impl From<webhook::Model> for Webhook {
    fn from(row: webhook::Model) -> Webhook {
        Webhook {
            id: row.id,
            events: events_of(&row.events),
            url: row.url,
            description: row.description,
            active: row.active,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A new endpoint and its signing secret, shown once.
pub struct CreatedWebhook {
    pub webhook: Webhook,
    pub secret: String,
}

/// How far a delivery got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeliveryStatus {
    Pending,
    Retrying,
    Succeeded,
    Failed,
}

impl DeliveryStatus {
    pub const ALL: [DeliveryStatus; 4] = [
        DeliveryStatus::Pending,
        DeliveryStatus::Retrying,
        DeliveryStatus::Succeeded,
        DeliveryStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryStatus::Pending => "PENDING",
            DeliveryStatus::Retrying => "RETRYING",
            DeliveryStatus::Succeeded => "SUCCEEDED",
            DeliveryStatus::Failed => "FAILED",
        }
    }

    pub fn parse(name: &str) -> Option<DeliveryStatus> {
        DeliveryStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
    }
}

/// One row of the delivery log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Delivery {
    pub id: i64,
    pub webhook_id: i64,
    pub event: String,
    pub status: DeliveryStatus,
    pub attempts: i32,
    pub last_status_code: Option<i32>,
    pub last_duration_ms: Option<i64>,
    pub last_error: Option<String>,
    pub next_retry_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub replay_of: Option<i64>,
}

impl From<webhook_delivery::Model> for Delivery {
    fn from(row: webhook_delivery::Model) -> Delivery {
        Delivery {
            id: row.id,
            webhook_id: row.webhook_id,
            event: row.event,
            status: DeliveryStatus::parse(&row.status).unwrap_or(DeliveryStatus::Pending),
            attempts: row.attempts,
            last_status_code: row.last_status_code,
            last_duration_ms: row.last_duration_ms,
            last_error: row.last_error,
            next_retry_at: row.next_retry_at,
            created_at: row.created_at,
            delivered_at: row.delivered_at,
            replay_of: row.replay_of,
        }
    }
}

/// A checked endpoint URL: `http` or `https` with a host, no longer than
/// [`MAX_URL_LENGTH`].
fn parse_url(text: &str) -> Result<String, DomainError> {
    let text = text.trim();
    let refuse = || {
        DomainError::bad_input(format!(
            "The URL must be an http:// or https:// address of at most {MAX_URL_LENGTH} characters"
        ))
    };
    if text.len() > MAX_URL_LENGTH {
        return Err(refuse());
    }
    let url = url::Url::parse(text).map_err(|_| refuse())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(refuse());
    }
    Ok(url.to_string())
}

fn checked_events(events: &[WebhookEvent]) -> Result<String, DomainError> {
    let mut events = events.to_vec();
    events.sort();
    events.dedup();
    if events.is_empty() {
        return Err(DomainError::bad_input("Choose at least one event"));
    }
    Ok(events
        .iter()
        .map(|event| event.as_str())
        .collect::<Vec<_>>()
        .join(","))
}

fn checked_description(description: &str) -> Result<String, DomainError> {
    let description = description.trim();
    if description.chars().count() > MAX_DESCRIPTION_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The description may have at most {MAX_DESCRIPTION_LENGTH} characters"
        )));
    }
    Ok(description.to_owned())
}

fn audited(webhook: &webhook::Model) -> Value {
    json!({
        "url": webhook.url,
        "description": webhook.description,
        "events": webhook.events,
        "active": webhook.active,
    })
}

/// Registers an endpoint; its signing secret is returned once.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    url: &str,
    events: &[WebhookEvent],
    description: &str,
) -> Result<CreatedWebhook, DomainError> {
    let url = parse_url(url)?;
    let events = checked_events(events)?;
    let description = checked_description(description)?;
    let secret = format!("whsec_{}", random_token());
    let now = Utc::now();
    let txn = crate::db::begin_write(db).await?;
    let row = webhook::ActiveModel {
        url: Set(url),
        description: Set(description),
        events: Set(events),
        secret: Set(secret.clone()),
        active: Set(true),
        created_by: Set(actor.user_id.0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    Entry::new(AuditAction::WebhookCreated)
        .by(actor)
        .target("webhook", row.id)
        .after(audited(&row))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(CreatedWebhook {
        webhook: row.into(),
        secret,
    })
}

/// What `updateWebhook` changes: the fields given.
#[derive(Default)]
pub struct WebhookChange {
    pub url: Option<String>,
    pub events: Option<Vec<WebhookEvent>>,
    pub description: Option<String>,
    pub active: Option<bool>,
}

pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    id: i64,
    change: WebhookChange,
) -> Result<Webhook, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let before = webhook::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound("webhook"))?;
    let mut row: webhook::ActiveModel = before.clone().into();
    if let Some(url) = change.url {
        row.url = Set(parse_url(&url)?);
    }
    if let Some(events) = change.events {
        row.events = Set(checked_events(&events)?);
    }
    if let Some(description) = change.description {
        row.description = Set(checked_description(&description)?);
    }
    if let Some(active) = change.active {
        row.active = Set(active);
    }
    row.updated_at = Set(Utc::now());
    let after = row.update(&txn).await?;
    Entry::new(AuditAction::WebhookUpdated)
        .by(actor)
        .target("webhook", id)
        .before(audited(&before))
        .after(audited(&after))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(after.into())
}

/// Deletes an endpoint and its delivery log; jobs still queued for it find nothing
/// to send.
pub async fn delete(db: &DatabaseConnection, actor: &Actor, id: i64) -> Result<(), DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let row = webhook::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound("webhook"))?;
    webhook_delivery::Entity::delete_many()
        .filter(webhook_delivery::Column::WebhookId.eq(id))
        .exec(&txn)
        .await?;
    webhook::Entity::delete_by_id(id).exec(&txn).await?;
    Entry::new(AuditAction::WebhookDeleted)
        .by(actor)
        .target("webhook", id)
        .before(audited(&row))
        .record(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

pub async fn list(
    db: &impl ConnectionTrait,
    request: PageRequest,
) -> Result<Page<Webhook>, DomainError> {
    let mut query = webhook::Entity::find().order_by_asc(webhook::Column::Id);
    if let Some(after) = request.after {
        query = query.filter(webhook::Column::Id.gt(after));
    }
    let rows = query.limit(request.size + 1).all(db).await?;
    Ok(Page::from_overfetched(
        rows.into_iter().map(Webhook::from).collect(),
        request,
    ))
}

/// One endpoint's delivery log, oldest first.
pub async fn deliveries(
    db: &impl ConnectionTrait,
    webhook_id: i64,
    request: PageRequest,
) -> Result<Page<Delivery>, DomainError> {
    webhook::Entity::find_by_id(webhook_id)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("webhook"))?;
    let mut query = webhook_delivery::Entity::find()
        .filter(webhook_delivery::Column::WebhookId.eq(webhook_id))
        .order_by_asc(webhook_delivery::Column::Id);
    if let Some(after) = request.after {
        query = query.filter(webhook_delivery::Column::Id.gt(after));
    }
    let rows = query.limit(request.size + 1).all(db).await?;
    Ok(Page::from_overfetched(
        rows.into_iter().map(Delivery::from).collect(),
        request,
    ))
}

/// Sends a delivery's event again, as a new delivery of the same body (the log keeps
/// both; `replayOf` links them).
pub async fn replay(db: &DatabaseConnection, delivery_id: i64) -> Result<Delivery, DomainError> {
    let txn = crate::db::begin_write(db).await?;
    let original = webhook_delivery::Entity::find_by_id(delivery_id)
        .one(&txn)
        .await?
        .ok_or(DomainError::NotFound("webhook delivery"))?;
    let row = insert_delivery(
        &txn,
        original.webhook_id,
        &original.event,
        original.payload,
        Some(original.id),
    )
    .await?;
    txn.commit().await?;
    Ok(row.into())
}

async fn insert_delivery(
    txn: &impl ConnectionTrait,
    webhook_id: i64,
    event: &str,
    payload: String,
    replay_of: Option<i64>,
) -> Result<webhook_delivery::Model, DomainError> {
    let row = webhook_delivery::ActiveModel {
        webhook_id: Set(webhook_id),
        event: Set(event.to_owned()),
        payload: Set(payload),
        status: Set(DeliveryStatus::Pending.as_str().to_owned()),
        attempts: Set(0),
        last_status_code: Set(None),
        last_duration_ms: Set(None),
        last_error: Set(None),
        next_retry_at: Set(None),
        created_at: Set(Utc::now()),
        delivered_at: Set(None),
        replay_of: Set(replay_of),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    queue::push_delivery_in(txn, row.id).await?;
    Ok(row)
}

/// Queues `event` with `data` for every active endpoint that wants it, inside the
/// transaction of the change (one read of the endpoints, one row and one job each).
async fn enqueue_in(
    txn: &impl ConnectionTrait,
    event: WebhookEvent,
    data: Value,
) -> Result<(), DomainError> {
    let endpoints = webhook::Entity::find()
        .filter(webhook::Column::Active.eq(true))
        .all(txn)
        .await?;
    let wanted: Vec<_> = endpoints
        .into_iter()
        .filter(|endpoint| events_of(&endpoint.events).contains(&event))
        .collect();
    if wanted.is_empty() {
        return Ok(());
    }
    let body = json!({
        "event": event.as_str(),
        "occurredAt": Utc::now().to_rfc3339(),
        "data": data,
    })
    .to_string();
    for endpoint in wanted {
        insert_delivery(txn, endpoint.id, event.as_str(), body.clone(), None).await?;
    }
    Ok(())
}

fn order_data(row: &order::Model, status: OrderStatus, previous: Option<OrderStatus>) -> Value {
    json!({
        "orderId": row.id.to_string(),
        "number": row.number,
        "companyId": row.company_id.to_string(),
        "status": status.as_str(),
        "previousStatus": previous.map(OrderStatus::as_str),
        "channel": row.channel,
        "subtotal": money::stored_text(row.subtotal),
        "vat": money::stored_text(row.vat),
        "total": money::stored_text(row.total),
    })
}

async fn order_row(txn: &impl ConnectionTrait, order_id: i64) -> Result<order::Model, DomainError> {
    order::Entity::find_by_id(order_id)
        .one(txn)
        .await?
        .ok_or(DomainError::NotFound("order"))
}

/// Hook: an order reached the supplier (see [`WebhookEvent::OrderCreated`]).
pub async fn on_order_created(
    txn: &impl ConnectionTrait,
    order_id: i64,
) -> Result<(), DomainError> {
    let row = order_row(txn, order_id).await?;
    let data = order_data(&row, OrderStatus::Submitted, None);
    enqueue_in(txn, WebhookEvent::OrderCreated, data).await
}

/// Hook: the workflow moved an order from `from` to `to`.
pub async fn on_order_status_changed(
    txn: &impl ConnectionTrait,
    order_id: i64,
    from: OrderStatus,
    to: OrderStatus,
) -> Result<(), DomainError> {
    let row = order_row(txn, order_id).await?;
    enqueue_in(
        txn,
        WebhookEvent::OrderStatusChanged,
        order_data(&row, to, Some(from)),
    )
    .await
}

/// Hook: an invoice was issued.
pub async fn on_invoice_issued(
    txn: &impl ConnectionTrait,
    row: &invoice::Model,
) -> Result<(), DomainError> {
    let data = json!({
        "invoiceId": row.id.to_string(),
        "number": row.number,
        "orderId": row.order_id.to_string(),
        "companyId": row.company_id.to_string(),
        "issueDate": row.issue_date.to_string(),
        "dueDate": row.due_date.to_string(),
        "currency": row.currency,
        "subtotal": money::stored_text(row.subtotal),
        "vat": money::stored_text(row.vat),
        "total": money::stored_text(row.total),
    });
    enqueue_in(txn, WebhookEvent::InvoiceIssued, data).await
}

/// Hook: a credit note was issued.
pub async fn on_credit_note_issued(
    txn: &impl ConnectionTrait,
    row: &credit_note::Model,
) -> Result<(), DomainError> {
    let data = json!({
        "creditNoteId": row.id.to_string(),
        "number": row.number,
        "invoiceId": row.invoice_id.to_string(),
        "orderId": row.order_id.to_string(),
        "companyId": row.company_id.to_string(),
        "issueDate": row.issue_date.to_string(),
        "reason": row.reason,
        "subtotal": money::stored_text(row.subtotal),
        "vat": money::stored_text(row.vat),
        "total": money::stored_text(row.total),
    });
    enqueue_in(txn, WebhookEvent::CreditNoteIssued, data).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_urls_with_a_host_are_accepted() {
        assert!(parse_url("https://erp.example.com/hooks/portal").is_ok());
        assert!(parse_url(" http://10.0.0.5:8080/in ").is_ok());
        for refused in [
            "ftp://example.com/x",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "gopher://example.com",
            "example.com/hook",
            "",
        ] {
            assert!(parse_url(refused).is_err(), "{refused}");
        }
        let long = format!("https://example.com/{}", "a".repeat(MAX_URL_LENGTH));
        assert!(parse_url(&long).is_err());
    }

    #[test]
    fn events_round_trip_and_an_empty_choice_is_refused() {
        for event in WebhookEvent::ALL {
            assert_eq!(WebhookEvent::parse(event.as_str()), Some(event));
        }
        assert!(checked_events(&[]).is_err());
        assert_eq!(
            checked_events(&[
                WebhookEvent::InvoiceIssued,
                WebhookEvent::OrderCreated,
                WebhookEvent::OrderCreated
            ])
            .ok(),
            Some("order.created,invoice.issued".to_owned())
        );
    }
}
