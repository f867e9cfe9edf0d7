//! The answer to a check or an import: counts, and every bad row with its line.

use leptos::prelude::*;

use crate::api::catalog_admin::ImportReport;
use crate::components::import_errors::ImportErrors;
use crate::i18n::{tr, use_i18n};

#[component]
pub fn ImportReportView(report: ImportReport) -> impl IntoView {
    let i18n = use_i18n();
    let report = StoredValue::new(report);
    let count = move |label: fn(&crate::i18n::StaffImportTexts) -> &'static str,
                      value: u64,
                      id: &'static str| {
        view! {
            <div>
                <dt>{move || label(&i18n.t().staff_import)}</dt>
                <dd data-testid=id><bdi dir="ltr">{value}</bdi></dd>
            </div>
        }
    };
    let summary = move || {
        let t = &i18n.t().staff_import;
        report.with_value(|report| {
            if report.applied {
                view! {
                    <p class="notice success" role="status" data-testid="import-applied">
                        {(t.applied)(report.created, report.updated)}
                    </p>
                }
                .into_any()
            } else if report.error_count == 0 {
                view! {
                    <p class="notice success" role="status" data-testid="import-ok">{t.no_errors}</p>
                }
                .into_any()
            } else {
                view! {
                    <p class="notice error" role="alert" data-testid="import-has-errors">
                        {(t.has_errors)(report.error_count)}
                    </p>
                }
                .into_any()
            }
        })
    };
    let (rows, created, updated, stock_changes, error_count) = report.with_value(|report| {
        (
            report.rows,
            report.created,
            report.updated,
            report.stock_changes,
            report.error_count,
        )
    });
    view! {
        <section class="card" data-testid="import-report" aria-labelledby="import-report-title">
            <h2 id="import-report-title">{tr(|t| t.staff_import.report_title)}</h2>
            {summary}
            <dl class="facts">
                {count(|t| t.rows, rows, "report-rows")}
                {count(|t| t.created, created, "report-created")}
                {count(|t| t.updated, updated, "report-updated")}
                {count(|t| t.stock_changes, stock_changes, "report-stock-changes")}
                {count(|t| t.errors, error_count, "report-errors")}
            </dl>
            {report.with_value(|report| view! {
                <ImportErrors errors=report.errors.clone() error_count=report.error_count />
            })}
        </section>
    }
}
