//! Payments from the ERP's CSV export: pick the file (or paste it), "Check" it (a dry
//! run: rows, total, every bad row by its line), then "Record N payments" after a
//! confirmation. The server records every payment of the file or, when one row is
//! bad, none.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::payments::{PaymentImportReport, import_payments_csv};
use crate::components::catalog::price::MoneyText;
use crate::components::files;
use crate::components::import_errors::ImportErrors;
use crate::components::staff::Confirm;
use crate::i18n::{tr, use_i18n};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Running {
    Reading,
    Checking,
    Recording,
}

#[component]
pub fn ImportPayments() -> impl IntoView {
    let i18n = use_i18n();
    let csv = RwSignal::new(String::new());
    // The report of the text now in the box; a change to the text clears it.
    let report = RwSignal::new(None::<PaymentImportReport>);
    let running = RwSignal::new(None::<Running>);
    let failure = RwSignal::new(None::<ApiError>);
    let unreadable = RwSignal::new(false);
    let confirming = RwSignal::new(false);

    let set_text = move |text: String| {
        csv.set(text);
        report.set(None);
        failure.set(None);
        unreadable.set(false);
        confirming.set(false);
    };
    let pick = move |event: leptos::ev::Event| {
        let Some(file) = files::picked_file(&event) else {
            return;
        };
        running.set(Some(Running::Reading));
        spawn_local(async move {
            let text = files::read_text(&file).await;
            running.try_set(None);
            match text {
                Some(text) => set_text(text),
                None => {
                    set_text(String::new());
                    unreadable.try_set(true);
                }
            }
        });
    };
    let run = move |dry_run: bool| {
        let text = csv.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        running.set(Some(if dry_run {
            Running::Checking
        } else {
            Running::Recording
        }));
        failure.set(None);
        confirming.set(false);
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

    let busy = move || running.get().is_some();
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
    let progress = move || {
        running.get().map(|what| {
            let t = i18n.t();
            let label = match what {
                Running::Reading => t.app.loading,
                Running::Checking => t.staff_import.checking,
                Running::Recording => t.payments.recording,
            };
            view! {
                <div class="progress" role="status">
                    <progress aria-label=label></progress>
                    <span>{label}</span>
                </div>
            }
        })
    };

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
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    data-testid="payments-check"
                    disabled=move || busy() || csv.with(|text| text.trim().is_empty())
                    on:click=move |_| run(true)
                >
                    {tr(|t| t.staff_import.check)}
                </button>
                <button
                    type="button"
                    class="button primary"
                    data-testid="payments-apply"
                    aria-describedby="payments-apply-hint"
                    disabled=move || busy() || ready_rows().is_none()
                    on:click=move |_| confirming.set(true)
                >
                    {move || (i18n.t().payments.record_rows)(ready_rows().unwrap_or(0))}
                </button>
            </div>
            <p class="hint" id="payments-apply-hint">{tr(|t| t.payments.apply_hint)}</p>
            {move || confirming.get().then(|| view! {
                <Confirm
                    question=confirm_question
                    on_confirm=Callback::new(move |()| run(false))
                    on_cancel=Callback::new(move |()| confirming.set(false))
                />
            })}
            {progress}
            {move || failure.get().map(|error| view! {
                <p class="form-error" role="alert">{i18n.t().errors.message(&error)}</p>
            })}
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
