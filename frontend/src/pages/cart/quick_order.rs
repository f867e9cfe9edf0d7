//! Quick order: a table of SKU and quantity rows for buyers who know their codes.
//! Keyboard first: type a SKU, Enter goes to its quantity, Enter again to the next row
//! (a new one is appended at the end), Ctrl+Enter or "Add all to cart" sends every row in
//! one `addToCart`. Rows that went in are cleared; refused rows stay with the reason.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::cart::add_to_cart;
use crate::components::notice::{Notice, NoticeBanner};
use crate::i18n::{tr, use_i18n};
use crate::pages::cart::model::CartModel;
use crate::pages::cart::quick_row::QuickRowView;
use crate::pages::cart::quick_state::QuickRow;
use crate::pages::cart::rejected::added_notice;

/// Rows shown at the start.
const FIRST_ROWS: u64 = 3;

#[component]
pub fn QuickOrder(model: CartModel) -> impl IntoView {
    let i18n = use_i18n();
    let rows = RwSignal::new((0..FIRST_ROWS).map(QuickRow::new).collect::<Vec<_>>());
    let next_key = StoredValue::new(FIRST_ROWS);
    let adding = RwSignal::new(false);
    let status = RwSignal::new(None::<Notice>);

    let append = move || {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let row = QuickRow::new(key);
        rows.update(|rows| rows.push(row));
        row
    };
    let focus_later = move |row: QuickRow| {
        request_animation_frame(move || {
            if let Some(input) = row.sku_input.get_untracked() {
                let _ = input.focus();
            }
        });
    };
    let on_next = move |key: u64| {
        let next = rows.with_untracked(|rows| {
            rows.iter()
                .position(|row| row.key == key)
                .and_then(|index| rows.get(index + 1).copied())
        });
        focus_later(next.unwrap_or_else(append));
    };
    let on_remove = move |key: u64| {
        rows.update(|rows| rows.retain(|row| row.key != key));
        if rows.with_untracked(Vec::is_empty) {
            focus_later(append());
        }
    };
    let number_of = move |key: u64| {
        Signal::derive(move || {
            rows.with(|rows| {
                rows.iter()
                    .position(|row| row.key == key)
                    .map_or(0, |i| i + 1)
            })
        })
    };

    let submit = move || {
        if adding.get_untracked() {
            return;
        }
        let filled: Vec<(QuickRow, String, Option<u32>)> = rows.with_untracked(|rows| {
            rows.iter()
                .filter(|row| !row.is_blank())
                .map(|row| {
                    let sku = row.sku.with_untracked(|sku| sku.trim().to_uppercase());
                    (*row, sku, row.wanted_quantity())
                })
                .collect()
        });
        // A row without a usable quantity is not sent: the server would refuse it anyway.
        let lines: Vec<(String, u32)> = filled
            .iter()
            .filter_map(|(_, sku, quantity)| quantity.map(|quantity| (sku.clone(), quantity)))
            .collect();
        if lines.is_empty() {
            status.set(Some(Notice::Done(|t| t.cart.quick_nothing.to_owned())));
            return;
        }
        adding.set(true);
        status.set(None);
        spawn_local(async move {
            let result = add_to_cart(&lines).await;
            adding.try_set(false);
            let added = match result {
                Ok(added) => added,
                Err(error) => {
                    status.try_set(Some(Notice::Failed(error)));
                    return;
                }
            };
            let submitted: Vec<String> = lines.iter().map(|(sku, _)| sku.clone()).collect();
            let refused = model.merge(added, &submitted);
            let mut kept = Vec::new();
            for (row, sku, quantity) in filled {
                let reason = refused
                    .iter()
                    .find(|line| line.sku.eq_ignore_ascii_case(&sku));
                match (reason, quantity) {
                    (Some(line), _) => {
                        row.refused.set(Some(line.kind()));
                        kept.push(row.key);
                    }
                    (None, None) => kept.push(row.key),
                    (None, Some(_)) => {}
                }
            }
            rows.update(|rows| rows.retain(|row| row.is_blank() || kept.contains(&row.key)));
            status.try_set(added_notice(lines.len().saturating_sub(refused.len())));
            let first = rows.with_untracked(|rows| rows.first().copied());
            focus_later(first.unwrap_or_else(append));
        });
    };

    view! {
        <div
            class="quick-order"
            data-testid="quick-order"
            on:keydown=move |event| {
                if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
                    event.prevent_default();
                    submit();
                }
            }
        >
            <p class="hint" id="quick-help">{tr(|t| t.cart.quick_help)}</p>
            <div class="table-scroll" role="region" aria-label=tr(|t| t.cart.quick_order) tabindex="-1">
                <table class="data-table quick-table" aria-describedby="quick-help">
                    <thead>
                        <tr>
                            <th scope="col">{tr(|t| t.catalog.sku)}</th>
                            <th scope="col">{tr(|t| t.catalog.product)}</th>
                            <th scope="col" class="cell-number">{tr(|t| t.cart.unit_price)}</th>
                            <th scope="col">{tr(|t| t.catalog.availability)}</th>
                            <th scope="col">{tr(|t| t.catalog.quantity)}</th>
                            <th scope="col"><span class="visually-hidden">{tr(|t| t.cart.actions)}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || rows.get() key=|row| row.key let:row>
                            <QuickRowView row number=number_of(row.key) on_next on_remove />
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="actions">
                <button type="button" class="button" data-testid="quick-add-row" on:click=move |_| focus_later(append())>
                    {tr(|t| t.cart.add_row)}
                </button>
                <button
                    type="button"
                    class="button primary"
                    data-testid="quick-add-all"
                    disabled=move || adding.get()
                    on:click=move |_| submit()
                >
                    {move || {
                        let t = &i18n.t().cart;
                        if adding.get() { t.adding } else { t.add_all }
                    }}
                </button>
            </div>
            <NoticeBanner notice=status />
        </div>
    }
}
