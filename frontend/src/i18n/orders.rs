//! My orders, one order, the approvals inbox, the approval page and notifications.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file.

pub struct OrdersTexts {
    pub title: &'static str,
}

pub const HE: OrdersTexts = OrdersTexts {
    title: "הזמנות",
};

pub const EN: OrdersTexts = OrdersTexts {
    title: "Orders",
};
