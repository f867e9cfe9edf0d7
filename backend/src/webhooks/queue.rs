//! Webhook delivery jobs in the durable queue: the same apalis tables as e-mail
//! (`notifications::queue`), their own `job_type`.

use sea_orm::ConnectionTrait;
use serde::{Deserialize, Serialize};

use crate::domain::DomainError;
use crate::notifications::queue::push_job_in;

/// The apalis queue of webhook deliveries.
pub const WEBHOOK_QUEUE: &str = "portal::webhook_delivery";

/// Attempts per delivery before its log says `FAILED`.
pub const MAX_ATTEMPTS: i32 = 8;

/// apalis's own limit is a little higher than ours: an attempt cut short by a crash
/// counts for apalis but was never logged, and the log must still reach its end.
const APALIS_MAX_ATTEMPTS: i64 = MAX_ATTEMPTS as i64 + 2;

/// One delivery to attempt: everything else is read from its row when it runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookJob {
    pub delivery_id: i64,
}

/// Queues the delivery inside `txn` (the transaction that wrote its row).
pub async fn push_delivery_in(
    txn: &impl ConnectionTrait,
    delivery_id: i64,
) -> Result<(), DomainError> {
    let arguments =
        serde_json::to_vec(&WebhookJob { delivery_id }).map_err(DomainError::internal)?;
    push_job_in(
        txn,
        WEBHOOK_QUEUE,
        APALIS_MAX_ATTEMPTS,
        arguments,
        format!("webhook-delivery-{delivery_id}"),
    )
    .await
}
