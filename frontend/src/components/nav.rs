//! The main navigation: only the pages the signed-in role may use.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Role;

use crate::i18n::{Texts, use_i18n};
use crate::session::use_session;

/// One entry of the navigation.
struct NavItem {
    href: &'static str,
    label: fn(&Texts) -> &'static str,
}

/// What a role may open. The server enforces the same rules on every operation; this
/// list only keeps people from links that would answer FORBIDDEN.
fn items_for(role: Role) -> Vec<NavItem> {
    let mut items = vec![NavItem {
        href: "/",
        label: |t| t.app.home,
    }];
    match role {
        Role::CompanyAdmin => items.push(NavItem {
            href: "/users",
            label: |t| t.app.users,
        }),
        Role::SupplierStaff => items.push(NavItem {
            href: "/companies",
            label: |t| t.app.companies,
        }),
        Role::Buyer | Role::Approver | Role::Viewer => {}
    }
    items
}

#[component]
pub fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();

    let links = move || {
        let t = i18n.t();
        session
            .role()
            .map(items_for)
            .unwrap_or_default()
            .into_iter()
            .map(|item| {
                view! {
                    <li>
                        <A href=item.href attr:class="nav-link" exact=true>
                            {(item.label)(t)}
                        </A>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <nav class="main-nav" aria-label=move || i18n.t().app.main_navigation>
            <ul>{links}</ul>
        </nav>
    }
}
