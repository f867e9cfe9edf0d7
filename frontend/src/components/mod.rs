//! The shell shared by the pages: layout, header, navigation and small building blocks.

pub mod amount;
pub mod cart_badge;
pub mod cart_state;
pub mod catalog;
pub mod company_balance;
pub mod company_picker;
pub mod csv_import;
pub mod documents;
pub mod export_csv;
pub mod files;
pub mod header;
pub mod import_errors;
pub mod language_switch;
pub mod layout;
pub mod nav;
pub mod notice;
pub mod notification_bell;
pub mod offline_banner;
pub mod orders;
pub mod paged;
pub mod sheet;
pub mod skeleton;
pub mod skip_link;
pub mod sku_lines;
pub mod staff;
pub mod two_factor;
