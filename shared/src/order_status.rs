use serde::{Deserialize, Serialize};

/// The one order workflow of every channel (rule 7 of the domain):
/// `PENDING_APPROVAL -> SUBMITTED -> CONFIRMED -> PICKING -> PACKED -> INVOICED -> SHIPPED -> DELIVERED`
/// with the exits `REJECTED`, `CANCELLED` and `RETURNED`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderStatus {
    PendingApproval,
    Rejected,
    Submitted,
    Confirmed,
    Picking,
    Packed,
    Invoiced,
    Shipped,
    Delivered,
    Cancelled,
    Returned,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 11] = [
        OrderStatus::PendingApproval,
        OrderStatus::Rejected,
        OrderStatus::Submitted,
        OrderStatus::Confirmed,
        OrderStatus::Picking,
        OrderStatus::Packed,
        OrderStatus::Invoiced,
        OrderStatus::Shipped,
        OrderStatus::Delivered,
        OrderStatus::Cancelled,
        OrderStatus::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::PendingApproval => "PENDING_APPROVAL",
            OrderStatus::Rejected => "REJECTED",
            OrderStatus::Submitted => "SUBMITTED",
            OrderStatus::Confirmed => "CONFIRMED",
            OrderStatus::Picking => "PICKING",
            OrderStatus::Packed => "PACKED",
            OrderStatus::Invoiced => "INVOICED",
            OrderStatus::Shipped => "SHIPPED",
            OrderStatus::Delivered => "DELIVERED",
            OrderStatus::Cancelled => "CANCELLED",
            OrderStatus::Returned => "RETURNED",
        }
    }

    pub fn parse(name: &str) -> Option<OrderStatus> {
        OrderStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == name)
    }

    /// The order's units are reserved: from placing until they leave the warehouse
    /// (shipped), or until it is rejected or cancelled.
    pub fn holds_reservation(self) -> bool {
        matches!(
            self,
            OrderStatus::PendingApproval
                | OrderStatus::Submitted
                | OrderStatus::Confirmed
                | OrderStatus::Picking
                | OrderStatus::Packed
                | OrderStatus::Invoiced
        )
    }

    /// A pending order lives inside the customer's portal only: the supplier
    /// does not see it until it is approved (rule 2).
    pub fn is_visible_to_supplier(self) -> bool {
        !matches!(self, OrderStatus::PendingApproval | OrderStatus::Rejected)
    }

    /// No transition leaves a final status.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::Rejected
                | OrderStatus::Delivered
                | OrderStatus::Cancelled
                | OrderStatus::Returned
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_round_trips_through_its_name() {
        for status in OrderStatus::ALL {
            assert_eq!(OrderStatus::parse(status.as_str()), Some(status));
        }
    }

    #[test]
    fn pending_and_rejected_orders_are_hidden_from_the_supplier() {
        assert!(!OrderStatus::PendingApproval.is_visible_to_supplier());
        assert!(!OrderStatus::Rejected.is_visible_to_supplier());
        assert!(OrderStatus::Submitted.is_visible_to_supplier());
    }
}
