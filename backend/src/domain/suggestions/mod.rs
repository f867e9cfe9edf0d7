//! Suggestions for buyers (issue #6): "frequently bought together" for the cart and
//! "time to reorder" for products a company buys on a rhythm. `model.rs` is the
//! arithmetic, `counts.rs` the stored counts (changed with each order, rebuilt from
//! the history), `read.rs` the two reads, `replay.rs` the measure of both on a history.

pub mod counts;
pub mod model;
pub mod read;
pub mod replay;
