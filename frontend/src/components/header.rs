//! The top bar: product name, who is signed in, language, logout and the navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::language_switch::LanguageSwitch;
use crate::components::nav::{MainNav, MenuButton};
use crate::i18n::use_i18n;
use crate::session::use_session;

#[component]
pub fn Header() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    // Whether the navigation is unfolded on a phone; on wider screens it always shows.
    let menu_open = RwSignal::new(false);

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
                </div>
            }
        })
    };

    view! {
        <header class="site-header">
            <div class="header-bar">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    {move || i18n.t().app.product_name}
                </A>
                {account}
                <div class="header-actions">
                    <LanguageSwitch />
                    <button
                        type="button"
                        class="button ghost"
                        on:click=move |_| session.sign_out()
                    >
                        {move || i18n.t().app.logout}
                    </button>
                    <MenuButton open=menu_open />
                </div>
            </div>
            <MainNav open=menu_open />
        </header>
    }
}
