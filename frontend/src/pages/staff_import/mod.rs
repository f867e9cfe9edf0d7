//! Catalog CSV: pick a file, "Check" it (a dry run that lists every bad row with its
//! line), then "Apply" it after a confirmation, which is possible only when the check
//! found no error. "Export CSV" downloads the whole catalog in the same format.

mod report;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::catalog_admin::{ImportReport, export_catalog_csv, import_catalog_csv};
use crate::components::files;
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::staff::{Confirm, StaffOnly, StaffTabs};
use crate::i18n::{tr, use_i18n};
use report::ImportReportView;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Running {
    Reading,
    Checking,
    Applying,
    Exporting,
}

#[component]
pub fn StaffImportPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <StaffImport />
        </StaffOnly>
    }
}

#[component]
fn StaffImport() -> impl IntoView {
    let i18n = use_i18n();
    let csv = RwSignal::new(None::<String>);
    // The report of the file now picked; a new file clears it.
    let report = RwSignal::new(None::<ImportReport>);
    let running = RwSignal::new(None::<Running>);
    let error = RwSignal::new(None::<ApiError>);
    let unreadable = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);

    let pick = move |event: leptos::ev::Event| {
        csv.set(None);
        report.set(None);
        error.set(None);
        unreadable.set(false);
        confirming.set(false);
        notice.set(None);
        let Some(file) = files::picked_file(&event) else {
            return;
        };
        running.set(Some(Running::Reading));
        spawn_local(async move {
            let text = files::read_text(&file).await;
            running.try_set(None);
            match text {
                Some(text) => {
                    csv.try_set(Some(text));
                }
                None => {
                    unreadable.try_set(true);
                }
            }
        });
    };

    let run = move |dry_run: bool| {
        let Some(text) = csv.get_untracked() else {
            return;
        };
        running.set(Some(if dry_run {
            Running::Checking
        } else {
            Running::Applying
        }));
        error.set(None);
        confirming.set(false);
        notice.set(None);
        spawn_local(async move {
            let result = import_catalog_csv(&text, dry_run).await;
            running.try_set(None);
            match result {
                // An applied file's report says so itself.
                Ok(answer) => {
                    report.try_set(Some(answer));
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    let export = move |_| {
        running.set(Some(Running::Exporting));
        error.set(None);
        notice.set(None);
        spawn_local(async move {
            let result = export_catalog_csv().await;
            running.try_set(None);
            match result {
                Ok(text) => {
                    if files::download(&text, "catalog.csv", "text/csv;charset=utf-8").is_ok() {
                        notice.try_set(Some(Notice::Done(|t| t.staff_import.exported.to_owned())));
                    }
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    let busy = move || running.get().is_some();
    let can_apply = move || {
        !busy()
            && report.with(|report| {
                report.as_ref().is_some_and(|report| {
                    report.error_count == 0 && !report.applied && report.rows > 0
                })
            })
    };
    let progress = move || {
        running.get().map(|what| {
            let t = &i18n.t().staff_import;
            let label = match what {
                Running::Reading => i18n.t().app.loading,
                Running::Checking => t.checking,
                Running::Applying => t.applying,
                Running::Exporting => t.exporting,
            };
            view! {
                <div class="progress" role="status" data-testid="import-progress">
                    <progress aria-label=label></progress>
                    <span>{label}</span>
                </div>
            }
        })
    };
    let confirm_question = Signal::derive(move || {
        let rows = report.with(|report| report.as_ref().map_or(0, |report| report.rows));
        (i18n.t().staff_import.confirm_apply)(rows)
    });

    view! {
        <section class="page" data-testid="staff-import-page">
            <header class="page-header">
                <h1>{tr(|t| t.staff_import.title)}</h1>
                <p class="lead">{tr(|t| t.staff_import.intro)}</p>
            </header>
            <StaffTabs />
            <NoticeBanner notice />
            <div class="card form-card">
                <div class="field">
                    <label for="import-file">{tr(|t| t.staff_import.file_label)}</label>
                    <input
                        id="import-file"
                        type="file"
                        accept=".csv,text/csv"
                        data-testid="import-file"
                        aria-describedby="import-columns"
                        on:change=pick
                    />
                    <p class="hint" id="import-columns" dir="auto">
                        {tr(|t| t.staff_import.columns_hint)}
                    </p>
                </div>
                {move || unreadable.get().then(|| view! {
                    <p class="form-error" role="alert">{i18n.t().staff_import.unreadable_file}</p>
                })}
                <div class="actions">
                    <button
                        type="button"
                        class="button"
                        data-testid="import-check"
                        disabled=move || busy() || csv.with(Option::is_none)
                        on:click=move |_| run(true)
                    >
                        {tr(|t| t.staff_import.check)}
                    </button>
                    <button
                        type="button"
                        class="button primary"
                        data-testid="import-apply"
                        disabled=move || !can_apply()
                        aria-describedby="apply-hint"
                        on:click=move |_| confirming.set(true)
                    >
                        {tr(|t| t.staff_import.apply)}
                    </button>
                    <button
                        type="button"
                        class="button ghost export-button"
                        data-testid="export-csv"
                        disabled=busy
                        on:click=export
                    >
                        {tr(|t| t.staff_import.export)}
                    </button>
                </div>
                <p class="hint" id="apply-hint">{tr(|t| t.staff_import.apply_disabled_hint)}</p>
                {move || confirming.get().then(|| view! {
                    <Confirm
                        question=confirm_question
                        on_confirm=Callback::new(move |()| run(false))
                        on_cancel=Callback::new(move |()| confirming.set(false))
                    />
                })}
                {progress}
                {move || error.get().map(|failure| view! {
                    <p class="form-error" role="alert">{i18n.t().errors.message(&failure)}</p>
                })}
            </div>
            {move || report.get().map(|report| view! { <ImportReportView report /> })}
        </section>
    }
}
