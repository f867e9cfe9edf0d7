//! The frame of every signed-in page: skip link, header with navigation, and the page.

use leptos::prelude::*;
use leptos_router::components::Outlet;

use crate::components::cart_state::CartState;
use crate::components::header::Header;
use crate::i18n::tr;

#[component]
pub fn Layout() -> impl IntoView {
    // The cart's size, shared by the header's badge and the pages that change the cart.
    CartState::provide();
    view! {
        <a class="skip-link" href="#main">
            {tr(|t| t.app.skip_to_content)}
        </a>
        <Header />
        <main id="main" class="main" tabindex="-1">
            <Outlet />
        </main>
    }
}
