//! Types that the backend and the WASM frontend both use.
//!
//! Architecture invariant: this crate never depends on a server crate (sea-orm, axum,
//! async-graphql, tokio); it must build for `wasm32-unknown-unknown`.

pub mod bundles;
pub mod email;
pub mod ids;
pub mod language;
pub mod money;
pub mod order_status;
pub mod role;
pub mod sku;

pub use email::Email;
pub use ids::{CompanyId, InvitationId, UserId};
pub use language::Language;
pub use money::Money;
pub use order_status::OrderStatus;
pub use role::Role;
pub use sku::Sku;
