//! "Export CSV" for accounting: asks `exportUrl` for a signed link to the orders or
//! invoices of a date range (the page's filter, or the last 30 days) and opens it; the
//! server answers with a file download, so the page stays.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::integrations::export_url;
use crate::i18n::{tr, use_i18n};

/// How many days back an export reaches when the page has no date range.
const DEFAULT_DAYS: f64 = 30.0;

/// `YYYY-MM-DD` (UTC) `days_ago` days before now.
fn utc_day(days_ago: f64) -> String {
    let date = js_sys::Date::new(&(js_sys::Date::now() - days_ago * 86_400_000.0).into());
    let iso: String = date.to_iso_string().into();
    iso.chars().take(10).collect()
}

/// `kind` is `ORDERS` or `INVOICES`; `range` the page's `(from, to)`, empty for none.
#[component]
pub fn ExportCsv(
    kind: &'static str,
    #[prop(into)] range: Signal<(String, String)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<crate::api::ApiError>);
    let export = move |_| {
        if busy.get_untracked() {
            return;
        }
        let (from, to) = range.get_untracked();
        let (from, to) = if from.is_empty() && to.is_empty() {
            (utc_day(DEFAULT_DAYS), utc_day(0.0))
        } else {
            (from, to)
        };
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            match export_url(kind, &from, &to).await {
                Ok(url) => {
                    let _ = window().location().assign(&url);
                }
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
            busy.try_set(false);
        });
    };
    view! {
        <div class="export-csv">
            <button
                type="button"
                class="button"
                data-testid=format!("export-{}", kind.to_lowercase())
                title=tr(|t| t.integrations.export_hint)
                aria-busy=move || if busy.get() { "true" } else { "false" }
                disabled=move || busy.get()
                on:click=export
            >
                {move || {
                    let t = &i18n.t().integrations;
                    if busy.get() { t.exporting } else { t.export_csv }
                }}
            </button>
            {move || failure.get().map(|error| view! {
                <p class="hint hint-error" role="alert">{i18n.t().errors.message(&error)}</p>
            })}
        </div>
    }
}
