//! The CSV the import reads, described next to the import with an example to copy or
//! download: the columns of `ledger::payments` on the server.

use leptos::prelude::*;

use crate::components::files;
use crate::i18n::{Text, tr};

/// Two payments as an ERP exports them: VAT numbers of the demo's companies, an
/// Israeli and an ISO date.
const EXAMPLE: &str = "company,date,amount,reference,note\n\
    514000017,31/03/2026,12500.00,RC-10021,Bank transfer\n\
    515000025,2026-03-31,1800.50,RC-10022,\n";

#[component]
pub fn CsvFormat() -> impl IntoView {
    let column = |name: &'static str, text: Text| {
        view! {
            <div>
                <dt><code dir="ltr">{name}</code></dt>
                <dd>{tr(text)}</dd>
            </div>
        }
    };
    let download = move |_| {
        if files::download(EXAMPLE, "payments-example.csv", "text/csv;charset=utf-8").is_err() {
            leptos::logging::warn!("the example could not be offered as a download");
        }
    };
    view! {
        <section
            id="payments-csv-format"
            class="card csv-format"
            tabindex="-1"
            aria-labelledby="payments-csv-format-title"
            data-testid="payments-csv-format"
        >
            <h2 id="payments-csv-format-title">{tr(|t| t.payments.format_title)}</h2>
            <p>{tr(|t| t.payments.format_intro)}</p>
            <dl class="csv-columns">
                {column("company", |t| t.payments.column_company)}
                {column("date", |t| t.payments.column_date)}
                {column("amount", |t| t.payments.column_amount)}
                {column("reference", |t| t.payments.column_reference)}
                {column("note", |t| t.payments.column_note)}
            </dl>
            <p>{tr(|t| t.payments.format_rules)}</p>
            <h3 id="payments-csv-example">{tr(|t| t.payments.example_title)}</h3>
            <pre class="csv-example" dir="ltr" aria-labelledby="payments-csv-example" tabindex="0">{EXAMPLE}</pre>
            <div class="actions">
                <button type="button" class="button" on:click=download>
                    {tr(|t| t.payments.download_example)}
                </button>
            </div>
        </section>
    }
}
