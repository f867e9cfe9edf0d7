//! An order's status as a coloured badge with its name in words.

use leptos::prelude::*;
use shared::OrderStatus;

use crate::i18n::use_i18n;

/// The colour family of a status: waiting, refused, moving, done, stopped.
pub fn tone(status: OrderStatus) -> &'static str {
    match status {
        OrderStatus::PendingApproval => "waiting",
        OrderStatus::Rejected => "refused",
        OrderStatus::Submitted
        | OrderStatus::Confirmed
        | OrderStatus::Picking
        | OrderStatus::Packed
        | OrderStatus::Invoiced
        | OrderStatus::Shipped => "moving",
        OrderStatus::Delivered => "done",
        OrderStatus::Cancelled | OrderStatus::Returned => "stopped",
    }
}

#[component]
pub fn StatusBadge(status: OrderStatus) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span
            class=format!("status-badge status-{}", tone(status))
            data-testid="order-status"
            data-status=status.as_str()
        >
            {move || (i18n.t().orders.status)(status)}
        </span>
    }
}
