//! One order: lines, totals, status timeline, live updates, reorder.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn OrderPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(|t| t.orders.title)}</h1>
        </section>
    }
}
