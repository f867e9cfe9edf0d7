//! One folder per screen.

pub mod approval;
pub mod approvals;
pub mod cart;
pub mod catalog;
pub mod checkout;
pub mod companies;
pub mod company_rules;
pub mod home;
pub mod invoices;
pub mod ledger;
pub mod login;
pub mod not_found;
pub mod notifications;
pub mod order;
pub mod orders;
pub mod payments;
pub mod product;
pub mod staff_assortments;
pub mod staff_entry;
pub mod staff_import;
pub mod staff_orders;
pub mod staff_pick_list;
pub mod staff_products;
pub mod users;
