//! Order lines typed or pasted by people who know their SKUs: the quick-order table
//! and "paste from Excel". The cart adds them to the buyer's cart; staff order entry
//! places them as a customer's order.

pub mod paste_box;
pub mod paste_parse;
pub mod row;
pub mod row_view;
pub mod table;
