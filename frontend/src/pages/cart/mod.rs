//! The cart: its lines with live prices and stock, the quick-order table, pasting
//! "SKU,quantity" lines, saved order lists; the way to checkout.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn CartPage() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{tr(|t| t.cart.title)}</h1>
        </section>
    }
}
