//! What the paged lists share (catalog, orders, the queue, invoices): where a list's
//! loading stands, and the "Load more" button with its own error, so a failed next
//! page keeps the rows already shown.

use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::{Texts, use_i18n};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    /// The first page of a new filter is on its way.
    Loading,
    Ready,
    LoadingMore,
    Failed(ApiError),
    /// "Load more" failed; the rows already shown stay.
    MoreFailed(ApiError),
}

/// The button's words: "Load more" and "Loading…", from the list's own texts.
pub type LoadMoreTexts = fn(&Texts) -> (&'static str, &'static str);

/// "Load more" while the server has more and the first page is on screen.
#[component]
pub fn LoadMore(
    status: RwSignal<ListStatus>,
    has_next_page: RwSignal<bool>,
    on_load: Callback<()>,
    texts: LoadMoreTexts,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let status = status.get();
        let visible = has_next_page.get()
            && matches!(
                status,
                ListStatus::Ready | ListStatus::LoadingMore | ListStatus::MoreFailed(_)
            );
        visible.then(|| {
            let loading = status == ListStatus::LoadingMore;
            let failure = match status {
                ListStatus::MoreFailed(error) => Some(error),
                _ => None,
            };
            view! {
                <div class="load-more">
                    {failure.map(|error| view! {
                        <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
                    })}
                    <button
                        type="button"
                        class="button"
                        data-testid="load-more"
                        aria-busy=if loading { "true" } else { "false" }
                        disabled=loading
                        on:click=move |_| on_load.run(())
                    >
                        {move || {
                            let (load, loading_text) = texts(i18n.t());
                            if loading { loading_text } else { load }
                        }}
                    </button>
                </div>
            }
        })
    }
}
