//! The home page: one per role, each saying what the role does here and linking to
//! the pages it can use today (the catalog for everyone, within one click).

mod cards;

use leptos::prelude::*;
use shared::Role;

use crate::api::auth::User;
use crate::i18n::use_i18n;
use crate::session::use_session;
use cards::{InfoCard, LinkCard};

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
        match role {
            Role::CompanyAdmin => view! {
                {catalog_card}
                <LinkCard
                    href="/users"
                    title=t.home.users_card_title
                    text=t.home.users_card_text
                />
                {company_card}
            }
            .into_any(),
            Role::SupplierStaff => view! {
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
            Role::Buyer | Role::Approver | Role::Viewer => view! {
                {catalog_card}
                {company_card}
                <InfoCard title=t.home.role_card_title value=t.roles.label(role).to_owned() />
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
            {move || {
                (!matches!(role, Role::CompanyAdmin | Role::SupplierStaff))
                    .then(|| view! { <p class="muted">{i18n.t().home.coming_soon}</p> })
            }}
        </section>
    }
}
