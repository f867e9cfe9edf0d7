//! Orders that supplier staff enter for a customer (phone, e-mail, WhatsApp):
//! `placeOrderFor`. The customer's catalog, prices, stock and credit limit apply on the
//! server, as for an order placed in the portal.

use serde::Deserialize;
use serde_json::json;
use shared::Money;

use super::cart::OrderRequest;
use super::{ApiError, graphql};

/// How the customer gave the order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Channel {
    #[default]
    Phone,
    Email,
    Whatsapp,
}

impl Channel {
    pub const ALL: [Channel; 3] = [Channel::Phone, Channel::Email, Channel::Whatsapp];

    /// The `OrderChannel` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Phone => "PHONE",
            Channel::Email => "EMAIL",
            Channel::Whatsapp => "WHATSAPP",
        }
    }

    pub fn parse(value: &str) -> Option<Channel> {
        Channel::ALL
            .into_iter()
            .find(|channel| channel.as_str() == value)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EnteredOrder {
    pub id: String,
    pub number: String,
    pub channel: String,
    /// With VAT.
    pub total: Money,
}

/// Places the order for `company_id`. The same `idempotency_key` on a retry (a double
/// click, a lost answer) returns the first order.
pub async fn place_order_for(
    company_id: &str,
    channel: Channel,
    request: &OrderRequest,
    idempotency_key: &str,
) -> Result<EnteredOrder, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        place_order_for: EnteredOrder,
    }
    let data: Data = graphql(
        "mutation PlaceOrderFor($companyId: ID!, $channel: OrderChannel!, \
           $input: PlaceOrderInput!) { \
           placeOrderFor(companyId: $companyId, channel: $channel, input: $input) { \
             id number channel total } }",
        json!({
            "companyId": company_id,
            "channel": channel.as_str(),
            "input": request.input(Some(idempotency_key)),
        }),
    )
    .await?;
    Ok(data.place_order_for)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channels_read_back_what_they_send() {
        for channel in Channel::ALL {
            assert_eq!(Channel::parse(channel.as_str()), Some(channel));
        }
        assert_eq!(Channel::parse("PORTAL"), None);
    }
}
