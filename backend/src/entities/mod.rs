//! sea-orm models of the tables in `migrations`. Only `domain` and `seed` use them:
//! GraphQL types are separate structs, so a column never leaks into the API by accident.

pub mod assortment_category;
pub mod assortment_product;
pub mod audit_log;
pub mod cart_line;
pub mod category;
pub mod company;
pub mod cost_center;
pub mod credit_note;
pub mod credit_note_line;
pub mod invitation;
pub mod invoice;
pub mod invoice_line;
pub mod ledger_entry;
pub mod notification;
pub mod order;
pub mod order_approval;
pub mod order_event;
pub mod order_line;
pub mod order_request;
pub mod password_reset;
pub mod payment;
pub mod price_list;
pub mod price_list_item;
pub mod price_tier;
pub mod product;
pub mod refresh_token;
pub mod saved_list;
pub mod saved_list_line;
pub mod session;
pub mod shipment;
pub mod stock;
pub mod stock_movement;
pub mod user;
pub mod user_recovery_code;
pub mod user_totp;
