//! "My orders" (for staff: the orders that left the customer's approval), with status filters.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn OrdersPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(|t| t.orders.title)}</h1>
        </section>
    }
}
