//! A modal dialog: it rises from the bottom on a phone and sits in the middle on a
//! desktop. Focus moves to its first field (or button) when it opens and stays inside
//! (Tab wraps around); Escape or a click on the backdrop closes it; when it goes, focus
//! returns to what had it before (the button that opened it), if that is still there.

use leptos::ev::KeyboardEvent;
use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

const TITLE_ID: &str = "sheet-title";
const FIELDS: &str = "input:not([disabled]), select:not([disabled]), textarea:not([disabled])";
const FOCUSABLE: &str = "input:not([disabled]), select:not([disabled]), \
    textarea:not([disabled]), button:not([disabled]), a[href]";

fn focusable_in(sheet: &web_sys::Element, selector: &str) -> Vec<web_sys::HtmlElement> {
    let Ok(nodes) = sheet.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..nodes.length())
        .filter_map(|index| nodes.item(index))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

#[component]
pub fn Sheet(
    /// The heading: words and, say, an order number kept left-to-right.
    #[prop(into)]
    title: ViewFn,
    /// The dialog's `data-testid`.
    test_id: &'static str,
    on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let sheet = NodeRef::<html::Div>::new();
    let opener = SendWrapper::new(document().active_element());
    on_cleanup(move || {
        if let Some(opener) = opener
            .take()
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
            .filter(|element| element.is_connected())
        {
            let _ = opener.focus();
        }
    });

    // Into the dialog as soon as it is on screen.
    Effect::new(move |_| {
        if let Some(sheet) = sheet.get() {
            let first = focusable_in(&sheet, FIELDS)
                .into_iter()
                .chain(focusable_in(&sheet, FOCUSABLE))
                .next();
            if let Some(first) = first {
                let _ = first.focus();
            }
        }
    });

    let on_keydown = move |event: KeyboardEvent| match event.key().as_str() {
        "Escape" => {
            event.prevent_default();
            on_close.run(());
        }
        "Tab" => {
            let Some(sheet) = sheet.get_untracked() else {
                return;
            };
            let focusable = focusable_in(&sheet, FOCUSABLE);
            let (Some(first), Some(last)) = (focusable.first(), focusable.last()) else {
                return;
            };
            let active = document().active_element();
            let is = |element: &web_sys::HtmlElement| {
                active.as_ref() == Some(element.unchecked_ref::<web_sys::Element>())
            };
            if event.shift_key() && is(first) {
                event.prevent_default();
                let _ = last.focus();
            } else if !event.shift_key() && is(last) {
                event.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    };

    view! {
        <div class="sheet-backdrop" on:click=move |_| on_close.run(())></div>
        <div
            class="sheet"
            role="dialog"
            aria-modal="true"
            aria-labelledby=TITLE_ID
            data-testid=test_id
            node_ref=sheet
            on:keydown=on_keydown
        >
            <h2 id=TITLE_ID>{title.run()}</h2>
            {children()}
        </div>
    }
}
