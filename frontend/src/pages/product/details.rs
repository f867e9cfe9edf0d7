//! The product's facts, price table and order box.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::money::VAT_RATE_PERCENT;

use crate::api::catalog::{Product, categories};
use crate::components::catalog::add_to_cart::AddToCart;
use crate::components::catalog::availability::AvailabilityBadge;
use crate::components::catalog::category_tree::{category_name, path_to};
use crate::components::catalog::live_stock::{LiveStock, LiveStockStatus};
use crate::components::catalog::price::{MoneyText, PriceCell};
use crate::components::catalog::product_list::unit_text;
use crate::components::catalog::quantity::{LineTotal, product_name};
use crate::i18n::{tr, use_i18n};
use crate::pages::catalog::orders;
use crate::session::use_session;

#[component]
pub fn ProductDetails(product: Product, live: LiveStock) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let ordering = orders(session.role());
    let stored = StoredValue::new(product.clone());
    let sku = product.sku.clone();
    let listed = product.available;
    let available = Signal::derive(move || live.available(&sku, listed));
    let quantity = RwSignal::new(None::<u32>);
    let name = move || stored.with_value(|p| product_name(p, i18n.lang()).to_owned());

    view! {
        <article class="card product-detail">
            <header class="product-detail-head">
                <div>
                    <CategoryPath category_id=product.category_id.clone() />
                    <h1 data-testid="product-name">{name}</h1>
                    <p class="muted">
                        {tr(|t| t.product.sku)} ": "
                        <bdi dir="ltr" data-testid="product-sku">{product.sku.clone()}</bdi>
                    </p>
                </div>
                <div class="availability-box">
                    <span class="muted">{tr(|t| t.product.availability)}</span>
                    <AvailabilityBadge available />
                    <LiveStockStatus live />
                </div>
            </header>
            {product.image_url.clone().map(|src| view! {
                <img class="product-image" src=src alt=name loading="lazy" />
            })}
            {(!product.active).then(|| view! {
                <p><span class="badge badge-off">{tr(|t| t.catalog.inactive)}</span></p>
            })}
            <dl class="facts">
                <div>
                    <dt>{tr(|t| t.product.unit)}</dt>
                    <dd>{move || stored.with_value(|p| unit_text(p, &i18n.t().catalog))}</dd>
                </div>
                <div>
                    <dt>{tr(|t| t.product.pack_size)}</dt>
                    <dd><bdi dir="ltr">{product.pack_size}</bdi></dd>
                </div>
                <div>
                    <dt>{tr(|t| t.product.min_order_quantity)}</dt>
                    <dd><bdi dir="ltr">{product.min_order_quantity}</bdi></dd>
                </div>
            </dl>
            <section class="product-description">
                <h2>{tr(|t| t.product.description)}</h2>
                {if product.description.trim().is_empty() {
                    view! { <p class="muted">{tr(|t| t.product.no_description)}</p> }.into_any()
                } else {
                    view! { <p class="description">{product.description.clone()}</p> }.into_any()
                }}
            </section>
        </article>
        <div class="product-side">
            <section class="card">
                <h2>{tr(|t| t.product.price_title)}</h2>
                <PriceCell product=product.clone() />
                <PriceTable product=product.clone() />
                <p class="muted vat-note">{move || (i18n.t().catalog.vat_note)(VAT_RATE_PERCENT)}</p>
            </section>
            {ordering.then(|| view! {
                <section class="card order-box">
                    <h2>{tr(|t| t.product.order_title)}</h2>
                    <AddToCart product=product.clone() quantity available />
                    <p class="line-total-row">
                        {tr(|t| t.catalog.line_total)} ": "
                        <LineTotal product=product.clone() quantity available />
                    </p>
                </section>
            })}
        </div>
    }
}

/// The unit price from the smallest order up, then each tier.
#[component]
fn PriceTable(product: Product) -> impl IntoView {
    if product.price_tiers.is_empty() {
        return None;
    }
    let mut rows: Vec<(u32, Option<shared::Money>)> =
        vec![(product.smallest_quantity(), product.unit_money())];
    rows.extend(
        product
            .price_tiers
            .iter()
            .map(|tier| (tier.min_quantity, tier.price())),
    );
    Some(view! {
        <table class="data-table price-table" data-testid="price-tiers">
            <thead>
                <tr>
                    <th scope="col">{tr(|t| t.product.from_quantity)}</th>
                    <th scope="col">{tr(|t| t.product.unit_price)}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(minimum, price)| {
                        view! {
                            <tr>
                                <td class="cell-number"><bdi dir="ltr">{format!("{minimum}+")}</bdi></td>
                                <td class="cell-number">
                                    {price.map(|amount| view! { <MoneyText amount /> })}
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    })
}

/// "Tools › Hand tools": links that open the catalog filtered by that category.
#[component]
fn CategoryPath(category_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(categories);
    move || {
        let Some(Ok(all)) = list.get() else {
            return None;
        };
        let path = path_to(&all, &category_id);
        let lang = i18n.lang();
        Some(view! {
            <nav class="breadcrumbs" aria-label=i18n.t().product.category data-testid="category-path">
                <ol>
                    {path
                        .into_iter()
                        .map(|category| {
                            let href = format!("/catalog?category={}", category.id);
                            view! {
                                <li>
                                    <A href=href>{category_name(&category, lang).to_owned()}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </nav>
        })
    }
}
