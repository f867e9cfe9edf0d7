//! The cart's lines: SKU, name with live availability and its problems in words, unit
//! price with the next quantity tier, the quantity stepper with "Remove", line total.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::cart::{CartLine, LineProblem};
use crate::api::catalog::product_href;
use crate::components::catalog::availability::AvailabilityBadge;
use crate::components::catalog::live_stock::LiveStock;
use crate::components::catalog::price::MoneyText;
use crate::i18n::{tr, use_i18n};
use crate::pages::cart::model::CartModel;
use crate::pages::cart::quantity::CartQuantity;

#[component]
pub fn CartLines(model: CartModel, live: LiveStock) -> impl IntoView {
    let skus = move || {
        model.shown.with(|cart| {
            cart.as_ref()
                .map(|cart| {
                    cart.lines
                        .iter()
                        .map(|line| line.sku.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=tr(|t| t.cart.lines_label)>
            <table class="data-table cart-table" data-testid="cart-lines">
                <thead>
                    <tr>
                        <th scope="col">{tr(|t| t.catalog.sku)}</th>
                        <th scope="col">{tr(|t| t.catalog.product)}</th>
                        <th scope="col">{tr(|t| t.cart.unit_price)}</th>
                        <th scope="col">{tr(|t| t.catalog.quantity)}</th>
                        <th scope="col" class="cell-number">{tr(|t| t.catalog.line_total)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=skus key=|sku| sku.clone() let:sku>
                        <CartRow sku model live />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn CartRow(sku: String, model: CartModel, live: LiveStock) -> impl IntoView {
    let i18n = use_i18n();
    let line = {
        let sku = sku.clone();
        Memo::new(move |_| model.line(&sku))
    };
    let available = {
        let sku = sku.clone();
        Signal::derive(move || {
            let listed = line.with(|line| line.as_ref().map_or(0, |line| line.available));
            live.available(&sku, listed)
        })
    };
    let problems = Memo::new(move |_| {
        line.with(|line| {
            line.as_ref()
                .map(|line| line.problems_at(line.quantity, available.get()))
                .unwrap_or_default()
        })
    });
    let name = move || line.with(|line| line.as_ref().map(|line| line.name.clone()));
    let unit_price = move || {
        line.with(|line| line.as_ref().and_then(|line| line.unit_price))
            .map(|amount| view! { <MoneyText amount /> })
    };
    let total = move || {
        line.with(|line| line.as_ref().and_then(|line| line.line_total))
            .map(|amount| view! { <MoneyText amount /> })
    };
    let remove = move |_| {
        if let Some(line) = line.get_untracked() {
            model.remove(line);
        }
    };
    let remove_label = move || (i18n.t().cart.remove_line)(&name().unwrap_or_default());
    view! {
        <tr
            data-testid="cart-line"
            data-sku=sku.clone()
            class:has-problems=move || problems.with(|problems| !problems.is_empty())
        >
            <td class="cell-sku" data-label=tr(|t| t.catalog.sku)>
                <bdi dir="ltr">{sku.clone()}</bdi>
            </td>
            <td data-label=tr(|t| t.catalog.product)>
                <div class="cart-product">
                    <A href=product_href(&sku) attr:class="product-link">{name}</A>
                    <AvailabilityBadge available />
                    <ProblemList line problems available />
                </div>
            </td>
            <td data-label=tr(|t| t.cart.unit_price)>
                <div class="cart-price">
                    {unit_price}
                    <TierHint model sku=sku.clone() line />
                </div>
            </td>
            <td data-label=tr(|t| t.catalog.quantity)>
                <div class="cart-quantity-cell">
                    <CartQuantity model line available />
                    <button
                        type="button"
                        class="button small ghost remove-line"
                        data-testid="remove-line"
                        aria-label=remove_label
                        on:click=remove
                    >
                        {tr(|t| t.cart.remove)}
                    </button>
                </div>
            </td>
            <td class="cell-number" data-label=tr(|t| t.catalog.line_total) data-testid="cart-line-total">
                {total}
            </td>
        </tr>
    }
}

/// The line's problems in words, read out when they change.
#[component]
fn ProblemList(
    line: Memo<Option<CartLine>>,
    problems: Memo<Vec<LineProblem>>,
    available: Signal<i64>,
) -> impl IntoView {
    let i18n = use_i18n();
    let texts = move || {
        let t = &i18n.t().cart;
        line.with(|line| {
            let Some(line) = line else { return Vec::new() };
            problems.with(|problems| {
                problems
                    .iter()
                    .map(|problem| match problem {
                        LineProblem::BelowMinimum => (t.below_minimum)(line.min_order_quantity),
                        LineProblem::NotWholePacks => (t.not_whole_packs)(line.pack_size),
                        LineProblem::MoreThanAvailable => {
                            (t.more_than_available)(available.get().max(0))
                        }
                        LineProblem::NoPrice => t.no_price.to_owned(),
                        LineProblem::Other => t.other_problem.to_owned(),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <ul class="line-problems" aria-live="polite" data-testid="line-problems">
            {move || {
                texts()
                    .into_iter()
                    .map(|text| view! { <li class="hint hint-error">{text}</li> })
                    .collect_view()
            }}
        </ul>
    }
}

/// "Quantity price" when a tier applies, and how much more reaches the next one.
#[component]
fn TierHint(model: CartModel, sku: String, line: Memo<Option<CartLine>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let quantity = line.with(|line| line.as_ref().map(|line| line.quantity))?;
        model.products.with(|products| {
            let product = products.get(&sku)?;
            let t = &i18n.t().cart;
            let on_tier = product
                .price_tiers
                .iter()
                .any(|tier| tier.min_quantity <= quantity);
            let next = product
                .price_tiers
                .iter()
                .filter(|tier| tier.min_quantity > quantity)
                .min_by_key(|tier| tier.min_quantity)
                .and_then(|tier| tier.price().map(|price| (tier.min_quantity, price)));
            let text = match next {
                Some((minimum, price)) => (t.next_tier)(minimum, &price.format_ils()),
                None if on_tier => t.tier_applied.to_owned(),
                None => return None,
            };
            Some(view! { <span class="hint tier-hint" data-testid="tier-hint">{text}</span> })
        })
    }
}
