//! One folder per screen.

pub mod catalog;
pub mod companies;
pub mod home;
pub mod login;
pub mod not_found;
pub mod product;
pub mod staff_assortments;
pub mod staff_import;
pub mod staff_products;
pub mod users;
