//! Integrations (supplier staff): API keys, webhook endpoints with their delivery log,
//! and the signed links of the CSV exports (`exportUrl`, customers too).

use serde::Deserialize;
use serde_json::json;

use super::{ApiError, Connection, graphql};

/// What a key may do; the names are the API's `ApiScope` values.
pub const API_SCOPES: [&str; 4] = [
    "ORDERS_WRITE",
    "ORDERS_READ",
    "CATALOG_READ",
    "INVOICES_READ",
];

/// The events an endpoint can subscribe to (`WebhookEvent`).
pub const WEBHOOK_EVENTS: [&str; 4] = [
    "ORDER_CREATED",
    "ORDER_STATUS_CHANGED",
    "INVOICE_ISSUED",
    "CREDIT_NOTE_ISSUED",
];

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub scopes: Vec<String>,
    pub company_id: Option<String>,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

const API_KEY_FIELDS: &str = "id name prefix scopes companyId createdAt lastUsedAt revokedAt";

pub async fn api_keys() -> Result<Vec<ApiKey>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        api_keys: Connection<ApiKey>,
    }
    let data: Data = graphql(
        &format!(
            "query ApiKeys {{ apiKeys(first: 100) {{ edges {{ node {{ {API_KEY_FIELDS} }} }} }} }}"
        ),
        json!({}),
    )
    .await?;
    Ok(data.api_keys.into_nodes())
}

/// A new key or endpoint with its secret, which the server shows only this once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WithSecret<T> {
    pub item: T,
    pub secret: String,
}

pub async fn create_api_key(
    name: &str,
    scopes: &[&str],
    company_id: Option<&str>,
) -> Result<WithSecret<ApiKey>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Created {
        api_key: ApiKey,
        secret: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        create_api_key: Created,
    }
    let data: Data = graphql(
        &format!(
            "mutation CreateApiKey($name: String!, $scopes: [ApiScope!]!, $companyId: ID) {{ \
               createApiKey(name: $name, scopes: $scopes, companyId: $companyId) {{ \
                 secret apiKey {{ {API_KEY_FIELDS} }} }} }}"
        ),
        json!({ "name": name.trim(), "scopes": scopes, "companyId": company_id }),
    )
    .await?;
    Ok(WithSecret {
        item: data.create_api_key.api_key,
        secret: data.create_api_key.secret,
    })
}

pub async fn revoke_api_key(id: &str) -> Result<ApiKey, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        revoke_api_key: ApiKey,
    }
    let data: Data = graphql(
        &format!(
            "mutation RevokeApiKey($id: ID!) {{ revokeApiKey(id: $id) {{ {API_KEY_FIELDS} }} }}"
        ),
        json!({ "id": id }),
    )
    .await?;
    Ok(data.revoke_api_key)
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Webhook {
    pub id: String,
    pub url: String,
    pub description: String,
    pub events: Vec<String>,
    pub active: bool,
    pub created_at: String,
}

const WEBHOOK_FIELDS: &str = "id url description events active createdAt";

pub async fn webhooks() -> Result<Vec<Webhook>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        webhooks: Connection<Webhook>,
    }
    let data: Data = graphql(
        &format!("query Webhooks {{ webhooks(first: 100) {{ edges {{ node {{ {WEBHOOK_FIELDS} }} }} }} }}"),
        json!({}),
    )
    .await?;
    Ok(data.webhooks.into_nodes())
}

pub async fn create_webhook(
    url: &str,
    events: &[&str],
    description: &str,
) -> Result<WithSecret<Webhook>, ApiError> {
    #[derive(Deserialize)]
    struct Created {
        webhook: Webhook,
        secret: String,
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        create_webhook: Created,
    }
    let description = description.trim();
    let data: Data = graphql(
        &format!(
            "mutation CreateWebhook($url: String!, $events: [WebhookEvent!]!, $description: String) {{ \
               createWebhook(url: $url, events: $events, description: $description) {{ \
                 secret webhook {{ {WEBHOOK_FIELDS} }} }} }}"
        ),
        json!({
            "url": url.trim(),
            "events": events,
            "description": (!description.is_empty()).then_some(description),
        }),
    )
    .await?;
    Ok(WithSecret {
        item: data.create_webhook.webhook,
        secret: data.create_webhook.secret,
    })
}

/// Changes an endpoint's events and whether it receives deliveries.
pub async fn update_webhook(id: &str, events: &[&str], active: bool) -> Result<Webhook, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        update_webhook: Webhook,
    }
    let data: Data = graphql(
        &format!(
            "mutation UpdateWebhook($id: ID!, $input: UpdateWebhookInput!) {{ \
               updateWebhook(id: $id, input: $input) {{ {WEBHOOK_FIELDS} }} }}"
        ),
        json!({ "id": id, "input": { "events": events, "active": active } }),
    )
    .await?;
    Ok(data.update_webhook)
}

pub async fn delete_webhook(id: &str) -> Result<(), ApiError> {
    // The operation answers `true` or an error: only the error matters.
    let _: serde_json::Value = graphql(
        "mutation DeleteWebhook($id: ID!) { deleteWebhook(id: $id) }",
        json!({ "id": id }),
    )
    .await?;
    Ok(())
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookDelivery {
    pub id: String,
    /// The dotted event name (`order.created`).
    pub event: String,
    /// `PENDING`, `RETRYING`, `SUCCEEDED` or `FAILED`.
    pub status: String,
    pub attempts: i64,
    pub last_status_code: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: String,
    pub delivered_at: Option<String>,
}

const DELIVERY_FIELDS: &str =
    "id event status attempts lastStatusCode lastError createdAt deliveredAt";

/// The newest deliveries come last in the server's log; the page shows them first.
pub async fn webhook_deliveries(webhook_id: &str) -> Result<Vec<WebhookDelivery>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        webhook_deliveries: Connection<WebhookDelivery>,
    }
    let data: Data = graphql(
        &format!(
            "query WebhookDeliveries($id: ID!) {{ webhookDeliveries(webhookId: $id, first: 100) {{ \
               edges {{ node {{ {DELIVERY_FIELDS} }} }} }} }}"
        ),
        json!({ "id": webhook_id }),
    )
    .await?;
    let mut rows = data.webhook_deliveries.into_nodes();
    rows.reverse();
    Ok(rows)
}

pub async fn replay_webhook_delivery(id: &str) -> Result<WebhookDelivery, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        replay_webhook_delivery: WebhookDelivery,
    }
    let data: Data = graphql(
        &format!(
            "mutation ReplayWebhookDelivery($id: ID!) {{ \
               replayWebhookDelivery(id: $id) {{ {DELIVERY_FIELDS} }} }}"
        ),
        json!({ "id": id }),
    )
    .await?;
    Ok(data.replay_webhook_delivery)
}

/// A signed link (10 minutes) to the `kind` (`ORDERS`, `INVOICES`) CSV of the days
/// `from`..=`to` (`YYYY-MM-DD`).
pub async fn export_url(kind: &str, from: &str, to: &str) -> Result<String, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        export_url: String,
    }
    let data: Data = graphql(
        "query ExportUrl($kind: ExportKind!, $from: Date, $to: Date) { \
           exportUrl(kind: $kind, from: $from, to: $to) }",
        json!({ "kind": kind, "from": from, "to": to }),
    )
    .await?;
    Ok(data.export_url)
}
