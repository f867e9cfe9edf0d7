//! "Paste from Excel": lines of SKU and quantity in a text box, a live count of what
//! could be read, and one `addToCart` for all of them. Lines that were not added stay
//! in the box, with the reasons listed, so they can be fixed and added again.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::cart::{AddToCartResult, RejectedLine, add_to_cart};
use crate::components::notice::{Notice, NoticeBanner};
use crate::i18n::{tr, use_i18n};
use crate::pages::cart::model::CartModel;
use crate::pages::cart::paste_parse::{PastedLine, parse};
use crate::pages::cart::rejected::{RejectedList, added_notice};

/// The server's limit of lines per request.
const LINES_PER_REQUEST: usize = 500;

#[component]
pub fn PasteOrder(model: CartModel) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let parsed = Memo::new(move |_| text.with(|text| parse(text)));
    let adding = RwSignal::new(false);
    let status = RwSignal::new(None::<Notice>);
    let rejected = RwSignal::new(Vec::<RejectedLine>::new());

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let lines = parsed.with_untracked(|parsed| parsed.lines.clone());
        if lines.is_empty() || adding.get_untracked() {
            return;
        }
        let unreadable = parsed.with_untracked(|parsed| parsed.unreadable.clone());
        adding.set(true);
        status.set(None);
        rejected.set(Vec::new());
        spawn_local(async move {
            let result = add_all(&lines).await;
            adding.try_set(false);
            match result {
                Ok(results) => {
                    let submitted: Vec<String> =
                        lines.iter().map(|line| line.sku.clone()).collect();
                    let mut refused = Vec::new();
                    for result in results {
                        refused.extend(model.merge(result, &submitted));
                    }
                    // Back into the box: what could not be read, then what was refused.
                    let mut kept = unreadable;
                    kept.extend(refused_texts(&lines, &refused));
                    text.try_set(kept.join("\n"));
                    status.try_set(added_notice(lines.len().saturating_sub(refused.len())));
                    rejected.try_set(refused);
                }
                Err(error) => {
                    status.try_set(Some(Notice::Failed(error)));
                }
            }
        });
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
                    disabled=move || adding.get() || parsed.with(|parsed| parsed.lines.is_empty())
                >
                    {move || {
                        let t = &i18n.t().cart;
                        if adding.get() {
                            t.adding.to_owned()
                        } else {
                            (t.paste_add)(parsed.with(|parsed| parsed.lines.len()))
                        }
                    }}
                </button>
            </div>
            <NoticeBanner notice=status />
            <RejectedList rejected />
        </form>
    }
}

/// Sends the lines in as few requests as the server's limit allows.
async fn add_all(lines: &[PastedLine]) -> Result<Vec<AddToCartResult>, crate::api::ApiError> {
    let mut results = Vec::new();
    for chunk in lines.chunks(LINES_PER_REQUEST) {
        let wanted: Vec<(String, u32)> = chunk
            .iter()
            .map(|line| (line.sku.clone(), line.quantity))
            .collect();
        results.push(add_to_cart(&wanted).await?);
    }
    Ok(results)
}

/// The pasted texts of the refused lines (each refused SKU once per pasted line).
fn refused_texts(lines: &[PastedLine], refused: &[RejectedLine]) -> Vec<String> {
    lines
        .iter()
        .filter(|line| {
            refused
                .iter()
                .any(|refused| refused.sku.eq_ignore_ascii_case(&line.sku))
        })
        .map(|line| line.text.clone())
        .collect()
}
