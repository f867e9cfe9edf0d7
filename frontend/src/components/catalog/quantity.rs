//! The quantity of a product a buyer is about to order: a stepper that moves in whole
//! packs from the minimum order quantity, and the line total it would cost.
//!
//! Display only: the cart and the order come next, and the server prices and checks
//! every order line again.

use leptos::prelude::*;

use crate::api::catalog::Product;
use crate::components::catalog::price::MoneyText;
use crate::i18n::{Lang, tr, use_i18n};

/// The quantity after one press of "more".
fn step_up(product: &Product, quantity: Option<u32>) -> u32 {
    let pack = product.pack_size.max(1);
    let smallest = product.smallest_quantity();
    match quantity {
        None => smallest,
        Some(current) => ((current / pack + 1) * pack).max(smallest),
    }
}

/// The quantity after one press of "fewer"; below the minimum the field empties.
fn step_down(product: &Product, quantity: Option<u32>) -> Option<u32> {
    let pack = product.pack_size.max(1);
    let current = quantity?;
    let lower = if current.is_multiple_of(pack) {
        current.saturating_sub(pack)
    } else {
        current / pack * pack
    };
    (lower >= product.smallest_quantity()).then_some(lower)
}

pub fn product_name(product: &Product, lang: Lang) -> &str {
    match lang {
        Lang::He => &product.name_he,
        Lang::En => &product.name_en,
    }
}

#[component]
pub fn QuantityInput(
    product: Product,
    quantity: RwSignal<Option<u32>>,
    #[prop(into)] available: Signal<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let product = StoredValue::new(product);
    let out_of_stock = move || available.get() <= 0;
    let label = move || {
        let lang = i18n.lang();
        product.with_value(|product| (i18n.t().catalog.quantity_of)(product_name(product, lang)))
    };
    let invalid = move || {
        quantity
            .get()
            .is_some_and(|value| !product.with_value(|product| product.accepts_quantity(value)))
    };
    let too_many = move || {
        quantity
            .get()
            .is_some_and(|value| i64::from(value) > available.get() && !out_of_stock())
    };
    let rule = move || {
        product.with_value(|product| {
            (i18n.t().catalog.quantity_rule)(product.pack_size.max(1), product.smallest_quantity())
        })
    };
    let (smallest, pack) =
        product.with_value(|product| (product.smallest_quantity(), product.pack_size.max(1)));

    view! {
        <div class="quantity" data-testid="quantity">
            <div class="stepper" role="group" aria-label=label>
                <button
                    type="button"
                    class="button small stepper-button"
                    aria-label=tr(|t| t.catalog.fewer)
                    disabled=move || out_of_stock() || quantity.get().is_none()
                    on:click=move |_| {
                        quantity.update(|value| *value = product.with_value(|p| step_down(p, *value)))
                    }
                >
                    "−"
                </button>
                <input
                    type="number"
                    inputmode="numeric"
                    class="quantity-input"
                    dir="ltr"
                    min=smallest
                    step=pack
                    aria-label=label
                    aria-invalid=move || if invalid() { "true" } else { "false" }
                    disabled=out_of_stock
                    prop:value=move || quantity.get().map(|value| value.to_string()).unwrap_or_default()
                    on:input=move |event| {
                        quantity.set(event_target_value(&event).trim().parse::<u32>().ok().filter(|v| *v > 0))
                    }
                />
                <button
                    type="button"
                    class="button small stepper-button"
                    aria-label=tr(|t| t.catalog.more)
                    disabled=out_of_stock
                    on:click=move |_| {
                        quantity.update(|value| *value = Some(product.with_value(|p| step_up(p, *value))))
                    }
                >
                    "+"
                </button>
            </div>
            {move || invalid().then(|| view! { <p class="hint hint-error">{rule()}</p> })}
            {move || {
                too_many()
                    .then(|| {
                        view! {
                            <p class="hint hint-warning">
                                {(i18n.t().catalog.only_available)(available.get())}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The net total of the chosen quantity at its tier price, or a dash.
#[component]
pub fn LineTotal(
    product: Product,
    quantity: RwSignal<Option<u32>>,
    #[prop(into)] available: Signal<i64>,
) -> impl IntoView {
    let product = StoredValue::new(product);
    move || {
        let total = quantity
            .get()
            .filter(|_| available.get() > 0)
            .filter(|value| product.with_value(|product| product.accepts_quantity(*value)))
            .and_then(|value| product.with_value(|product| product.line_total(value)));
        match total {
            Some(amount) => view! {
                <span class="line-total" data-testid="line-total">
                    <MoneyText amount />
                </span>
            }
            .into_any(),
            None => view! {
                <span class="line-total muted" data-testid="line-total">
                    "—"
                </span>
            }
            .into_any(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn product(pack_size: u32, min_order_quantity: u32) -> Product {
        Product {
            id: "1".to_owned(),
            sku: "X-1".to_owned(),
            name_he: String::new(),
            name_en: String::new(),
            description: String::new(),
            category_id: "1".to_owned(),
            unit: "box".to_owned(),
            pack_size,
            min_order_quantity,
            image_url: None,
            active: true,
            available: 100,
            unit_price: Some("10.00".to_owned()),
            price_tiers: Vec::new(),
        }
    }

    #[test]
    fn the_stepper_moves_in_whole_packs_from_the_minimum() {
        let boxes = product(10, 12);
        assert_eq!(step_up(&boxes, None), 20);
        assert_eq!(step_up(&boxes, Some(20)), 30);
        assert_eq!(step_up(&boxes, Some(25)), 30);
        assert_eq!(step_down(&boxes, Some(30)), Some(20));
        assert_eq!(step_down(&boxes, Some(25)), Some(20));
        assert_eq!(step_down(&boxes, Some(20)), None);
    }
}
