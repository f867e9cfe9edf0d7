//! Integrations: API keys and webhooks (supplier staff), order ingest (API keys with
//! `ORDERS_WRITE`), and the signed links of the CSV exports.

use async_graphql::connection::Connection;
use async_graphql::{Context, Enum, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};
use shared::CompanyId;

use super::context::ContextExt;
use super::error::bad_input;
use super::invoices::signed_link;
use super::orders::{Order, OrderChannel, OrderLineInput, parse_order_id};
use super::pagination::{connection, page_request};
use super::scalars::DateScalar;
use crate::domain::api_keys::{self, ApiScope};
use crate::domain::exports::DateRange;
use crate::domain::orders::ingest::{self, IngestRequest};
use crate::domain::orders::place::LineRequest;
use crate::domain::{DomainError, Operation};
use crate::http::exports::{ExportKind, export_path, export_resource};
use crate::webhooks::{self, WebhookChange, WebhookEvent};

/// What an API key may do.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "ApiScope", remote = "crate::domain::api_keys::ApiScope")]
pub enum ApiScopeEnum {
    /// `ingestOrder`.
    OrdersWrite,
    /// `orders`, `order`, the orders CSV export.
    OrdersRead,
    /// `products`, `product`, `categories`.
    CatalogRead,
    /// `invoices`, `invoice`, `creditNotes`, their PDFs, the invoices CSV export.
    InvoicesRead,
}

/// The events an endpoint can subscribe to (`X-Portal-Event` carries the dotted name).
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "WebhookEvent", remote = "crate::webhooks::WebhookEvent")]
pub enum WebhookEventEnum {
    /// `order.created`: an order reached the supplier.
    OrderCreated,
    /// `order.status_changed`.
    OrderStatusChanged,
    /// `invoice.issued`.
    InvoiceIssued,
    /// `credit_note.issued`.
    CreditNoteIssued,
}

#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(
    name = "WebhookDeliveryStatus",
    remote = "crate::webhooks::DeliveryStatus"
)]
pub enum DeliveryStatusEnum {
    Pending,
    Retrying,
    Succeeded,
    Failed,
}

/// Which CSV export a link opens.
#[derive(Enum, Clone, Copy, PartialEq, Eq)]
#[graphql(name = "ExportKind", remote = "crate::http::exports::ExportKind")]
pub enum ExportKindEnum {
    Orders,
    Invoices,
}

