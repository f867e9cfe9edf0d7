//! What an addition to the cart did: how many lines went in, and the lines the server
//! refused with their reasons in words.

use leptos::prelude::*;

use crate::api::cart::RejectedLine;
use crate::components::notice::Notice;
use crate::i18n::use_i18n;

/// "Added N lines to the cart", or nothing when none went in.
pub fn added_notice(added: usize) -> Option<Notice> {
    (added > 0).then(|| Notice::DoneWith(|t, count| (t.cart.lines_added)(count), added.to_string()))
}

/// The refused lines with their reasons, read out when they appear.
#[component]
pub fn RejectedList(rejected: RwSignal<Vec<RejectedLine>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lines = rejected.get();
        (!lines.is_empty()).then(|| {
            let t = &i18n.t().cart;
            view! {
                <div class="notice error rejected" role="alert" data-testid="rejected-lines">
                    <p>{(t.not_added)(lines.len())}</p>
                    <ul>
                        {lines
                            .into_iter()
                            .map(|line| {
                                let reason = i18n.t().cart.reject_reason(line.kind());
                                let sku = line.sku.clone();
                                view! {
                                    <li data-testid="rejected-line" data-sku=sku>
                                        <bdi dir="ltr">{line.sku}</bdi>
                                        ": "
                                        {reason}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
