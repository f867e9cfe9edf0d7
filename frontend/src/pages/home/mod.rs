//! The home page: one per role, each saying what the role does here and linking to
//! the pages it uses most, within one click (an approver also sees how many orders wait
//! for a decision, staff how many customer requests wait for an answer). Those who
//! order also see "Time to reorder" (`reorder.rs`).

mod cards;
mod reorder;

use leptos::prelude::*;
use shared::Role;

use crate::api::auth::User;
use crate::i18n::use_i18n;
use crate::session::use_session;
use cards::{AccountCard, ApprovalsCard, InfoCard, LinkCard, RequestsCard};
use reorder::ReorderPanel;

/// `home-company-admin` for COMPANY_ADMIN: the test id of each role's home.
fn test_id(role: Role) -> String {
    format!("home-{}", role.as_str().to_lowercase().replace('_', "-"))
}

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    move || session.user().map(|user| view! { <RoleHome user /> })
}

#[component]
fn RoleHome(user: User) -> impl IntoView {
    let i18n = use_i18n();
    let role = user.role;
    let name = user.name.clone();
    let company_name = user.company.as_ref().map(|company| company.name.clone());

    let cards = move || {
        let t = i18n.t();
        let company_card = company_name.clone().map(|company| {
            view! { <InfoCard title=t.home.company_card_title value=company /> }
        });
        let catalog_card = view! {
            <LinkCard
                href="/catalog"
                title=t.home.catalog_card_title
                text=t.home.catalog_card_text
            />
        };
        let orders_card = |title, text| view! { <LinkCard href="/orders" title text /> };
        match role {
            Role::Buyer => view! {
                {catalog_card}
                <LinkCard
                    href="/cart"
                    title=t.home.cart_card_title
                    text=t.home.cart_card_text
                />
                {orders_card(t.home.my_orders_card_title, t.home.my_orders_card_text)}
                {company_card}
                <InfoCard title=t.home.role_card_title value=t.roles.label(role).to_owned() />
            }
            .into_any(),
            Role::Approver => view! {
                <ApprovalsCard />
                {orders_card(t.home.orders_card_title, t.home.orders_card_text)}
                {catalog_card}
                {company_card}
                <InfoCard title=t.home.role_card_title value=t.roles.label(role).to_owned() />
            }
            .into_any(),
            Role::Viewer => view! {
                <LinkCard
                    href="/invoices"
                    title=t.documents.invoices_card_title
                    text=t.documents.invoices_card_text
                />
                <AccountCard />
                {orders_card(t.home.orders_card_title, t.home.orders_card_text)}
                {catalog_card}
                {company_card}
                <InfoCard title=t.home.role_card_title value=t.roles.label(role).to_owned() />
            }
            .into_any(),
            Role::CompanyAdmin => view! {
                <LinkCard
                    href="/company/rules"
                    title=t.home.rules_card_title
                    text=t.home.rules_card_text
                />
                <LinkCard
                    href="/users"
                    title=t.home.users_card_title
                    text=t.home.users_card_text
                />
                {orders_card(t.home.orders_card_title, t.home.orders_card_text)}
                {catalog_card}
                {company_card}
            }
            .into_any(),
            Role::SupplierStaff => view! {
                <RequestsCard />
                <LinkCard
                    href=crate::session::STAFF_LANDING
                    title=t.dashboard.title
                    text=t.dashboard.card_text
                />
                <LinkCard
                    href="/staff/orders"
                    title=t.home.orders_card_title
                    text=t.home.staff_orders_card_text
                />
                {catalog_card}
                <LinkCard
                    href="/staff/products"
                    title=t.home.staff_products_card_title
                    text=t.home.staff_products_card_text
                />
                <LinkCard
                    href="/staff/import"
                    title=t.home.staff_import_card_title
                    text=t.home.staff_import_card_text
                />
                <LinkCard
                    href="/staff/assortments"
                    title=t.home.staff_assortments_card_title
                    text=t.home.staff_assortments_card_text
                />
                <LinkCard
                    href="/companies"
                    title=t.home.companies_card_title
                    text=t.home.companies_card_text
                />
            }
            .into_any(),
        }
    };

    view! {
        <section class="page" data-testid=test_id(role)>
            <header class="page-header">
                <h1>{move || (i18n.t().home.greeting)(&name)}</h1>
                <p class="lead">{move || i18n.t().home.intro(role)}</p>
            </header>
            <div class="cards">{cards}</div>
            {matches!(role, Role::Buyer | Role::Approver).then(|| view! { <ReorderPanel /> })}
        </section>
    }
}
