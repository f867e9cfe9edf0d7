//! The top bar: product name, navigation, who is signed in, language and logout.
//!
//! On a phone everything but the product name folds behind one menu button.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::components::cart_badge::CartBadge;
use crate::components::language_switch::LanguageSwitch;
use crate::components::nav::MainNav;
use crate::components::notification_bell::NotificationBell;
use crate::i18n::{tr, use_i18n};
use crate::session::use_session;

const MENU_ID: &str = "site-menu";

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let location = use_location();
    // Whether the menu is unfolded on a phone; on wider screens it always shows.
    let menu_open = RwSignal::new(false);

    // Following a link folds the phone menu again.
    Effect::new(move |_| {
        location.pathname.track();
        menu_open.set(false);
    });

    let account = move || {
        session.user().map(|user| {
            let t = i18n.t();
            let company = user.company.map(|company| company.name);
            view! {
                <div class="account" aria-label=t.app.account role="group">
                    <span class="account-name" data-testid="user-name">
                        {user.name}
                    </span>
                    <span class="account-meta">
                        {company
                            .map(|name| {
                                view! {
                                    <span data-testid="company-name">{name}</span>
                                    <span aria-hidden="true">" · "</span>
                                }
                            })}
                        <span data-testid="role-label">{t.roles.label(user.role)}</span>
                    </span>
                    <A href="/account/security" attr:class="account-link" attr:data-testid="security-link">
                        {t.security.nav_label}
                    </A>
                </div>
            }
        })
    };

    view! {
        <header class="site-header">
            <div class="header-bar">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    {tr(|t| t.app.product_name)}
                </A>
                // Outside the folding menu: the cart and the bell stay in reach on a phone.
                <div class="header-shortcuts">
                    {move || session.can_order().then(|| view! { <CartBadge /> })}
                    <NotificationBell />
                </div>
                <button
                    type="button"
                    class="button ghost menu-button"
                    aria-controls=MENU_ID
                    aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                    on:click=move |_| menu_open.update(|open| *open = !*open)
                >
                    <span class="menu-icon" aria-hidden="true"></span>
                    {tr(|t| t.app.menu)}
                </button>
                <div id=MENU_ID class="site-menu" class:open=move || menu_open.get()>
                    <MainNav />
                    {account}
                    <div class="header-actions">
                        <LanguageSwitch />
                        <button
                            type="button"
                            class="button ghost"
                            on:click=move |_| session.sign_out()
                        >
                            {tr(|t| t.app.logout)}
                        </button>
                    </div>
                </div>
            </div>
        </header>
    }
}
