//! The GraphQL API: thin resolvers over `domain`. Each resolver reads the context,
//! authorizes with one call, calls one domain function and maps the result.
//!
//! API boundary: the SDL of this schema is checked in as `backend/schema.graphql`; a
//! test fails when it differs from the code, so API changes are reviewed.

pub mod audit;
pub mod cart;
pub mod catalog;
pub mod catalog_admin;
pub mod companies;
pub mod company_rules;
pub mod context;
pub mod dashboard;
pub mod error;
pub mod executor;
pub mod fulfilment;
pub mod integrations;
pub mod invoices;
pub mod ledger;
pub mod limits;
pub mod live;
pub mod loaders;
pub mod mutation;
pub mod notifications;
pub mod orders;
pub mod pagination;
pub mod query;
pub mod scalars;
pub mod suggestions;
pub mod two_factor;
pub mod types;

use async_graphql::{MergedObject, MergedSubscription, Schema};
use sea_orm::DatabaseConnection;

use std::sync::Arc;

use crate::domain::auth::throttle::{LoginThrottle, ResetThrottle};
use crate::domain::auth::token::TokenKeys;
use crate::domain::auth::totp::TotpPolicy;
use crate::domain::invoicing::SupplierDetails;
use crate::events::EventBus;

/// Every query, one object per area.
#[derive(MergedObject, Default)]
pub struct Query(
    query::AccountQuery,
    catalog::CatalogQuery,
    catalog_admin::CatalogAdminQuery,
    orders::OrdersQuery,
    fulfilment::FulfilmentQuery,
    invoices::InvoicesQuery,
    ledger::LedgerQuery,
    cart::CartQuery,
    company_rules::CompanyRulesQuery,
    notifications::NotificationsQuery,
    two_factor::TwoFactorQuery,
    audit::AuditQuery,
    companies::CompaniesQuery,
    dashboard::DashboardQuery,
    suggestions::SuggestionsQuery,
    integrations::IntegrationsQuery,
);

#[derive(MergedObject, Default)]
pub struct Mutation(
    mutation::AccountMutation,
    catalog::CatalogMutation,
    catalog_admin::CatalogAdminMutation,
    orders::OrdersMutation,
    fulfilment::FulfilmentMutation,
    ledger::LedgerMutation,
    cart::CartMutation,
    company_rules::CompanyRulesMutation,
    notifications::NotificationsMutation,
    two_factor::TwoFactorMutation,
    companies::CompaniesMutation,
    integrations::IntegrationsMutation,
);

#[derive(MergedSubscription, Default)]
pub struct Subscription(catalog::CatalogSubscription, orders::OrdersSubscription);

pub type PortalSchema = Schema<Query, Mutation, Subscription>;

/// Deepest query accepted: the real UI needs 6; introspection (GraphiQL) needs 13.
pub const MAX_DEPTH: usize = 15;
/// Most expensive query accepted: each selected field costs 1 (fields that repeat
/// merge). With at most `limits::MAX_ALIASES` aliases the schema itself bounds a
/// query's width; the UI's largest query (the order page) costs under 100.
pub const MAX_COMPLEXITY: usize = 5_000;

pub fn build_schema(
    db: DatabaseConnection,
    keys: TokenKeys,
    events: EventBus,
    supplier: SupplierDetails,
    totp_policy: TotpPolicy,
    login_throttle: Arc<LoginThrottle>,
) -> PortalSchema {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .data(db)
    .data(keys)
    .data(events)
    .data(supplier)
    .data(totp_policy)
    .data(login_throttle)
    .data(Arc::new(ResetThrottle::default()))
    .data(Arc::new(
        crate::domain::catalog::price_cache::PriceCache::default(),
    ))
    .data(Arc::new(
        crate::domain::catalog::listing_cache::ListingCache::default(),
    ))
    .data(Arc::new(
        crate::domain::companies::invitations::InvitationThrottle::default(),
    ))
    .limit_depth(MAX_DEPTH)
    .limit_complexity(MAX_COMPLEXITY)
    .finish()
}

/// The SDL as checked in (`backend/schema.graphql`).
pub fn sdl() -> String {
    Schema::build(
        Query::default(),
        Mutation::default(),
        Subscription::default(),
    )
    .finish()
    .sdl()
}
