//! A placeholder table shown while a list loads.

use leptos::prelude::*;

use crate::i18n::tr;

#[component]
pub fn TableSkeleton(rows: usize, columns: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <span class="visually-hidden">{tr(|t| t.app.loading)}</span>
            {(0..rows)
                .map(|_| {
                    view! {
                        <div class="skeleton-row" aria-hidden="true">
                            {(0..columns)
                                .map(|_| view! { <span class="skeleton-cell"></span> })
                                .collect_view()}
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}
