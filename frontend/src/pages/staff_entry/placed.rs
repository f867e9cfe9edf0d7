//! The order went in: its number (to the order's page), for whom, how it came, its
//! total, and the way to the next one.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::order_entry::EnteredOrder;
use crate::components::catalog::price::MoneyText;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn PlacedPanel(order: EnteredOrder, company: String, on_next: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let channel = order.channel.clone();
    view! {
        <section class="card entry-placed" role="status" data-testid="entry-placed">
            <h2>{tr(|t| t.staff_entry.placed_title)}</h2>
            <p class="entry-placed-number">
                <A href=format!("/orders/{}", order.id) attr:data-testid="entry-order-link">
                    <bdi dir="ltr">{order.number.clone()}</bdi>
                </A>
            </p>
            <p>
                {move || {
                    let t = i18n.t();
                    (t.staff_entry.placed_text)(&company, &(t.orders.channel_name)(&channel))
                }}
            </p>
            <p>
                {tr(|t| t.staff_entry.placed_total)} " " <MoneyText amount=order.total />
            </p>
            <div class="actions">
                <button
                    type="button"
                    class="button primary"
                    data-testid="entry-another"
                    on:click=move |_| on_next.run(())
                >
                    {tr(|t| t.staff_entry.enter_another)}
                </button>
            </div>
        </section>
    }
}
