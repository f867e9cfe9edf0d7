//! The portal's browser app: Leptos in client-side rendering mode, built by Trunk.
//!
//! Code map: `api` talks GraphQL, `session` remembers who is signed in, `connectivity` whether the server answers, `i18n` holds every
//! text in Hebrew and English, `components` are the shell shared by the pages, and
//! `pages` has one folder per screen. `app` wires them into routes.
//!
//! Two binaries mount the same app: `main.rs`, the customer bundle, and `bin/staff.rs`,
//! the staff bundle. They differ only in the [`StaffPages`] they pass: the staff bundle
//! renders the back-office pages, the customer bundle reloads into the staff bundle when
//! someone opens one, so the back-office code is never downloaded by buyers (the linker
//! drops what the customer binary never reaches).

mod api;
mod app;
mod components;
mod connectivity;
mod i18n;
mod pages;
mod session;

pub use app::{StaffPage, StaffPages};
pub use pages::staff_area::{load_staff_bundle, staff_pages};

/// Mounts the app; `staff_pages` decides what the back-office routes show.
pub fn start(staff_pages: StaffPages) {
    use leptos::prelude::*;
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(move || view! { <app::App staff_pages /> });
}
