//! The audit entries; on a phone the shared `.data-table` rules turn each row into a
//! card. Before and after are shown field by field.

use leptos::prelude::*;

use crate::api::audit::{AuditChange, AuditEntry};
use crate::components::orders::format::date_time;
use crate::i18n::{AuditTexts, use_i18n};

#[component]
pub fn AuditTable(entries: RwSignal<Vec<AuditEntry>>) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = &i18n.t().audit;
        view! {
            <tr>
                <th scope="col">{t.column_time}</th>
                <th scope="col">{t.column_action}</th>
                <th scope="col">{t.column_actor}</th>
                <th scope="col">{t.column_target}</th>
                <th scope="col">{t.column_ip}</th>
                <th scope="col">{t.column_changes}</th>
            </tr>
        }
    };
    view! {
        <div class="table-scroll">
            <table class="data-table audit-table" data-testid="audit-table">
                <thead>{header}</thead>
                <tbody>
                    <For each=move || entries.get() key=|entry| entry.id.clone() let(entry)>
                        <AuditRow entry />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn AuditRow(entry: AuditEntry) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |field: fn(&AuditTexts) -> &'static str| move || field(&i18n.t().audit);
    let action = entry.action.clone();
    let target = match (entry.target_type, entry.target_id) {
        (Some(kind), Some(id)) => format!("{kind} {id}"),
        (Some(kind), None) => kind,
        _ => String::new(),
    };
    let actor = entry.actor_email.clone();
    view! {
        <tr data-testid="audit-row" data-action=entry.action.clone()>
            <td data-label=label(|t| t.column_time) class="cell-number">{date_time(&entry.at)}</td>
            <td data-label=label(|t| t.column_action) class="cell-strong">
                {move || (i18n.t().audit.action_name)(&action)}
            </td>
            <td data-label=label(|t| t.column_actor)>
                {match actor {
                    Some(email) => view! { <bdi dir="ltr">{email}</bdi> }.into_any(),
                    None => view! { <span class="muted">{label(|t| t.nobody)}</span> }.into_any(),
                }}
            </td>
            <td data-label=label(|t| t.column_target)><bdi dir="ltr">{target}</bdi></td>
            <td data-label=label(|t| t.column_ip)><bdi dir="ltr">{entry.ip.unwrap_or_default()}</bdi></td>
            <td data-label=label(|t| t.column_changes)>
                <Changes changes=entry.changes />
            </td>
        </tr>
    }
}

/// Each changed field with its value before and after.
#[component]
fn Changes(changes: Vec<AuditChange>) -> impl IntoView {
    let i18n = use_i18n();
    (!changes.is_empty()).then(|| {
        view! {
            <dl class="audit-changes">
                {changes
                    .into_iter()
                    .map(|change| {
                        let unchanged = change.before.is_none();
                        view! {
                            <div class="audit-change">
                                <dt dir="ltr">{change.field}</dt>
                                <dd>
                                    {(!unchanged).then(|| view! {
                                        <span class="audit-before">
                                            <span class="visually-hidden">{move || i18n.t().audit.before}": "</span>
                                            <del dir="ltr">{change.before.clone().unwrap_or_default()}</del>
                                        </span>
                                        <span aria-hidden="true">" → "</span>
                                    })}
                                    <span class="audit-after">
                                        <span class="visually-hidden">{move || i18n.t().audit.after}": "</span>
                                        <ins dir="ltr">{change.after.clone().unwrap_or_else(|| "—".to_owned())}</ins>
                                    </span>
                                </dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        }
    })
}