/// An API key as lists show it: never the key.
#[derive(SimpleObject)]
pub struct ApiKey {
    pub id: ID,
    pub name: String,
    /// The visible part: keys look like `wpk_<prefix>_...`.
    pub prefix: String,
    pub scopes: Vec<ApiScopeEnum>,
    /// The customer company the key is bound to (null: the supplier's key).
    pub company_id: Option<ID>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

impl From<api_keys::ApiKey> for ApiKey {
    fn from(key: api_keys::ApiKey) -> ApiKey {
        ApiKey {
            id: ID(key.id.to_string()),
            name: key.name,
            prefix: key.prefix,
            scopes: key.scopes.into_iter().map(Into::into).collect(),
            company_id: key.company_id.map(|company| ID(company.0.to_string())),
            created_at: key.created_at,
            last_used_at: key.last_used_at,
            revoked_at: key.revoked_at,
        }
    }
}

/// A new key: `secret` is the key itself, shown only in this answer.
#[derive(SimpleObject)]
pub struct CreatedApiKey {
    pub api_key: ApiKey,
    pub secret: String,
}

#[derive(SimpleObject)]
pub struct Webhook {
    pub id: ID,
    pub url: String,
    pub description: String,
    pub events: Vec<WebhookEventEnum>,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<webhooks::Webhook> for Webhook {
    fn from(webhook: webhooks::Webhook) -> Webhook {
        Webhook {
            id: ID(webhook.id.to_string()),
            url: webhook.url,
            description: webhook.description,
            events: webhook.events.into_iter().map(Into::into).collect(),
            active: webhook.active,
            created_at: webhook.created_at,
            updated_at: webhook.updated_at,
        }
    }
}

/// A new endpoint: `secret` signs its deliveries and is shown only in this answer.
#[derive(SimpleObject)]
pub struct CreatedWebhook {
    pub webhook: Webhook,
    pub secret: String,
}

/// One row of an endpoint's delivery log.
#[derive(SimpleObject)]
pub struct WebhookDelivery {
    /// Also `X-Portal-Delivery`.
    pub id: ID,
    pub webhook_id: ID,
    /// The dotted event name (`order.created`).
    pub event: String,
    pub status: DeliveryStatusEnum,
    pub attempts: i32,
    pub last_status_code: Option<i32>,
    pub last_duration_ms: Option<i64>,
    pub last_error: Option<String>,
    pub next_retry_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// The delivery this one replays.
    pub replay_of: Option<ID>,
}

impl From<webhooks::Delivery> for WebhookDelivery {
    fn from(delivery: webhooks::Delivery) -> WebhookDelivery {
        WebhookDelivery {
            id: ID(delivery.id.to_string()),
            webhook_id: ID(delivery.webhook_id.to_string()),
            event: delivery.event,
            status: delivery.status.into(),
            attempts: delivery.attempts,
            last_status_code: delivery.last_status_code,
            last_duration_ms: delivery.last_duration_ms,
            last_error: delivery.last_error,
            next_retry_at: delivery.next_retry_at,
            created_at: delivery.created_at,
            delivered_at: delivery.delivered_at,
            replay_of: delivery.replay_of.map(|id| ID(id.to_string())),
        }
    }
}

#[derive(InputObject)]
pub struct UpdateWebhookInput {
    pub url: Option<String>,
    pub events: Option<Vec<WebhookEventEnum>>,
    pub description: Option<String>,
    pub active: Option<bool>,
}

#[derive(InputObject)]
pub struct IngestOrderInput {
    pub company_id: ID,
    /// How the order reached the client (API, PHONE, EMAIL, WHATSAPP; not PORTAL).
    pub channel: Option<OrderChannel>,
    /// The client's own id of the order: a retry with the same reference (and key)
    /// returns the order placed the first time.
    pub external_reference: String,
    pub lines: Vec<OrderLineInput>,
    pub note: Option<String>,
}

fn id_of(id: &ID, what: &'static str) -> Result<i64, DomainError> {
    parse_order_id(id).ok_or(DomainError::NotFound(what))
}

fn company_of(id: Option<&ID>) -> Result<Option<CompanyId>, DomainError> {
    id.map(|id| id_of(id, "company").map(CompanyId)).transpose()
}

#[derive(Default)]
pub struct IntegrationsQuery;

#[Object]
impl IntegrationsQuery {
    /// Every API key, revoked ones included (supplier staff).
    async fn api_keys(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<i64, ApiKey>> {
        ctx.authorize(Operation::ManageIntegrations)?;
        let request = page_request(first, after)?;
        let page = api_keys::list(ctx.db()?, request).await?;
        Ok(connection(page, request, |key| key.id, ApiKey::from))
    }

    /// Every webhook endpoint (supplier staff).
    async fn webhooks(
        &self,
        ctx: &Context<'_>,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<i64, Webhook>> {
        ctx.authorize(Operation::ManageIntegrations)?;
        let request = page_request(first, after)?;
        let page = webhooks::list(ctx.db()?, request).await?;
        Ok(connection(
            page,
            request,
            |webhook| webhook.id,
            Webhook::from,
        ))
    }

    /// One endpoint's delivery log, oldest first (supplier staff).
    async fn webhook_deliveries(
        &self,
        ctx: &Context<'_>,
        webhook_id: ID,
        first: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Connection<i64, WebhookDelivery>> {
        ctx.authorize(Operation::ManageIntegrations)?;
        let webhook_id = id_of(&webhook_id, "webhook")?;
        let request = page_request(first, after)?;
        let page = webhooks::deliveries(ctx.db()?, webhook_id, request).await?;
        Ok(connection(
            page,
            request,
            |delivery| delivery.id,
            WebhookDelivery::from,
        ))
    }

    /// A signed link (10 minutes) to a CSV export for accounting: orders or invoices
    /// between `from` and `to` (both included). Staff may name a company; a customer
    /// gets its own company's rows whatever it names (another company: NOT_FOUND).
    async fn export_url(
        &self,
        ctx: &Context<'_>,
        kind: ExportKindEnum,
        from: Option<DateScalar>,
        to: Option<DateScalar>,
        company_id: Option<ID>,
    ) -> async_graphql::Result<String> {
        let kind = ExportKind::from(kind);
        let actor = ctx.authorize(kind.operation())?;
        let requested = company_of(company_id.as_ref())?;
        let company = match (actor.company_id, requested) {
            (Some(own), Some(other)) if own != other => {
                return Err(DomainError::NotFound("company").into());
            }
            (Some(own), _) => Some(own),
            (None, requested) => requested,
        };
        let range = DateRange::new(from.map(|day| day.0), to.map(|day| day.0))?;
        let path = export_path(kind, company, range);
        let link = signed_link(
            ctx,
            actor.user_id,
            "",
            &export_resource(kind, company, range),
        )?;
        // `signed_link` answers `?token=...`: join it to the export's own query.
        Ok(format!("{path}&{}", link.trim_start_matches('?')))
    }
}

#[derive(Default)]
pub struct IntegrationsMutation;

#[Object]
impl IntegrationsMutation {
    /// Creates an API key (supplier staff). The answer's `secret` is the key, shown
    /// once. A key with `companyId` acts for that company only.
    async fn create_api_key(
        &self,
        ctx: &Context<'_>,
        name: String,
        scopes: Vec<ApiScopeEnum>,
        company_id: Option<ID>,
    ) -> async_graphql::Result<CreatedApiKey> {
        let actor = ctx.authorize(Operation::ManageIntegrations)?;
        let scopes: Vec<ApiScope> = scopes.into_iter().map(Into::into).collect();
        let company = company_of(company_id.as_ref())?;
        let created = api_keys::create(ctx.db()?, actor, &name, &scopes, company).await?;
        Ok(CreatedApiKey {
            api_key: created.key.into(),
            secret: created.secret,
        })
    }

    /// Revokes a key at once (supplier staff).
    async fn revoke_api_key(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ApiKey> {
        let actor = ctx.authorize(Operation::ManageIntegrations)?;
        let id = id_of(&id, "API key")?;
        Ok(api_keys::revoke(ctx.db()?, actor, id).await?.into())
    }

    /// Registers an endpoint (supplier staff): `http(s)` only. The answer's `secret`
    /// signs its deliveries and is shown once.
    async fn create_webhook(
        &self,
        ctx: &Context<'_>,
        url: String,
        events: Vec<WebhookEventEnum>,
        description: Option<String>,
    ) -> async_graphql::Result<CreatedWebhook> {
        let actor = ctx.authorize(Operation::ManageIntegrations)?;
        let events: Vec<WebhookEvent> = events.into_iter().map(Into::into).collect();
        let created = webhooks::create(
            ctx.db()?,
            actor,
            &url,
            &events,
            description.as_deref().unwrap_or_default(),
        )
        .await?;
        Ok(CreatedWebhook {
            webhook: created.webhook.into(),
            secret: created.secret,
        })
    }

    async fn update_webhook(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: UpdateWebhookInput,
    ) -> async_graphql::Result<Webhook> {
        let actor = ctx.authorize(Operation::ManageIntegrations)?;
        let id = id_of(&id, "webhook")?;
        let change = WebhookChange {
            url: input.url,
            events: input
                .events
                .map(|events| events.into_iter().map(Into::into).collect()),
            description: input.description,
            active: input.active,
        };
        Ok(webhooks::update(ctx.db()?, actor, id, change).await?.into())
    }

    /// Deletes an endpoint and its delivery log.
    async fn delete_webhook(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        let actor = ctx.authorize(Operation::ManageIntegrations)?;
        let id = id_of(&id, "webhook")?;
        webhooks::delete(ctx.db()?, actor, id).await?;
        Ok(true)
    }

    /// Sends a delivery's event again, as a new delivery.
    async fn replay_webhook_delivery(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<WebhookDelivery> {
        ctx.authorize(Operation::ManageIntegrations)?;
        let id = id_of(&id, "webhook delivery")?;
        Ok(webhooks::replay(ctx.db()?, id).await?.into())
    }

    /// A machine client pushes an order (API keys with `ORDERS_WRITE`): the same
    /// workflow as `placeOrderFor` (catalog, prices, stock, credit limit; SUBMITTED to
    /// the queue with its channel), idempotent per key and `externalReference`.
    async fn ingest_order(
        &self,
        ctx: &Context<'_>,
        input: IngestOrderInput,
    ) -> async_graphql::Result<Order> {
        let actor = ctx.authorize(Operation::IngestOrders)?;
        let company_id = CompanyId(id_of(&input.company_id, "company")?);
        let request = IngestRequest {
            company_id,
            channel: input.channel.unwrap_or(OrderChannel::Api).into(),
            external_reference: input.external_reference,
            lines: input
                .lines
                .into_iter()
                .map(|line| LineRequest {
                    sku: line.sku,
                    quantity: i64::from(line.quantity),
                })
                .collect(),
            note: input.note.unwrap_or_default(),
        };
        if request.lines.is_empty() {
            return Err(bad_input("An order needs at least one line"));
        }
        let events = ctx.events()?;
        let placed = ingest::ingest(ctx.db()?, actor, request, events).await?;
        events.committed(placed.stock_changes);
        if let Some(change) = placed.order_change {
            events.order_committed(change);
        }
        Ok(placed.order.into())
    }
}
