//! One row of the quick-order table: the SKU, the product's name, price and stock as
//! soon as it is found, and a quantity; Enter moves on. What is wrong with the row (the
//! page decides: a refusal of the server, a product the customer cannot order) is shown
//! in place of the product's name.

use leptos::html::Input;
use leptos::prelude::*;

use crate::components::catalog::availability::AvailabilityBadge;
use crate::components::catalog::price::MoneyText;
use crate::components::catalog::quantity::product_name;
use crate::components::sku_lines::row::{Lookup, QuickRow};
use crate::i18n::{Texts, tr, use_i18n};

/// What is wrong with a row, in the current language (read inside a view, so it
/// follows the language and the row's signals); `None` when nothing is.
pub type RowProblem = Callback<QuickRow, Option<String>>;

#[component]
pub fn QuickRowView(
    row: QuickRow,
    /// The row's position, from 1, for the labels.
    number: Signal<usize>,
    problem: RowProblem,
    /// The price column's name: the buyer's unit price, or the base price for staff.
    price_label: fn(&Texts) -> &'static str,
    /// Enter in the quantity: go to the next row (appending one at the end).
    on_next: impl Fn(u64) + Copy + Send + Sync + 'static,
    on_remove: impl Fn(u64) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let focus = |input: NodeRef<Input>| {
        if let Some(input) = input.get_untracked() {
            let _ = input.focus();
        }
    };
    let on_sku_key = move |event: leptos::ev::KeyboardEvent| match event.key().as_str() {
        "Enter" => {
            event.prevent_default();
            focus(row.quantity_input);
        }
        "Escape" => row.type_sku(String::new()),
        _ => {}
    };
    let on_quantity_key = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Enter" && !event.ctrl_key() && !event.meta_key() {
            event.prevent_default();
            on_next(row.key);
        }
    };
    // A found product suggests its smallest order as the quantity.
    let placeholder = move || match row.lookup.get() {
        Lookup::Found(product) => product.smallest_quantity().to_string(),
        _ => String::new(),
    };
    let status = move || {
        let t = i18n.t();
        if let Some(text) = problem.run(row) {
            return view! { <span class="hint hint-error" data-testid="quick-problem">{text}</span> }
                .into_any();
        }
        match row.lookup.get() {
            Lookup::Empty => ().into_any(),
            Lookup::Invalid => view! { <span class="hint hint-error">{t.cart.invalid_sku}</span> }.into_any(),
            Lookup::Searching => view! { <span class="muted">{t.cart.looking_up}</span> }.into_any(),
            Lookup::NotFound => view! { <span class="hint hint-error">{t.cart.not_in_catalog}</span> }.into_any(),
            Lookup::Failed(error) => view! { <span class="hint hint-error">{t.errors.message(&error)}</span> }.into_any(),
            Lookup::Found(product) => view! {
                <span class="quick-name" data-testid="quick-name">{product_name(&product, i18n.lang()).to_owned()}</span>
            }
            .into_any(),
        }
    };
    let price = move || {
        let product = row.found_tracked()?;
        let quantity = row
            .quantity
            .with(|q| q.trim().parse::<u32>().ok())
            .unwrap_or(product.smallest_quantity());
        product
            .unit_price_for(quantity)
            .map(|amount| view! { <MoneyText amount /> })
    };
    let stock = move || {
        row.found_tracked()
            .map(|product| view! { <AvailabilityBadge available=product.available /> })
    };
    view! {
        <tr data-testid="quick-row" data-key=row.key>
            <td data-label=tr(|t| t.catalog.sku)>
                <input
                    node_ref=row.sku_input
                    type="text"
                    class="quick-sku"
                    dir="ltr"
                    autocomplete="off"
                    spellcheck="false"
                    autocapitalize="characters"
                    data-testid="quick-sku"
                    aria-label=move || (i18n.t().cart.sku_of_row)(number.get())
                    prop:value=move || row.sku.get()
                    on:input=move |event| row.type_sku(event_target_value(&event))
                    on:keydown=on_sku_key
                />
            </td>
            <td data-label=tr(|t| t.catalog.product)>
                <div class="quick-status" aria-live="polite">{status}</div>
            </td>
            <td data-label=tr(price_label) class="cell-number">{price}</td>
            <td data-label=tr(|t| t.catalog.availability)>{stock}</td>
            <td data-label=tr(|t| t.catalog.quantity)>
                <input
                    node_ref=row.quantity_input
                    type="number"
                    inputmode="numeric"
                    min="1"
                    class="quantity-input quick-quantity"
                    dir="ltr"
                    data-testid="quick-quantity"
                    aria-label=move || (i18n.t().cart.quantity_of_row)(number.get())
                    placeholder=placeholder
                    prop:value=move || row.quantity.get()
                    on:input=move |event| row.quantity.set(event_target_value(&event))
                    on:keydown=on_quantity_key
                />
            </td>
            <td class="cell-actions">
                <button
                    type="button"
                    class="button small ghost"
                    aria-label=move || (i18n.t().cart.remove_row)(number.get())
                    on:click=move |_| on_remove(row.key)
                >
                    "×"
                </button>
            </td>
        </tr>
    }
}
