//! Quick order in the cart: the quick-order table, whose rows "Add all to cart" (or
//! Ctrl+Enter) sends in one `addToCart`. Rows that went in are cleared; refused rows
//! stay with the reason.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::cart::add_to_cart;
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::sku_lines::row::QuickRow;
use crate::components::sku_lines::table::{QuickRows, QuickTable};
use crate::i18n::use_i18n;
use crate::pages::cart::model::CartModel;
use crate::pages::cart::rejected::added_notice;

/// Rows shown at the start.
const FIRST_ROWS: u64 = 3;

#[component]
pub fn QuickOrder(model: CartModel) -> impl IntoView {
    let i18n = use_i18n();
    let rows = QuickRows::new(FIRST_ROWS);
    let adding = RwSignal::new(false);
    let status = RwSignal::new(None::<Notice>);
    // The server's reason for a row it refused at the last "Add all".
    let problem = Callback::new(move |row: QuickRow| {
        row.refused
            .get()
            .map(|reason| i18n.t().cart.reject_reason(reason).to_owned())
    });

    let submit = move || {
        if adding.get_untracked() {
            return;
        }
        let filled: Vec<(QuickRow, String, Option<u32>)> = rows
            .filled()
            .into_iter()
            .map(|row| {
                let sku = row.sku.with_untracked(|sku| sku.trim().to_uppercase());
                (row, sku, row.wanted_quantity())
            })
            .collect();
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
            rows.retain_blank_and(&kept);
            status.try_set(added_notice(lines.len().saturating_sub(refused.len())));
            rows.focus_first();
        });
    };

    view! {
        <QuickTable
            rows
            problem
            price_label=|t| t.cart.unit_price
            help=|t| t.cart.quick_help
            label=|t| t.cart.quick_order
            on_submit=Callback::new(move |()| submit())
        >
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
        </QuickTable>
        <NoticeBanner notice=status />
    }
}
