//! The lines of an order as a table that keeps its columns on a phone and scrolls
//! sideways in its own box.

use leptos::prelude::*;

use crate::api::orders::OrderLine;
use crate::components::catalog::price::MoneyText;
use crate::i18n::{Lang, use_i18n};

/// A line's product name in the language of the page.
pub fn line_name(line: &OrderLine, lang: Lang) -> String {
    lang.choose(&line.name_he, &line.name_en).to_owned()
}

#[component]
pub fn OrderLines(lines: Vec<OrderLine>) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = &i18n.t().orders;
        view! {
            <tr>
                <th scope="col">{t.col_sku}</th>
                <th scope="col">{t.col_product}</th>
                <th scope="col" class="cell-end">{t.col_quantity}</th>
                <th scope="col" class="cell-end">{t.col_unit_price}</th>
                <th scope="col" class="cell-end">{t.col_line_total}</th>
            </tr>
        }
    };
    let rows = move || {
        let lang = i18n.lang();
        lines
            .iter()
            .map(|line| {
                view! {
                    <tr data-testid="order-line" data-sku=line.sku.clone()>
                        <td class="cell-sku"><bdi dir="ltr">{line.sku.clone()}</bdi></td>
                        <td>{line_name(line, lang)}</td>
                        <td class="cell-number cell-end">{line.quantity}</td>
                        <td class="cell-number cell-end"><MoneyText amount=line.unit_price /></td>
                        <td class="cell-number cell-end"><MoneyText amount=line.line_total /></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="lines-scroll" role="region" aria-label=move || i18n.t().orders.lines_heading tabindex="0">
            <table class="lines-table" data-testid="order-lines">
                <thead>{header}</thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
