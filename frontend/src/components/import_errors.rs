//! The bad rows of a checked CSV file (catalog, payments): each with its line in the
//! file and the server's reason.

use leptos::prelude::*;

use crate::api::catalog_admin::ImportRowError;
use crate::i18n::use_i18n;

#[component]
pub fn ImportErrors(
    errors: Vec<ImportRowError>,
    /// All bad rows; the server lists only the first of them in `errors`.
    error_count: u64,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        (!errors.is_empty()).then(|| {
            let t = &i18n.t().staff_import;
            let shown = errors.len();
            let more = (error_count > shown as u64)
                .then(|| view! { <p class="hint">{(t.more_errors)(shown, error_count)}</p> });
            view! {
                <div class="table-scroll">
                    <table class="data-table" data-testid="import-errors">
                        <thead>
                            <tr>
                                <th scope="col">{t.line}</th>
                                <th scope="col">{t.message}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {errors
                                .iter()
                                .map(|error| view! {
                                    <tr>
                                        <td data-label=t.line class="cell-number"><bdi dir="ltr">{error.line}</bdi></td>
                                        <td data-label=t.message dir="auto">{error.message.clone()}</td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                {more}
            }
        })
    }
}
