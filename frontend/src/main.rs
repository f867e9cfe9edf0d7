//! The portal's browser app: Leptos in client-side rendering mode, built by Trunk.
//!
//! Code map: `api` talks GraphQL, `session` remembers who is signed in, `connectivity` whether the server answers, `i18n` holds every
//! text in Hebrew and English, `components` are the shell shared by the pages, and
//! `pages` has one folder per screen. `app` wires them into routes.

mod api;
mod app;
mod components;
mod connectivity;
mod i18n;
mod pages;
mod session;

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
