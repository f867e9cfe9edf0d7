//! The quick-order table: rows of SKU and quantity for people who know their codes.
//! Keyboard first: type a SKU, Enter goes to its quantity, Enter again to the next row
//! (a new one is appended at the end), Ctrl+Enter submits. What submitting does is the
//! page's: the cart adds the rows to the cart, staff order entry places an order.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::cart::products_by_sku;
use crate::components::sku_lines::paste_parse::PastedLine;
use crate::components::sku_lines::row::QuickRow;
use crate::components::sku_lines::row_view::{QuickRowView, RowProblem};
use crate::i18n::{Texts, tr};

/// The rows of a quick-order table, in the order shown.
#[derive(Clone, Copy)]
pub struct QuickRows {
    pub rows: RwSignal<Vec<QuickRow>>,
    next_key: StoredValue<u64>,
}

impl QuickRows {
    /// A table with `count` empty rows.
    pub fn new(count: u64) -> QuickRows {
        QuickRows {
            rows: RwSignal::new((0..count).map(QuickRow::new).collect()),
            next_key: StoredValue::new(count),
        }
    }

    fn take_key(self) -> u64 {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        key
    }

    /// Adds an empty row at the end.
    pub fn append(self) -> QuickRow {
        let row = QuickRow::new(self.take_key());
        self.rows.update(|rows| rows.push(row));
        row
    }

    /// Puts the caret in the row's SKU once it is on the screen.
    pub fn focus_later(row: QuickRow) {
        request_animation_frame(move || {
            if let Some(input) = row.sku_input.get_untracked() {
                let _ = input.focus();
            }
        });
    }

    /// Focuses the first row, appending one when there is none.
    pub fn focus_first(self) {
        let first = self.rows.with_untracked(|rows| rows.first().copied());
        QuickRows::focus_later(first.unwrap_or_else(|| self.append()));
    }

    /// The rows with a SKU typed in.
    pub fn filled(self) -> Vec<QuickRow> {
        self.rows
            .with_untracked(|rows| rows.iter().copied().filter(|row| !row.is_blank()).collect())
    }

    /// Keeps the blank rows and those with a key in `kept`.
    pub fn retain_blank_and(self, kept: &[u64]) {
        self.rows
            .update(|rows| rows.retain(|row| row.is_blank() || kept.contains(&row.key)));
    }

    /// Puts pasted lines into the table, in place of its blank rows, and looks their
    /// products up in one request.
    pub fn add_pasted(self, lines: &[PastedLine]) {
        let pasted: Vec<(QuickRow, Option<u64>)> = lines
            .iter()
            .map(|line| QuickRow::pasted(self.take_key(), &line.sku, line.quantity))
            .collect();
        let blank = QuickRow::new(self.take_key());
        self.rows.update(|rows| {
            rows.retain(|row| !row.is_blank());
            rows.extend(pasted.iter().map(|(row, _)| *row));
            rows.push(blank);
        });
        let lookups: Vec<(QuickRow, u64, String)> = pasted
            .into_iter()
            .filter_map(|(row, generation)| {
                generation.map(|generation| (row, generation, row.sku.get_untracked()))
            })
            .collect();
        if lookups.is_empty() {
            return;
        }
        spawn_local(async move {
            let skus: Vec<String> = lookups.iter().map(|(_, _, sku)| sku.clone()).collect();
            let found = products_by_sku(&skus).await;
            for (row, generation, sku) in lookups {
                let result = match &found {
                    Ok(products) => Ok(products.get(&sku).cloned()),
                    Err(error) => Err(error.clone()),
                };
                row.settle(generation, result);
            }
        });
    }

    fn on_next(self, key: u64) {
        let next = self.rows.with_untracked(|rows| {
            rows.iter()
                .position(|row| row.key == key)
                .and_then(|index| rows.get(index + 1).copied())
        });
        QuickRows::focus_later(next.unwrap_or_else(|| self.append()));
    }

    fn on_remove(self, key: u64) {
        self.rows.update(|rows| rows.retain(|row| row.key != key));
        if self.rows.with_untracked(Vec::is_empty) {
            QuickRows::focus_later(self.append());
        }
    }

    fn number_of(self, key: u64) -> Signal<usize> {
        Signal::derive(move || {
            self.rows.with(|rows| {
                rows.iter()
                    .position(|row| row.key == key)
                    .map_or(0, |index| index + 1)
            })
        })
    }
}

/// The table, its keyboard help and an "Add a row" button, followed by the page's own
/// actions (`children`), if it has them there.
#[component]
pub fn QuickTable(
    rows: QuickRows,
    problem: RowProblem,
    /// The price column's name: the buyer's unit price, or the base price for staff.
    price_label: fn(&Texts) -> &'static str,
    /// How to use the table, ending with what Ctrl+Enter does on this page.
    help: fn(&Texts) -> &'static str,
    /// The table's accessible name.
    label: fn(&Texts) -> &'static str,
    on_submit: Callback<()>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let on_next = move |key: u64| rows.on_next(key);
    let on_remove = move |key: u64| rows.on_remove(key);
    view! {
        <div
            class="quick-order"
            data-testid="quick-order"
            on:keydown=move |event| {
                if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                    event.prevent_default();
                    on_submit.run(());
                }
            }
        >
            <p class="hint" id="quick-help">{tr(help)}</p>
            <div class="table-scroll" role="region" aria-label=tr(label) tabindex="-1">
                <table class="data-table quick-table" aria-describedby="quick-help">
                    <thead>
                        <tr>
                            <th scope="col">{tr(|t| t.catalog.sku)}</th>
                            <th scope="col">{tr(|t| t.catalog.product)}</th>
                            <th scope="col" class="cell-number">{tr(price_label)}</th>
                            <th scope="col">{tr(|t| t.catalog.availability)}</th>
                            <th scope="col">{tr(|t| t.catalog.quantity)}</th>
                            <th scope="col"><span class="visually-hidden">{tr(|t| t.cart.actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.rows.get() key=|row| row.key let:row>
                            <QuickRowView
                                row
                                number=rows.number_of(row.key)
                                problem
                                price_label
                                on_next
                                on_remove
                            />
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="actions">
                <button
                    type="button"
                    class="button"
                    data-testid="quick-add-row"
                    on:click=move |_| QuickRows::focus_later(rows.append())
                >
                    {tr(|t| t.cart.add_row)}
                </button>
                {children.map(|children| children())}
            </div>
        </div>
    }
}
