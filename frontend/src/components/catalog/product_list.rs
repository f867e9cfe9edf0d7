//! The catalog's products as a table or as a grid of cards, each with its live
//! availability and, for the roles that order, a quantity, its line total and "Add to
//! cart".

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::catalog::{Product, product_href};
use crate::components::catalog::add_to_cart::AddToCart;
use crate::components::catalog::availability::AvailabilityBadge;
use crate::components::catalog::live_stock::LiveStock;
use crate::components::catalog::price::PriceCell;
use crate::components::catalog::quantity::{LineTotal, product_name};
use crate::i18n::{tr, use_i18n};

/// "box · pack of 10": the unit and, when above one, the pack size.
pub fn unit_text(product: &Product, t: &crate::i18n::CatalogTexts) -> String {
    let unit = (t.unit_name)(&product.unit);
    if product.pack_size > 1 {
        format!("{unit} · {}", (t.pack_of)(product.pack_size))
    } else {
        unit
    }
}

#[component]
pub fn ProductTable(
    products: RwSignal<Vec<Product>>,
    live: LiveStock,
    /// Whether the signed-in role orders: shows the quantity and line total columns.
    ordering: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let header = move || {
        let t = &i18n.t().catalog;
        view! {
            <tr>
                <th scope="col">{t.sku}</th>
                <th scope="col">{t.product}</th>
                <th scope="col">{t.unit}</th>
                <th scope="col" class="cell-number">{t.min_order}</th>
                <th scope="col">{t.price}</th>
                <th scope="col">{t.availability}</th>
                {ordering.then(|| view! {
                    <th scope="col">{t.quantity}</th>
                    <th scope="col" class="cell-number">{t.line_total}</th>
                })}
            </tr>
        }
    };
    view! {
        <div class="table-scroll catalog-scroll" tabindex="0" role="region" aria-label=tr(|t| t.catalog.title)>
            <table class="catalog-table" data-testid="catalog-table">
                <thead>{header}</thead>
                <tbody>
                    <For each=move || products.get() key=|product| product.clone() let:product>
                        <ProductRow product live ordering />
                    </For>
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn ProductRow(product: Product, live: LiveStock, ordering: bool) -> impl IntoView {
    let i18n = use_i18n();
    let quantity = RwSignal::new(None::<u32>);
    let sku = product.sku.clone();
    let listed = product.available;
    let available = Signal::derive(move || live.available(&sku, listed));
    let stored = StoredValue::new(product.clone());
    let name = move || stored.with_value(|p| product_name(p, i18n.lang()).to_owned());
    let unit = move || stored.with_value(|p| unit_text(p, &i18n.t().catalog));
    view! {
        <tr data-testid="product-row" data-sku=product.sku.clone() class:inactive=!product.active>
            <td class="cell-sku">
                <bdi dir="ltr">{product.sku.clone()}</bdi>
            </td>
            <td>
                <A href=product_href(&product.sku) attr:class="product-link">{name}</A>
                {(!product.active).then(|| view! {
                    " "
                    <span class="badge badge-off">{tr(|t| t.catalog.inactive)}</span>
                })}
            </td>
            <td>{unit}</td>
            <td class="cell-number">
                <bdi dir="ltr">{product.min_order_quantity}</bdi>
            </td>
            <td>
                <PriceCell product=product.clone() />
            </td>
            <td>
                <AvailabilityBadge available />
            </td>
            {ordering.then(|| view! {
                <td>
                    <AddToCart product=product.clone() quantity available />
                </td>
                <td class="cell-number">
                    <LineTotal product=product.clone() quantity available />
                </td>
            })}
        </tr>
    }
}

#[component]
pub fn ProductGrid(
    products: RwSignal<Vec<Product>>,
    live: LiveStock,
    ordering: bool,
) -> impl IntoView {
    view! {
        <ul class="product-grid" data-testid="catalog-grid">
            <For each=move || products.get() key=|product| product.clone() let:product>
                <ProductCard product live ordering />
            </For>
        </ul>
    }
}

#[component]
fn ProductCard(product: Product, live: LiveStock, ordering: bool) -> impl IntoView {
    let i18n = use_i18n();
    let quantity = RwSignal::new(None::<u32>);
    let sku = product.sku.clone();
    let listed = product.available;
    let available = Signal::derive(move || live.available(&sku, listed));
    let stored = StoredValue::new(product.clone());
    let name = move || stored.with_value(|p| product_name(p, i18n.lang()).to_owned());
    let details = move || {
        stored.with_value(|p| {
            let t = &i18n.t().catalog;
            format!(
                "{} · {}",
                unit_text(p, t),
                (t.min_order_short)(p.min_order_quantity)
            )
        })
    };
    view! {
        <li class="card product-card" data-testid="product-card" data-sku=product.sku.clone()>
            <div class="product-card-head">
                <bdi class="cell-sku" dir="ltr">{product.sku.clone()}</bdi>
                <AvailabilityBadge available />
            </div>
            <h2 class="product-card-name">
                <A href=product_href(&product.sku) attr:class="product-link">{name}</A>
            </h2>
            <p class="muted product-card-details">{details}</p>
            <PriceCell product=product.clone() />
            {ordering.then(|| view! {
                <div class="product-card-order">
                    <AddToCart product=product.clone() quantity available />
                    <LineTotal product=product.clone() quantity available />
                </div>
            })}
        </li>
    }
}
