//! The lists of the dashboard: purchase frequency per customer and low stock.

use leptos::prelude::*;

use super::format::one_decimal;
use crate::api::dashboard::{CustomerFrequency, LowStockProduct};
use crate::i18n::use_i18n;

/// The most frequent customers shown.
const TOP_CUSTOMERS: usize = 10;

#[component]
pub fn CustomersTable(customers: Vec<CustomerFrequency>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let t = &i18n.t().dashboard;
        if customers.is_empty() {
            return view! { <p class="empty-state">{t.customers_empty}</p> }.into_any();
        }
        let rows = customers
            .iter()
            .take(TOP_CUSTOMERS)
            .map(|customer| {
                view! {
                    <tr>
                        <td data-label=t.company>
                            <span class="cell-strong">{customer.company_name.clone()}</span>
                        </td>
                        <td data-label=t.orders class="cell-number">{customer.orders}</td>
                        <td data-label=t.per_30_days class="cell-number">
                            {one_decimal(customer.orders_per_30_days)}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table" data-testid="customers-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.company}</th>
                            <th scope="col">{t.orders}</th>
                            <th scope="col">{t.per_30_days}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}

/// The staff products page, searched for one SKU.
fn product_address(sku: &str) -> String {
    format!(
        "/staff/products?q={}",
        String::from(js_sys::encode_uri_component(sku))
    )
}

#[component]
pub fn LowStockTable(products: Vec<LowStockProduct>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang();
        let t = &i18n.t().dashboard;
        if products.is_empty() {
            return view! { <p class="empty-state">{t.low_stock_empty}</p> }.into_any();
        }
        let rows = products
            .iter()
            .map(|product| {
                let cover = product
                    .days_of_cover
                    .map_or_else(|| t.no_recent_sales.to_owned(), one_decimal);
                view! {
                    <tr data-testid="low-stock-row" data-sku=product.sku.clone()>
                        <td data-label=t.sku dir="ltr">
                            <a href=product_address(&product.sku)>{product.sku.clone()}</a>
                        </td>
                        <td data-label=t.product>{lang.choose(&product.name_he, &product.name_en).to_owned()}</td>
                        <td data-label=t.available class="cell-number">{product.available}</td>
                        <td data-label=t.sold_30_days class="cell-number">{product.units_sold_30_days}</td>
                        <td data-label=t.days_of_cover class="cell-number">{cover}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table" data-testid="low-stock-table">
                    <thead>
                        <tr>
                            <th scope="col">{t.sku}</th>
                            <th scope="col">{t.product}</th>
                            <th scope="col">{t.available}</th>
                            <th scope="col">{t.sold_30_days}</th>
                            <th scope="col">{t.days_of_cover}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    }
}
