//! One product of the caller's catalog: every field, its category path, the price with
//! its quantity tiers, live availability, and the quantity a buyer would order.
//! A SKU outside the caller's catalog shows "not found", as the server answers null.

mod details;

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::catalog::{Product, product};
use crate::components::catalog::live_stock::LiveStock;
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use details::ProductDetails;

#[component]
pub fn ProductPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let sku = Memo::new(move |_| {
        let raw = params.with(|params| params.get("sku").unwrap_or_default());
        // The link encodes a `/` in a SKU; the router may hand it over still encoded.
        js_sys::decode_uri_component(&raw)
            .ok()
            .and_then(|decoded| decoded.as_string())
            .unwrap_or(raw)
    });
    let found = LocalResource::new(move || {
        let sku = sku.get();
        async move { product(&sku).await }
    });

    let content = move || match found.get() {
        None => view! { <div class="card"><TableSkeleton rows=5 columns=2 /></div> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(None)) => view! { <NotFound /> }.into_any(),
        Some(Ok(Some(product))) => view! { <LiveProduct product /> }.into_any(),
    };

    view! {
        <section class="page product-page" data-testid="product-page">
            <A href="/catalog" attr:class="back-link">
                <span class="back-arrow" aria-hidden="true">"←"</span>
                {tr(|t| t.product.back)}
            </A>
            {content}
        </section>
    }
}

#[component]
fn LiveProduct(product: Product) -> impl IntoView {
    let skus = vec![product.sku.clone()];
    let live = LiveStock::follow(Signal::derive(move || skus.clone()));
    view! { <ProductDetails product live /> }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <div class="card" data-testid="product-not-found">
            <h1>{tr(|t| t.product.not_found_title)}</h1>
            <p class="muted">{tr(|t| t.product.not_found_text)}</p>
        </div>
    }
}
