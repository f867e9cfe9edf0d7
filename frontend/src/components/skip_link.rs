//! The "skip to content" link, the first tab stop of every page.

use leptos::ev::MouseEvent;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::i18n::tr;

/// The id of the `<main>` element of every page; it has `tabindex="-1"` so it can take focus.
pub const MAIN_ID: &str = "main";

/// Moves focus to `<main>` itself. The router handles every click on a link, and for
/// `#main` it only changes the address, so the browser's own jump to the fragment (and
/// the focus move that comes with it) never happens: the link does it.
#[component]
pub fn SkipLink() -> impl IntoView {
    let skip = move |event: MouseEvent| {
        let main = document()
            .get_element_by_id(MAIN_ID)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(main) = main {
            event.prevent_default();
            let _ = main.focus();
            main.scroll_into_view();
        }
    };
    view! {
        <a class="skip-link" href=format!("#{MAIN_ID}") on:click=skip>
            {tr(|t| t.app.skip_to_content)}
        </a>
    }
}
