//! The cart link in the top bar with the number of lines in the cart.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::tr;

#[component]
pub fn CartBadge() -> impl IntoView {
    view! {
        <A href="/cart" attr:class="header-icon-link">
            {tr(|t| t.app.cart)}
        </A>
    }
}
