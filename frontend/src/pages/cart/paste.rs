//! "Paste from Excel" in the cart: one `addToCart` for all the pasted lines. Lines that
//! were not added stay in the box, with the reasons listed, so they can be fixed and
//! added again.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::cart::{AddToCartResult, RejectedLine, add_to_cart};
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::sku_lines::paste_box::PasteBox;
use crate::components::sku_lines::paste_parse::{Parsed, PastedLine};
use crate::pages::cart::model::CartModel;
use crate::pages::cart::rejected::{RejectedList, added_notice};

/// The server's limit of lines per request.
const LINES_PER_REQUEST: usize = 500;

#[component]
pub fn PasteOrder(model: CartModel) -> impl IntoView {
    let text = RwSignal::new(String::new());
    let adding = RwSignal::new(false);
    let status = RwSignal::new(None::<Notice>);
    let rejected = RwSignal::new(Vec::<RejectedLine>::new());

    let add = move |Parsed { lines, unreadable }: Parsed| {
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

    view! {
        <PasteBox
            text
            busy=adding
            add_label=|t, count| (t.cart.paste_add)(count)
            on_add=Callback::new(add)
        >
            <NoticeBanner notice=status />
            <RejectedList rejected />
        </PasteBox>
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
