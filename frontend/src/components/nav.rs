//! The main navigation: only the pages the signed-in role may use.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::Role;

use crate::i18n::{Texts, tr, use_i18n};
use crate::session::use_session;

/// One entry of the navigation.
struct NavItem {
    href: &'static str,
    label: fn(&Texts) -> &'static str,
    /// Whether only this very address marks the link current (not the pages below it).
    exact: bool,
}

/// What a role may open. The server enforces the same rules on every operation; this
/// list only keeps people from links that would answer FORBIDDEN.
fn items_for(role: Role) -> Vec<NavItem> {
    let mut items = vec![
        NavItem {
            href: "/",
            label: |t| t.app.home,
            exact: true,
        },
        NavItem {
            href: "/catalog",
            label: |t| t.app.catalog,
            exact: false,
        },
    ];
    let orders = NavItem {
        href: "/orders",
        label: |t| t.app.orders,
        exact: false,
    };
    match role {
        Role::Buyer | Role::Viewer => items.push(orders),
        Role::Approver => {
            items.push(orders);
            items.push(NavItem {
                href: "/approvals",
                label: |t| t.app.approvals,
                exact: false,
            });
        }
        Role::CompanyAdmin => {
            items.push(orders);
            items.push(NavItem {
                href: "/users",
                label: |t| t.app.users,
                exact: true,
            });
            items.push(NavItem {
                href: "/company/rules",
                label: |t| t.app.company_rules,
                exact: true,
            });
        }
        Role::SupplierStaff => {
            // The dashboard is staff's landing page: their first link, in place of
            // "Home" (the brand still leads there), so the header keeps its width.
            items[0] = NavItem {
                href: crate::session::STAFF_LANDING,
                label: |t| t.dashboard.nav_label,
                exact: true,
            };
            // Staff work from the queue; `/orders` still answers them.
            items.push(NavItem {
                href: "/staff/orders",
                ..orders
            });
            // The import and assortment pages sit in the tabs of the products page.
            items.push(NavItem {
                href: "/staff/products",
                label: |t| t.app.products,
                exact: false,
            });
            items.push(NavItem {
                href: "/companies",
                label: |t| t.app.companies,
                exact: true,
            });
            items.push(NavItem {
                href: "/staff/payments",
                label: |t| t.payments.nav_label,
                exact: true,
            });
            // API keys and webhooks: one entry (the header has no room for two), the
            // pages link each other through their tabs.
            items.push(NavItem {
                href: "/staff/api-keys",
                label: |t| t.integrations.nav_label,
                exact: true,
            });
        }
    }
    // The audit log: staff see every entry, a company admin its company's.
    if matches!(role, Role::CompanyAdmin | Role::SupplierStaff) {
        items.push(NavItem {
            href: "/audit",
            label: |t| t.audit.nav_label,
            exact: true,
        });
    }
    // The company's documents: every customer role, not staff.
    if role != Role::SupplierStaff {
        items.push(NavItem {
            href: "/invoices",
            label: |t| t.app.invoices,
            exact: true,
        });
        items.push(NavItem {
            href: "/ledger",
            label: |t| t.app.ledger,
            exact: true,
        });
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
                        <A href=item.href attr:class="nav-link" exact=item.exact>
                            {(item.label)(t)}
                        </A>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <nav class="main-nav" aria-label=tr(|t| t.app.main_navigation)>
            <ul>{links}</ul>
        </nav>
    }
}
