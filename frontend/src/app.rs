//! The root component: session, language and routes.

use leptos::prelude::*;
use leptos_router::components::{ProtectedParentRoute, ProtectedRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::Layout;
use crate::connectivity::Connectivity;
use crate::i18n::I18n;
use crate::pages::accept_invitation::AcceptInvitationPage;
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
use crate::pages::password::{ForgotPasswordPage, ResetPasswordPage};
use crate::pages::product::ProductPage;
use crate::pages::users::UsersPage;
use crate::session::SessionStore;

/// The supplier's back-office pages: the routes whose code only the staff bundle has
/// (`shared::bundles::is_staff_page` names their addresses).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaffPage {
    Dashboard,
    Companies,
    Products,
    Import,
    Assortments,
    Orders,
    PickList,
    OrderEntry,
    Payments,
    ApiKeys,
    Webhooks,
}

/// What a bundle shows for a back-office route.
pub type StaffPages = fn(StaffPage) -> AnyView;

#[component]
pub fn App(staff_pages: StaffPages) -> impl IntoView {
    let staff = move |page: StaffPage| move || staff_pages(page);
    let session = SessionStore::provide();
    I18n::provide();
    Connectivity::provide();

    // Every route but /login needs a session; the guards react to the session signal, so
    // signing in, signing out and an expired token all move the person to the right page.
    // While the session is restored from the refresh cookie both are pending (`None`)
    // and show the loading state, so a reload never flashes the login page.
    let signed_in = move || session.signed_in_state();
    let signed_out = move || session.signed_in_state().map(|signed_in| !signed_in);

    view! {
        <Router>
            <Routes fallback=NotFoundPage>
                // The accessibility statement is open to everyone, signed in or not.
                <Route path=path!("/accessibility") view=AccessibilityPage />
                // A forgotten password: open to everyone, the link of the e-mail included.
                <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                <Route path=path!("/reset-password") view=ResetPasswordPage />
                // The link of an invitation e-mail: creates the user and signs it in.
                <Route path=path!("/accept-invitation") view=AcceptInvitationPage />
                <ProtectedRoute
                    path=path!("/login")
                    view=LoginPage
                    condition=signed_out
                    redirect_path=crate::session::after_sign_in_path
                    fallback=RestoringSession
                />
                <ProtectedParentRoute
                    path=path!("")
                    view=Layout
                    condition=signed_in
                    redirect_path=crate::session::login_redirect
                    fallback=RestoringSession
                >
                    <Route path=path!("") view=HomePage />
                    <Route path=path!("users") view=UsersPage />
                    <Route path=path!("companies") view=staff(StaffPage::Companies) />
                    <Route path=path!("catalog") view=CatalogPage />
                    <Route path=path!("catalog/:sku") view=ProductPage />
                    <Route path=path!("staff/dashboard") view=staff(StaffPage::Dashboard) />
                    <Route path=path!("staff/products") view=staff(StaffPage::Products) />
                    <Route path=path!("staff/import") view=staff(StaffPage::Import) />
                    <Route path=path!("staff/assortments") view=staff(StaffPage::Assortments) />
                    <Route path=path!("staff/orders") view=staff(StaffPage::Orders) />
                    <Route path=path!("staff/orders/:id/pick-list") view=staff(StaffPage::PickList) />
                    <Route path=path!("staff/orders/new") view=staff(StaffPage::OrderEntry) />
                    <Route path=path!("staff/payments") view=staff(StaffPage::Payments) />
                    <Route path=path!("staff/api-keys") view=staff(StaffPage::ApiKeys) />
                    <Route path=path!("staff/webhooks") view=staff(StaffPage::Webhooks) />
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

/// What shows while the session is restored from the refresh cookie (a fraction of a
/// second): the app's loading state, announced, instead of the login page.
#[component]
fn RestoringSession() -> impl IntoView {
    view! {
        <main id="main" class="restoring-session" tabindex="-1" aria-busy="true" data-testid="restoring-session">
            <p class="muted" role="status">{crate::i18n::tr(|t| t.app.loading)}</p>
        </main>
    }
}
