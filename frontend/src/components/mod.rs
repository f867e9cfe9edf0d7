//! The shell shared by the pages: layout, header, navigation and small building blocks.

pub mod cart_badge;
pub mod cart_state;
pub mod catalog;
pub mod documents;
pub mod header;
pub mod language_switch;
pub mod layout;
pub mod nav;
pub mod notice;
pub mod notification_bell;
pub mod orders;
pub mod sheet;
pub mod skeleton;
pub mod skip_link;
pub mod staff;
