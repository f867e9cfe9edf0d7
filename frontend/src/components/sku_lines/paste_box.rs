//! "Paste from Excel": lines of SKU and quantity in a text box, with a live count of
//! what could be read and the lines that could not. What "Add" does with the lines is
//! the page's (the cart adds them to the cart, staff order entry to the order's rows).

use leptos::prelude::*;

use crate::components::sku_lines::paste_parse::{Parsed, parse};
use crate::i18n::{Texts, tr, use_i18n};

#[component]
pub fn PasteBox(
    /// The box's text; the page puts back the lines it could not use.
    text: RwSignal<String>,
    #[prop(into)] busy: Signal<bool>,
    /// The button: "Add 3 lines to cart".
    add_label: fn(&Texts, usize) -> String,
    on_add: Callback<Parsed>,
    /// What the page shows under the button (its notices).
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    let parsed = Memo::new(move |_| text.with(|text| parse(text)));

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let parsed = parsed.get_untracked();
        if parsed.lines.is_empty() || busy.get_untracked() {
            return;
        }
        on_add.run(parsed);
    };

    let preview = move || {
        let t = &i18n.t().cart;
        parsed.with(|parsed| {
            let mut parts = Vec::new();
            if !parsed.lines.is_empty() || !parsed.unreadable.is_empty() {
                parts.push((t.paste_ready)(parsed.lines.len()));
            }
            if !parsed.unreadable.is_empty() {
                parts.push((t.paste_unreadable)(parsed.unreadable.len()));
            }
            parts.join(" · ")
        })
    };
    let unreadable = move || {
        parsed.with(|parsed| {
            (!parsed.unreadable.is_empty()).then(|| {
                view! {
                    <ul class="paste-unreadable" data-testid="paste-unreadable">
                        {parsed
                            .unreadable
                            .iter()
                            .take(20)
                            .map(|line| view! { <li><bdi dir="ltr">{line.clone()}</bdi></li> })
                            .collect_view()}
                    </ul>
                }
            })
        })
    };

    view! {
        <form class="paste-order" on:submit=submit data-testid="paste-order">
            <div class="field">
                <label for="paste-lines">{tr(|t| t.cart.paste_label)}</label>
                <p class="hint" id="paste-help">{tr(|t| t.cart.paste_help)}</p>
                <textarea
                    id="paste-lines"
                    rows="10"
                    dir="ltr"
                    spellcheck="false"
                    autocomplete="off"
                    aria-describedby="paste-help paste-preview"
                    placeholder="ANC-103,20\nBOL-210\t5"
                    data-testid="paste-lines"
                    prop:value=move || text.get()
                    on:input=move |event| text.set(event_target_value(&event))
                ></textarea>
            </div>
            <p id="paste-preview" class="muted" aria-live="polite" data-testid="paste-preview">
                {preview}
            </p>
            {unreadable}
            <div class="actions">
                <button
                    type="submit"
                    class="button primary"
                    data-testid="paste-add"
                    disabled=move || busy.get() || parsed.with(|parsed| parsed.lines.is_empty())
                >
                    {move || {
                        let t = i18n.t();
                        if busy.get() {
                            t.cart.adding.to_owned()
                        } else {
                            add_label(t, parsed.with(|parsed| parsed.lines.len()))
                        }
                    }}
                </button>
            </div>
            {children()}
        </form>
    }
}
