//! "Order again": puts the order's lines into the cart and opens it. Lines that could
//! not be added (no longer in the catalog, out of stock) are listed first, with the
//! way on to the cart.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::api::ApiError;
use crate::api::cart::RejectedLine;
use crate::api::orders::reorder;
use crate::components::cart_state::use_cart_state;
use crate::i18n::{tr, use_i18n};

#[derive(Clone, Debug, PartialEq, Eq)]
enum Reorder {
    Idle,
    Running,
    Partly(Vec<RejectedLine>),
    Failed(ApiError),
}

#[component]
pub fn ReorderButton(order_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let cart = use_cart_state();
    let state = RwSignal::new(Reorder::Idle);
    let order_id = StoredValue::new(order_id);
    let run = move |_| {
        if state.get_untracked() == Reorder::Running {
            return;
        }
        state.set(Reorder::Running);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = reorder(&order_id.get_value()).await;
            // The cart changed: the header's badge counts it again.
            if result.is_ok() {
                cart.refresh();
            }
            match result {
                Ok(rejected) if rejected.is_empty() => navigate("/cart", Default::default()),
                Ok(rejected) => {
                    state.try_set(Reorder::Partly(rejected));
                }
                Err(error) => {
                    state.try_set(Reorder::Failed(error));
                }
            }
        });
    };
    let outcome = move || {
        match state.get() {
        Reorder::Partly(rejected) => {
            let count = rejected.len();
            Some(
            view! {
                <div class="notice warning reorder-notice" role="alert" data-testid="reorder-rejected">
                    <p>{move || (i18n.t().orders.reorder_rejected)(count)}</p>
                    <ul>
                        {rejected
                            .iter()
                            .map(|line| {
                                view! {
                                    <li>
                                        <bdi dir="ltr">{line.sku.clone()}</bdi>
                                        ": "
                                        {i18n.t().cart.reject_reason(line.kind())}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <A href="/cart" attr:class="button primary">{tr(|t| t.orders.go_to_cart)}</A>
                </div>
            }
            .into_any(),
        )
        }
        Reorder::Failed(error) => Some(
            view! { <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p> }
                .into_any(),
        ),
        Reorder::Idle | Reorder::Running => None,
    }
    };
    view! {
        <div class="reorder">
            {outcome}
            <button
                type="button"
                class="button"
                data-testid="reorder"
                disabled=move || state.get() == Reorder::Running
                on:click=run
            >
                {move || {
                    let t = &i18n.t().orders;
                    if state.get() == Reorder::Running { t.reordering } else { t.reorder }
                }}
            </button>
        </div>
    }
}
