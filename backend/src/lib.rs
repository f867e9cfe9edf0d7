//! The portal server as a library: the binary (`main.rs`) and the integration tests
//! both start it through [`app::App`].
//!
//! Layers, from the edge inwards: `http` (axum routes, the auth extractor) and
//! `graphql` (thin resolvers) call `domain` (plain async functions over a database
//! connection), which uses `entities` (sea-orm models, never exposed outside `domain`
//! and `seed`).

pub mod app;
pub mod config;
pub mod db;
pub mod domain;
pub mod entities;
pub mod events;
pub mod graphql;
pub mod http;
pub mod notifications;
pub mod seed;
pub mod telemetry;
pub mod webhooks;

/// Every binary linking the server (the portal, tests, benchmarks) allocates with
/// mimalloc, for the reason given in `Cargo.toml` (measured in the note of issue 7).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
