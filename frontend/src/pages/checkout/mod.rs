//! Checkout: cost centre, note, the approval preview (`orderQuote`) and placing the order.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn CheckoutPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(|t| t.cart.title)}</h1>
        </section>
    }
}
