//! Customer requests on orders as staff see them: how many wait for an answer (the
//! queue's alert and the staff home card), kept fresh from the live order feed, and the
//! tag of an order's open request.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::fulfilment::OrderRequest;
use crate::api::queue::open_order_request_count;
use crate::components::orders::feed::{OrderNews, listen};
use crate::components::orders::format;
use crate::i18n::use_i18n;

/// A bulk move pushes one change per order: one count request after the burst is enough.
const RECOUNT_DELAY: Duration = Duration::from_millis(300);

/// The number of open requests (`None` until the first answer), counted again after
/// every change of an order for as long as the calling component lives.
pub fn open_request_count() -> ReadSignal<Option<usize>> {
    let (count, set_count) = signal(None);
    let recount = move || {
        spawn_local(async move {
            if let Ok(fresh) = open_order_request_count().await {
                set_count.try_set(Some(fresh));
            }
        });
    };
    recount();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    listen(move |news| {
        if matches!(news, OrderNews::NotificationsRead) {
            return;
        }
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
        pending.try_set_value(set_timeout_with_handle(recount, RECOUNT_DELAY).ok());
    });
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    count
}

/// "Cancellation request · 2 hours ago" and what the customer wrote.
#[component]
pub fn RequestTag(request: OrderRequest) -> impl IntoView {
    let i18n = use_i18n();
    let kind = request.kind.clone();
    let age = format::age(&request.requested_at);
    view! {
        <span class="request" data-testid="order-request" data-kind=request.kind.clone()>
            <span class="request-tag">
                {move || (i18n.t().staff_orders.request_kind)(&kind)}
            </span>
            <span class="request-age">{move || (i18n.t().orders.age)(age)}</span>
            <span class="request-message">{request.message}</span>
        </span>
    }
}
