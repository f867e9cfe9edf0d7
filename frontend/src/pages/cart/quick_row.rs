//! One row of the quick-order table: a SKU looked up as it is typed (after a 250 ms
//! pause), the product's name, price and stock, and a quantity.

use std::time::Duration;

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Sku;

use crate::api::ApiError;
use crate::api::cart::RejectReason;
use crate::api::catalog::{Product, product};
use crate::components::catalog::availability::AvailabilityBadge;
use crate::components::catalog::price::MoneyText;
use crate::components::catalog::quantity::product_name;
use crate::i18n::{tr, use_i18n};

const LOOKUP_DELAY: Duration = Duration::from_millis(250);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Lookup {
    Empty,
    Invalid,
    Searching,
    Found(Box<Product>),
    NotFound,
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct QuickRow {
    pub key: u64,
    pub sku: RwSignal<String>,
    pub quantity: RwSignal<String>,
    pub lookup: RwSignal<Lookup>,
    /// Why the server refused this row at the last "Add all".
    pub refused: RwSignal<Option<RejectReason>>,
    pub sku_input: NodeRef<Input>,
    pub quantity_input: NodeRef<Input>,
    timer: StoredValue<Option<TimeoutHandle>>,
    generation: StoredValue<u64>,
}

impl QuickRow {
    pub fn new(key: u64) -> QuickRow {
        QuickRow {
            key,
            sku: RwSignal::new(String::new()),
            quantity: RwSignal::new(String::new()),
            lookup: RwSignal::new(Lookup::Empty),
            refused: RwSignal::new(None),
            sku_input: NodeRef::new(),
            quantity_input: NodeRef::new(),
            timer: StoredValue::new(None),
            generation: StoredValue::new(0),
        }
    }

    pub fn is_blank(self) -> bool {
        self.sku.with_untracked(|sku| sku.trim().is_empty())
    }

    pub fn found(self) -> Option<Product> {
        match self.lookup.get_untracked() {
            Lookup::Found(product) => Some(*product),
            _ => None,
        }
    }

    /// The quantity typed, or the product's smallest order when none is.
    pub fn wanted_quantity(self) -> Option<u32> {
        let typed = self.quantity.get_untracked();
        if typed.trim().is_empty() {
            return self.found().map(|product| product.smallest_quantity());
        }
        typed.trim().parse::<u32>().ok().filter(|value| *value > 0)
    }

    fn type_sku(self, text: String) {
        self.sku.set(text.clone());
        self.refused.set(None);
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let sku = match Sku::parse(&text) {
            Ok(sku) => sku,
            Err(_) if text.trim().is_empty() => {
                self.lookup.set(Lookup::Empty);
                return;
            }
            Err(_) => {
                self.lookup.set(Lookup::Invalid);
                return;
            }
        };
        self.lookup.set(Lookup::Searching);
        let handle = set_timeout_with_handle(
            move || {
                spawn_local(async move {
                    let result = product(sku.as_str()).await;
                    if self.generation.try_get_value() != Some(generation) {
                        return;
                    }
                    self.lookup.try_set(match result {
                        Ok(Some(found)) => Lookup::Found(Box::new(found)),
                        Ok(None) => Lookup::NotFound,
                        Err(error) => Lookup::Failed(error),
                    });
                });
            },
            LOOKUP_DELAY,
        )
        .ok();
        self.timer.set_value(handle);
    }
}

#[component]
pub fn QuickRowView(
    row: QuickRow,
    /// The row's position, from 1, for the labels.
    number: Signal<usize>,
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
        if let Some(reason) = row.refused.get() {
            return view! { <span class="hint hint-error">{t.cart.reject_reason(reason)}</span> }
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
            <td data-label=tr(|t| t.cart.unit_price) class="cell-number">{price}</td>
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

impl QuickRow {
    fn found_tracked(self) -> Option<Product> {
        match self.lookup.get() {
            Lookup::Found(product) => Some(*product),
            _ => None,
        }
    }
}
