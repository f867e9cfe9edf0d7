//! A cart line's quantity: "−" and "+" move in whole packs from the minimum order
//! quantity; a typed number is taken on Enter or when the field is left (0 removes the
//! line, with undo).

use leptos::prelude::*;

use crate::api::cart::CartLine;
use crate::i18n::{tr, use_i18n};
use crate::pages::cart::model::CartModel;

/// The quantity after one press of "+": the next whole pack, at least the smallest order.
pub fn step_up(line: &CartLine) -> u32 {
    let pack = line.pack_size.max(1);
    ((line.quantity / pack + 1) * pack).max(line.smallest_quantity())
}

/// The quantity after one press of "−": the whole pack below, never under the smallest
/// order (`None` when already there).
pub fn step_down(line: &CartLine) -> Option<u32> {
    let pack = line.pack_size.max(1);
    let lower = if line.quantity.is_multiple_of(pack) {
        line.quantity.saturating_sub(pack)
    } else {
        line.quantity / pack * pack
    };
    let lower = lower.max(line.smallest_quantity());
    (lower < line.quantity).then_some(lower)
}

#[component]
pub fn CartQuantity(
    model: CartModel,
    line: Memo<Option<CartLine>>,
    available: Signal<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        let name = line.with(|line| line.as_ref().map(|line| line.name.clone()));
        (i18n.t().catalog.quantity_of)(&name.unwrap_or_default())
    };
    let quantity = move || line.with(|line| line.as_ref().map_or(0, |line| line.quantity));
    let apply = move |wanted: u32| {
        let Some(current) = line.get_untracked() else {
            return;
        };
        if wanted == current.quantity {
            return;
        }
        if wanted == 0 {
            model.remove(current);
        } else {
            model.set_quantity(current.sku, wanted);
        }
    };
    // A typed quantity counts on Enter or when the field is left; anything but a number
    // puts back the quantity the cart has.
    let commit = move |input: web_sys::HtmlInputElement| match input.value().trim().parse::<u32>() {
        Ok(wanted) => apply(wanted),
        Err(_) => input.set_value(
            &line.with_untracked(|line| line.as_ref().map_or(0, |line| line.quantity).to_string()),
        ),
    };
    let too_few =
        move || line.with(|line| line.as_ref().is_none_or(|line| step_down(line).is_none()));
    let (smallest, pack) = line.with_untracked(|line| {
        line.as_ref().map_or((1, 1), |line| {
            (line.smallest_quantity(), line.pack_size.max(1))
        })
    });
    view! {
        <div class="quantity" data-testid="cart-quantity">
            <div class="stepper" role="group" aria-label=label>
                <button
                    type="button"
                    class="button small stepper-button"
                    aria-label=tr(|t| t.catalog.fewer)
                    disabled=too_few
                    on:click=move |_| {
                        if let Some(lower) = line.with_untracked(|line| line.as_ref().and_then(step_down)) {
                            apply(lower);
                        }
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
                    prop:value=move || quantity().to_string()
                    on:change=move |event| commit(event_target(&event))
                    on:keydown=move |event| {
                        if event.key() == "Enter" {
                            event.prevent_default();
                            commit(event_target(&event));
                        }
                    }
                />
                <button
                    type="button"
                    class="button small stepper-button"
                    aria-label=tr(|t| t.catalog.more)
                    disabled=move || { i64::from(quantity()) >= available.get() }
                    on:click=move |_| {
                        if let Some(higher) = line.with_untracked(|line| line.as_ref().map(step_up)) {
                            apply(higher);
                        }
                    }
                >
                    "+"
                </button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: u32) -> CartLine {
        CartLine {
            sku: "X-1".to_owned(),
            name: String::new(),
            unit: "box".to_owned(),
            pack_size: 10,
            min_order_quantity: 12,
            quantity,
            unit_price: None,
            line_total: None,
            available: 100,
            problems: Vec::new(),
        }
    }

    #[test]
    fn the_stepper_moves_in_whole_packs_and_stops_at_the_smallest_order() {
        assert_eq!(step_up(&line(20)), 30);
        assert_eq!(step_up(&line(25)), 30);
        assert_eq!(step_up(&line(3)), 20);
        assert_eq!(step_down(&line(30)), Some(20));
        assert_eq!(step_down(&line(25)), Some(20));
        assert_eq!(step_down(&line(20)), None);
        assert_eq!(step_down(&line(15)), None);
    }
}
