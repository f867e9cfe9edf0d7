//! The domain layer: plain `async fn`s that take a database connection (or
//! transaction) first, enforce the rules of `../shared/domain.md`, and return domain
//! structs or a [`DomainError`]. Nothing here knows about HTTP or GraphQL.

pub mod accounts;
pub mod api_keys;
pub mod approval;
pub mod audit;
pub mod auth;
pub mod authz;
pub mod cart;
pub mod catalog;
pub mod companies;
pub mod company_rules;
pub mod consistency;
pub mod cost_centers;
pub mod error;
pub mod exports;
pub mod insight;
pub mod invoicing;
pub mod ledger;
pub mod orders;
pub mod page;
pub mod pricing;
pub mod suggestions;
pub mod upload;

pub use authz::{Actor, Operation};
pub use error::DomainError;
