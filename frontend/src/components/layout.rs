//! The frame of every signed-in page: skip link, header with navigation, the page, and a
//! footer with the accessibility statement.

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};

use crate::components::cart_state::CartState;
use crate::components::header::Header;
use crate::components::offline_banner::OfflineBanner;
use crate::components::skip_link::SkipLink;
use crate::components::suspended_banner::SuspendedBanner;
use crate::i18n::tr;

#[component]
pub fn Layout() -> impl IntoView {
    // Signed in and on a page: a kept "come back here" address is used up.
    crate::session::arrived();
    // The cart's size, shared by the header's badge and the pages that change the cart.
    CartState::provide();
    view! {
        <SkipLink />
        <Header />
        <main id="main" class="main" tabindex="-1">
            <OfflineBanner />
            <SuspendedBanner />
            <Outlet />
        </main>
        <footer class="site-footer">
            <A href="/accessibility">{tr(|t| t.accessibility.link)}</A>
        </footer>
    }
}
