//! Payments from the ERP's CSV export: pick the file (or paste it), "Check" it (a dry
//! run: rows, total, every bad row by its line), then "Record N payments" after a
//! confirmation. The server records every payment of the file or, when one row is
//! bad, none.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::payments::{PaymentImportReport, import_payments_csv};
use crate::components::catalog::price::MoneyText;
use crate::components::csv_import::CheckThenApply;
use crate::components::files;
use crate::components::import_errors::ImportErrors;
use crate::i18n::{Text, tr, use_i18n};

#[component]
pub fn ImportPayments() -> impl IntoView {
    let i18n = use_i18n();
    let csv = RwSignal::new(String::new());
    // The report of the text now in the box; a change to the text clears it.
    let report = RwSignal::new(None::<PaymentImportReport>);
    // What runs now, in words.
    let running = RwSignal::new(None::<Text>);
    let failure = RwSignal::new(None::<ApiError>);
    let unreadable = RwSignal::new(false);

    let set_text = move |text: String| {
        csv.set(text);
        report.set(None);
        failure.set(None);
        unreadable.set(false);
    };
    // A picked file goes into the box, where it can be read before it is checked.
    let pick = move |event: leptos::ev::Event| {
        let picked = files::read_picked(&event, move |text| {
            running.try_set(None);
            unreadable.try_set(text.is_none());
            csv.try_set(text.unwrap_or_default());
            report.try_set(None);
            failure.try_set(None);
        });
        if picked {
            running.set(Some(|t| t.app.loading));
        }
    };
    let run = move |dry_run: bool| {
        let text = csv.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        running.set(Some(if dry_run {
            |t| t.staff_import.checking
        } else {
            |t| t.payments.recording
        }));
        failure.set(None);
        spawn_local(async move {
            let result = import_payments_csv(&text, dry_run).await;
            running.try_set(None);
            match result {
                Ok(answer) => {
                    report.try_set(Some(answer));
                }
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
        });
    };

    // The rows a check found ready to record (none after they were recorded).
    let ready_rows = move || {
        report.with(|report| {
            report
                .as_ref()
                .filter(|report| report.error_count == 0 && !report.applied && report.rows > 0)
                .map(|report| report.rows)
        })
    };
    let confirm_question = Signal::derive(move || {
        report.with(|report| {
            report.as_ref().map_or_else(String::new, |report| {
                (i18n.t().payments.confirm_import)(report.rows, &report.total.format_ils())
            })
        })
    });

    view! {
        <section class="card form-card" aria-labelledby="payments-import-title" data-testid="payments-import">
            <h2 id="payments-import-title">{tr(|t| t.payments.import_title)}</h2>
            <p class="hint">
                {tr(|t| t.payments.import_intro)} " "
                <a href="#payments-csv-format">{tr(|t| t.payments.format_link)}</a>
            </p>
            <div class="field">
                <label for="payments-file">{tr(|t| t.payments.file_label)}</label>
                <input
                    id="payments-file"
                    type="file"
                    accept=".csv,text/csv,text/plain"
                    data-testid="payments-file"
                    on:change=pick
                />
            </div>
            {move || unreadable.get().then(|| view! {
                <p class="form-error" role="alert">{i18n.t().staff_import.unreadable_file}</p>
            })}
            <div class="field">
                <label for="payments-csv">{tr(|t| t.payments.paste_label)}</label>
                <textarea
                    id="payments-csv"
                    class="csv-text"
                    rows="6"
                    dir="ltr"
                    spellcheck="false"
                    autocomplete="off"
                    placeholder="company,date,amount,reference,note"
                    data-testid="payments-csv"
                    prop:value=move || csv.get()
                    on:input=move |event| set_text(event_target_value(&event))
                ></textarea>
            </div>
            <CheckThenApply
                running
                can_check=Signal::derive(move || csv.with(|text| !text.trim().is_empty()))
                can_apply=Signal::derive(move || ready_rows().is_some())
                apply_label=Signal::derive(move || {
                    let t = &i18n.t().payments;
                    ready_rows().map_or_else(|| t.record_file.to_owned(), t.record_rows)
                })
                apply_hint=|t| t.payments.apply_hint
                confirm_question
                failure
                on_run=Callback::new(run)
            />
            {move || report.get().map(|report| view! { <PaymentReport report /> })}
        </section>
    }
}

/// The answer to a check or an import.
#[component]
fn PaymentReport(report: PaymentImportReport) -> impl IntoView {
    let i18n = use_i18n();
    let PaymentImportReport {
        rows,
        total,
        error_count,
        errors,
        applied,
    } = report;
    let summary = move || {
        let t = &i18n.t().payments;
        if applied {
            view! {
                <p class="notice success" role="status" data-testid="payments-applied">
                    {(t.imported)(rows, &total.format_ils())}
                </p>
            }
            .into_any()
        } else if error_count == 0 {
            view! {
                <p class="notice success" role="status" data-testid="payments-ok">
                    {(t.import_ready)(rows)}
                </p>
            }
            .into_any()
        } else {
            view! {
                <p class="notice error" role="alert" data-testid="payments-has-errors">
                    {(t.import_has_errors)(error_count)}
                </p>
            }
            .into_any()
        }
    };
    view! {
        <div class="payments-report" data-testid="payments-report">
            {summary}
            <dl class="facts">
                <div>
                    <dt>{tr(|t| t.staff_import.rows)}</dt>
                    <dd data-testid="payments-rows"><bdi dir="ltr">{rows}</bdi></dd>
                </div>
                <div>
                    <dt>{tr(|t| t.payments.total)}</dt>
                    <dd data-testid="payments-total"><MoneyText amount=total /></dd>
                </div>
                <div>
                    <dt>{tr(|t| t.staff_import.errors)}</dt>
                    <dd data-testid="payments-errors"><bdi dir="ltr">{error_count}</bdi></dd>
                </div>
            </dl>
            <ImportErrors errors error_count />
        </div>
    }
}
