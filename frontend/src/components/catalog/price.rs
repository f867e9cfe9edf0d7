//! Prices as the catalog shows them: `₪ 1,234.50` kept left to right inside Hebrew, the
//! net unit price with "excl. VAT", and the quantity tiers as hints ("10+ ₪ 9.50").

use leptos::prelude::*;
use shared::Money;

use crate::api::catalog::Product;
use crate::i18n::tr;

/// An amount, isolated so that it reads left to right in a right-to-left sentence.
#[component]
pub fn MoneyText(amount: Money) -> impl IntoView {
    view! {
        <bdi class="money" dir="ltr">
            {amount.format_ils()}
        </bdi>
    }
}

/// The net unit price, "excl. VAT", and the tiers below it.
#[component]
pub fn PriceCell(product: Product) -> impl IntoView {
    let unit_price = product.unit_money();
    let tiers: Vec<(u32, Money)> = product
        .price_tiers
        .iter()
        .filter_map(|tier| tier.price().map(|price| (tier.min_quantity, price)))
        .collect();
    let price = move || match unit_price {
        Some(amount) => view! {
            <span class="price">
                <MoneyText amount />
                " "
                <span class="price-note">{tr(|t| t.catalog.excl_vat)}</span>
            </span>
        }
        .into_any(),
        None => view! {
            <span class="price price-missing">{tr(|t| t.catalog.price_on_request)}</span>
        }
        .into_any(),
    };
    let tier_hints = (!tiers.is_empty()).then(|| {
        view! {
            <ul class="tier-hints" aria-label=tr(|t| t.catalog.tiers_label)>
                {tiers
                    .into_iter()
                    .map(|(minimum, price)| {
                        view! {
                            <li>
                                <bdi dir="ltr">{format!("{minimum}+ ")} {price.format_ils()}</bdi>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    view! {
        <div class="price-cell" data-testid="price">
            {price}
            {tier_hints}
        </div>
    }
}
