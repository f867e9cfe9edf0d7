//! The statement of the chosen range: opening balance, one row per entry with the
//! running balance, closing balance. It keeps its table form on a phone, inside its own
//! scroll container.

use leptos::prelude::*;

use crate::api::documents::Ledger;
use crate::components::catalog::price::MoneyText;
use crate::components::documents::day;
use crate::i18n::{DocumentsTexts, tr, use_i18n};

#[component]
pub fn Statement(ledger: Ledger) -> impl IntoView {
    let i18n = use_i18n();
    let text = move |field: fn(&DocumentsTexts) -> &'static str| move || field(&i18n.t().documents);
    if ledger.entries.is_empty() {
        return view! {
            <div class="card empty-card" data-testid="statement-empty">
                <p class="empty-state">{tr(|t| t.documents.statement_empty)}</p>
            </div>
        }
        .into_any();
    }
    let rows = ledger
        .entries
        .into_iter()
        .map(|entry| {
            let kind = entry.kind;
            let amount = |value: shared::Money| {
                (!value.amount().is_zero()).then(|| view! { <MoneyText amount=value /> })
            };
            view! {
                <tr data-testid="statement-row">
                    <td class="cell-number">{day(&entry.date)}</td>
                    <td>{move || (i18n.t().documents.kind)(kind)}</td>
                    <td><bdi dir="ltr">{entry.reference}</bdi></td>
                    <td class="cell-number">{amount(entry.debit)}</td>
                    <td class="cell-number">{amount(entry.credit)}</td>
                    <td class="cell-number cell-strong"><MoneyText amount=entry.balance /></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="card table-card">
            // On a phone the table is wider than the screen and scrolls in its own frame:
            // a focusable, named region, so keyboard users can scroll it too.
            <div
                class="table-scroll statement-scroll"
                tabindex="0"
                role="region"
                aria-label=text(|t| t.statement_title)
            >
                <table class="statement-table" data-testid="statement">
                    <thead>
                        <tr>
                            <th scope="col">{text(|t| t.col_date)}</th>
                            <th scope="col">{text(|t| t.col_kind)}</th>
                            <th scope="col">{text(|t| t.col_reference)}</th>
                            <th scope="col">{text(|t| t.col_debit)}</th>
                            <th scope="col">{text(|t| t.col_credit)}</th>
                            <th scope="col">{text(|t| t.col_balance)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <tr class="statement-total">
                            <td colspan="5">{text(|t| t.opening_balance)}</td>
                            <td class="cell-number"><MoneyText amount=ledger.opening_balance /></td>
                        </tr>
                        {rows}
                        <tr class="statement-total">
                            <td colspan="5">{text(|t| t.closing_balance)}</td>
                            <td class="cell-number" data-testid="closing-balance">
                                <MoneyText amount=ledger.closing_balance />
                            </td>
                        </tr>
                    </tbody>
                </table>
            </div>
        </div>
    }
    .into_any()
}
