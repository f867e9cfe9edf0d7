//! The open invoices, oldest due date first; overdue rows highlighted.

use leptos::prelude::*;

use crate::api::documents::OpenItem;
use crate::components::catalog::price::MoneyText;
use crate::components::documents::day;
use crate::i18n::{DocumentsTexts, tr, use_i18n};

#[component]
pub fn OpenItems(items: Vec<OpenItem>) -> impl IntoView {
    let i18n = use_i18n();
    let label =
        move |field: fn(&DocumentsTexts) -> &'static str| move || field(&i18n.t().documents);
    let body = if items.is_empty() {
        view! { <p class="empty-state">{tr(|t| t.documents.open_items_empty)}</p> }.into_any()
    } else {
        let rows = items
            .into_iter()
            .map(|item| {
                let days = item.days_overdue;
                let state = move || {
                    let t = &i18n.t().documents;
                    if days > 0 {
                        (t.days_overdue)(days)
                    } else {
                        t.not_due.to_owned()
                    }
                };
                view! {
                    <tr class:overdue=item.overdue data-testid="open-item"
                        data-overdue=item.overdue.to_string()>
                        <td data-label=label(|t| t.col_number) class="cell-strong">
                            <bdi dir="ltr">{item.number}</bdi>
                        </td>
                        <td data-label=label(|t| t.col_issued) class="cell-number">
                            {day(&item.issue_date)}
                        </td>
                        <td data-label=label(|t| t.col_due) class="cell-number">
                            {day(&item.due_date)}
                        </td>
                        <td data-label=label(|t| t.col_total) class="cell-number">
                            <MoneyText amount=item.total />
                        </td>
                        <td data-label=label(|t| t.col_open) class="cell-number cell-strong">
                            <MoneyText amount=item.open />
                        </td>
                        <td data-label=label(|t| t.overdue)>{state}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table open-items-table" data-testid="open-items">
                    <thead>
                        <tr>
                            <th scope="col">{label(|t| t.col_number)}</th>
                            <th scope="col">{label(|t| t.col_issued)}</th>
                            <th scope="col">{label(|t| t.col_due)}</th>
                            <th scope="col">{label(|t| t.col_total)}</th>
                            <th scope="col">{label(|t| t.col_open)}</th>
                            <th scope="col">{label(|t| t.overdue)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="documents-section">
            <h2>{tr(|t| t.documents.open_items_title)}</h2>
            <div class="card table-card">{body}</div>
        </section>
    }
}
