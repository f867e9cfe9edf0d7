//! One product of the staff's list, with its actions and the panel they open below it.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::api::catalog::{Product, product_href};
use crate::components::catalog::availability::AvailabilityBadge;
use crate::components::catalog::browser::CatalogBrowser;
use crate::components::catalog::live_stock::LiveStock;
use crate::components::catalog::price::PriceCell;
use crate::components::catalog::product_list::unit_text;
use crate::components::notice::Notice;
use crate::i18n::{Lang, tr, use_i18n};

use super::prices::PricesPanel;
use super::stock::StockPanel;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Panel {
    Stock,
    Prices,
}

#[component]
pub fn StaffProductRow(
    product: Product,
    live: LiveStock,
    browser: CatalogBrowser,
    on_edit: Callback<Product>,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(None::<Panel>);
    // The row stays while the product is saved again (its open panel with it); its
    // cells follow the list's latest copy of the product.
    let sku = product.sku.clone();
    let latest = {
        let sku = sku.clone();
        Memo::new(move |_| {
            browser
                .products
                .with(|list| list.iter().find(|item| item.sku == sku).cloned())
                .unwrap_or_else(|| product.clone())
        })
    };
    let stored = latest;
    let available = {
        let sku = sku.clone();
        Signal::derive(move || live.available(&sku, latest.with(|p| p.available)))
    };
    let panel_id = format!("panel-{}", latest.with_untracked(|p| p.id.clone()));
    let names = move || {
        stored.with(|p| {
            let (first, second) = match i18n.lang() {
                Lang::He => (&p.name_he, &p.name_en),
                Lang::En => (&p.name_en, &p.name_he),
            };
            (first.clone(), second.clone())
        })
    };
    let toggle = move |panel: Panel| {
        notice.set(None);
        open.update(|current| {
            *current = if *current == Some(panel) {
                None
            } else {
                Some(panel)
            }
        });
    };
    let action = {
        let panel_id = panel_id.clone();
        move |panel: Panel| {
            view! {
                <button
                    type="button"
                    class="button small"
                    data-action=match panel {
                        Panel::Stock => "stock",
                        Panel::Prices => "prices",
                    }
                    aria-expanded=move || if open.get() == Some(panel) { "true" } else { "false" }
                    aria-controls=panel_id.clone()
                    on:click=move |_| toggle(panel)
                >
                    {move || {
                        let t = &i18n.t().staff_products;
                        match panel {
                            Panel::Stock => t.stock,
                            Panel::Prices => t.prices,
                        }
                    }}
                </button>
            }
        }
    };
    let panel = move || {
        open.get().map(|panel| {
            let content = match panel {
                Panel::Stock => view! {
                    <StockPanel product=stored.get_untracked() live />
                }
                .into_any(),
                Panel::Prices => view! {
                    <PricesPanel product=stored.get_untracked() browser />
                }
                .into_any(),
            };
            view! {
                <tr class="panel-row">
                    <td colspan="7" id=panel_id.clone()>
                        <div class="row-panel">
                            {content}
                            <button type="button" class="button ghost small" on:click=move |_| open.set(None)>
                                {tr(|t| t.staff.close)}
                            </button>
                        </div>
                    </td>
                </tr>
            }
        })
    };

    let active = move || stored.with(|p| p.active);
    view! {
        <tr data-testid="staff-product-row" data-sku=sku class:inactive=move || !active()>
            <td class="cell-sku"><bdi dir="ltr">{move || stored.with(|p| p.sku.clone())}</bdi></td>
            <td>
                <A href=move || stored.with(|p| product_href(&p.sku)) attr:class="product-link">
                    {move || names().0}
                </A>
                <span class="muted secondary-name" dir="auto">{move || names().1}</span>
            </td>
            <td>{move || stored.with(|p| unit_text(p, &i18n.t().catalog))}</td>
            <td>{move || view! { <PriceCell product=stored.get() /> }}</td>
            <td><AvailabilityBadge available /></td>
            <td>
                <span class="badge" class:badge-off=move || !active()>
                    {move || {
                        let t = &i18n.t().staff_products;
                        if active() { t.active } else { t.inactive }
                    }}
                </span>
            </td>
            <td>
                <div class="row-actions">
                    <button
                        type="button"
                        class="button small"
                        data-action="edit"
                        on:click=move |_| on_edit.run(stored.get_untracked())
                    >
                        {tr(|t| t.staff_products.edit)}
                    </button>
                    {action(Panel::Stock)}
                    {action(Panel::Prices)}
                </div>
            </td>
        </tr>
        {panel}
    }
}
