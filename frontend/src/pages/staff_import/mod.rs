//! Catalog CSV: pick a file, "Check" it (a dry run that lists every bad row with its
//! line), then "Apply" it after a confirmation, which is possible only when the check
//! found no error. "Export CSV" downloads the whole catalog in the same format.

mod report;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::catalog_admin::{ImportReport, export_catalog_csv, import_catalog_csv};
use crate::components::csv_import::CheckThenApply;
use crate::components::files;
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::staff::{StaffOnly, StaffTabs};
use crate::i18n::{Text, tr, use_i18n};
use report::ImportReportView;

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
    // What runs now, in words.
    let running = RwSignal::new(None::<Text>);
    let error = RwSignal::new(None::<ApiError>);
    let unreadable = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);

    let pick = move |event: leptos::ev::Event| {
        csv.set(None);
        report.set(None);
        error.set(None);
        unreadable.set(false);
        notice.set(None);
        let picked = files::read_picked(&event, move |text| {
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
        if picked {
            running.set(Some(|t| t.app.loading));
        }
    };

    let run = move |dry_run: bool| {
        let Some(text) = csv.get_untracked() else {
            return;
        };
        running.set(Some(if dry_run {
            |t| t.staff_import.checking
        } else {
            |t| t.staff_import.applying
        }));
        error.set(None);
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
        running.set(Some(|t| t.staff_import.exporting));
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
    let can_apply = Signal::derive(move || {
        report.with(|report| {
            report
                .as_ref()
                .is_some_and(|report| report.error_count == 0 && !report.applied && report.rows > 0)
        })
    });
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
                <CheckThenApply
                    running
                    can_check=Signal::derive(move || csv.with(Option::is_some))
                    can_apply
                    apply_label=Signal::derive(move || i18n.t().staff_import.apply.to_owned())
                    apply_hint=|t| t.staff_import.apply_disabled_hint
                    confirm_question
                    failure=error
                    on_run=Callback::new(run)
                >
                    <button
                        type="button"
                        class="button ghost export-button"
                        data-testid="export-csv"
                        disabled=busy
                        on:click=export
                    >
                        {tr(|t| t.staff_import.export)}
                    </button>
                </CheckThenApply>
            </div>
            {move || report.get().map(|report| view! { <ImportReportView report /> })}
        </section>
    }
}
