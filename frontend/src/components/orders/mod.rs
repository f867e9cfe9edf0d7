//! Building blocks of the order screens: the live feed of order changes, a list of
//! orders with its paging, customer requests, status badges, approval reasons and
//! progress, totals, and date formatting.

pub mod approval;
pub mod feed;
pub mod format;
pub mod list;
pub mod requests;
pub mod status;
pub mod totals;
