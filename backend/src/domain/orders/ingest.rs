//! Orders pushed by machine clients (`ingestOrder`, API keys with `ORDERS_WRITE`): a
//! marketplace connector or a customer's ERP. They enter the same workflow as orders
//! staff enter for a customer (`place::place_for`): the customer's catalog and prices,
//! stock reserved, the credit limit, the channel recorded, `SUBMITTED` to the queue.
//!
//! **Idempotent per key and external reference.** The reference becomes the order's
//! idempotency key, prefixed with the key's id, so a connector that retries after a
//! lost answer gets the order it already placed, and two keys never collide.

use sea_orm::{DatabaseConnection, EntityTrait};
use shared::CompanyId;

use super::place::{self, Channel, LineRequest, OrderRequest, Placed};
use crate::domain::{Actor, DomainError};
use crate::entities::company;
use crate::events::EventBus;

pub const MAX_EXTERNAL_REFERENCE_LENGTH: usize = 80;

pub struct IngestRequest {
    pub company_id: CompanyId,
    pub channel: Channel,
    pub external_reference: String,
    pub lines: Vec<LineRequest>,
    pub note: String,
}

/// Places the ingested order, or returns the one placed before with this reference.
pub async fn ingest(
    db: &DatabaseConnection,
    actor: &Actor,
    request: IngestRequest,
    events: &EventBus,
) -> Result<Placed, DomainError> {
    let grant = actor.api_key.as_ref().ok_or(DomainError::Forbidden)?;
    // A key bound to a company orders for that company only; others do not exist to it.
    if actor
        .company_id
        .is_some_and(|own| own != request.company_id)
    {
        return Err(DomainError::NotFound("company"));
    }
    if request.channel == Channel::Portal {
        return Err(DomainError::bad_input(
            "An ingested order comes through API, PHONE, EMAIL or WHATSAPP, not PORTAL",
        ));
    }
    let reference = request.external_reference.trim();
    if reference.is_empty() || reference.chars().count() > MAX_EXTERNAL_REFERENCE_LENGTH {
        return Err(DomainError::bad_input(format!(
            "The external reference must have 1 to {MAX_EXTERNAL_REFERENCE_LENGTH} characters"
        )));
    }
    company::Entity::find_by_id(request.company_id.0)
        .one(db)
        .await?
        .ok_or(DomainError::NotFound("company"))?;
    let acting = Actor {
        company_id: Some(request.company_id),
        ..actor.clone()
    };
    let order = OrderRequest {
        lines: request.lines,
        cost_center_id: None,
        note: request.note,
        idempotency_key: Some(format!("api-{}:{reference}", grant.key_id)),
    };
    place::place_through(db, &acting, order, events, request.channel).await
}
