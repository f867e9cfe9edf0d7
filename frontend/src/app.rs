//! The root component: session, language and routes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{ProtectedParentRoute, ProtectedRoute, Route, Router, Routes};
use leptos_router::path;

use crate::api;
use crate::components::layout::Layout;
use crate::connectivity::Connectivity;
use crate::i18n::I18n;
use crate::pages::accessibility::AccessibilityPage;
use crate::pages::account_security::AccountSecurityPage;
use crate::pages::approval::ApprovalPage;
use crate::pages::approvals::ApprovalsPage;
use crate::pages::audit::AuditPage;
use crate::pages::cart::CartPage;
use crate::pages::catalog::CatalogPage;
use crate::pages::checkout::CheckoutPage;
use crate::pages::company_rules::CompanyRulesPage;
use crate::pages::home::HomePage;
use crate::pages::invoices::InvoicesPage;
use crate::pages::ledger::LedgerPage;
use crate::pages::login::LoginPage;
use crate::pages::not_found::NotFoundPage;
use crate::pages::notifications::NotificationsPage;
use crate::pages::order::OrderPage;
use crate::pages::orders::OrdersPage;
use crate::pages::product::ProductPage;
use crate::pages::users::UsersPage;
use crate::session::SessionStore;

/// The supplier's back-office pages: the routes whose code only the staff bundle has
/// (`shared::bundles::is_staff_page` names their addresses).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffPage {
    Companies,
    Products,
    Import,
    Assortments,
    Orders,
    PickList,
    OrderEntry,
    Payments,
}

/// What a bundle shows for a back-office route.
pub type StaffPages = fn(StaffPage) -> AnyView;

#[component]
pub fn App(staff_pages: StaffPages) -> impl IntoView {
    let staff = move |page: StaffPage| move || staff_pages(page);
    let session = SessionStore::provide();
    I18n::provide();
    Connectivity::provide();
    refresh_user(session);

    // Every route but /login needs a session; the guards react to the session signal, so
    // signing in, signing out and an expired token all move the person to the right page.
    let signed_in = move || Some(session.is_signed_in());
    let signed_out = move || Some(!session.is_signed_in());

    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                // The accessibility statement is open to everyone, signed in or not.
                <Route path=path!("/accessibility") view=AccessibilityPage />
                <ProtectedRoute
                    path=path!("/login")
                    view=LoginPage
                    condition=signed_out
                    redirect_path=crate::session::after_sign_in_path
                />
                <ProtectedParentRoute
                    path=path!("")
                    view=Layout
                    condition=signed_in
                    redirect_path=crate::session::login_redirect
                >
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("users") view=UsersPage />
                    <Route path=path!("companies") view=staff(StaffPage::Companies) />
                    <Route path=path!("catalog") view=CatalogPage />
                    <Route path=path!("catalog/:sku") view=ProductPage />
                    <Route path=path!("staff/products") view=staff(StaffPage::Products) />
                    <Route path=path!("staff/import") view=staff(StaffPage::Import) />
                    <Route path=path!("staff/assortments") view=staff(StaffPage::Assortments) />
                    <Route path=path!("staff/orders") view=staff(StaffPage::Orders) />
                    <Route path=path!("staff/orders/:id/pick-list") view=staff(StaffPage::PickList) />
                    <Route path=path!("staff/orders/new") view=staff(StaffPage::OrderEntry) />
                    <Route path=path!("staff/payments") view=staff(StaffPage::Payments) />
                    <Route path=path!("cart") view=CartPage />
                    <Route path=path!("checkout") view=CheckoutPage />
                    <Route path=path!("orders") view=OrdersPage />
                    <Route path=path!("orders/:id") view=OrderPage />
                    <Route path=path!("invoices") view=InvoicesPage />
                    <Route path=path!("ledger") view=LedgerPage />
                    <Route path=path!("approvals") view=ApprovalsPage />
                    <Route path=path!("approvals/:id") view=ApprovalPage />
                    <Route path=path!("notifications") view=NotificationsPage />
                    <Route path=path!("company/rules") view=CompanyRulesPage />
                    <Route path=path!("account/security") view=AccountSecurityPage />
                    <Route path=path!("audit") view=AuditPage />
                    <Route path=path!("*any") view=NotFoundPage />
                </ProtectedParentRoute>
            </Routes>
        </Router>
    }
}

/// A session restored from local storage may be stale (a renamed company, a changed
/// role) or expired: ask the server once at start. An expired token clears the session
/// inside the API client; other failures keep the stored user.
fn refresh_user(session: SessionStore) {
    if crate::session::current_token().is_none() {
        return;
    }
    spawn_local(async move {
        if let Ok(user) = api::auth::me().await {
            session.update_user(user);
        }
    });
}
