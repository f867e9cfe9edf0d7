//! The pick list of an order (staff): what to take from the shelves, by SKU, to print
//! and tick off on paper. Printing leaves out the header, the navigation and the
//! buttons (`staff_orders.css`).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::api::queue::{PickLine, PickList, pick_list};
use crate::components::orders::format;
use crate::components::skeleton::TableSkeleton;
use crate::components::staff::StaffOnly;
use crate::i18n::{tr, use_i18n};
use crate::pages::staff_orders::QUEUE_PATH;

#[component]
pub fn PickListPage() -> impl IntoView {
    view! {
        <StaffOnly>
            <PickListScreen />
        </StaffOnly>
    }
}

#[component]
fn PickListScreen() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let order_id = Memo::new(move |_| params.with(|params| params.get("id").unwrap_or_default()));
    let pick = LocalResource::new(move || {
        let order_id = order_id.get();
        async move { pick_list(&order_id).await }
    });
    let content = move || {
        pick.get().map(|result| match result {
            Ok(list) => view! { <PickSheet list /> }.into_any(),
            Err(error) => view! {
                <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
            }
            .into_any(),
        })
    };
    let print = move |_| {
        if window().print().is_err() {
            leptos::logging::warn!("the browser refused to print");
        }
    };
    view! {
        <section class="page pick-list-page" data-testid="pick-list-page">
            <div class="pick-list-actions no-print">
                <A href=QUEUE_PATH attr:class="button ghost">{tr(|t| t.staff_orders.back_to_queue)}</A>
                <button type="button" class="button primary" data-testid="print-pick-list" on:click=print>
                    {tr(|t| t.staff_orders.print)}
                </button>
            </div>
            <Transition fallback=|| view! { <div class="card"><TableSkeleton rows=6 columns=6 /></div> }>
                {content}
            </Transition>
        </section>
    }
}

#[component]
fn PickSheet(list: PickList) -> impl IntoView {
    let i18n = use_i18n();
    let PickList { order, lines } = list;
    let company = order
        .company
        .map(|company| company.name)
        .unwrap_or_default();
    let channel = order.channel;
    let note = (!order.note.is_empty()).then(|| {
        view! {
            <dt>{tr(|t| t.orders.note)}</dt>
            <dd class="order-note" data-testid="pick-list-note">{order.note}</dd>
        }
    });
    let header = move || {
        let t = &i18n.t().staff_orders;
        view! {
            <tr>
                <th scope="col">{t.col_sku}</th>
                <th scope="col">{t.col_product}</th>
                <th scope="col">{t.col_unit}</th>
                <th scope="col" class="cell-end">{t.col_pack_size}</th>
                <th scope="col" class="cell-end">{t.col_quantity}</th>
                <th scope="col" class="cell-end">{t.col_packs}</th>
                <th scope="col" class="cell-end">{t.col_on_hand}</th>
                <th scope="col" class="cell-picked">{t.col_picked}</th>
            </tr>
        }
    };
    let empty = lines.is_empty().then(|| {
        view! { <p class="empty-state">{tr(|t| t.staff_orders.pick_list_empty)}</p> }
    });
    let rows = lines
        .into_iter()
        .map(|line| view! { <PickRow line /> })
        .collect_view();
    view! {
        <article class="card pick-sheet">
            <header class="pick-sheet-header">
                <h1>
                    {tr(|t| t.staff_orders.pick_list_title)} " "
                    <A href=format!("/orders/{}", order.id) attr:data-testid="pick-list-number">
                        <bdi dir="ltr">{order.number}</bdi>
                    </A>
                </h1>
                <dl class="order-facts">
                    <dt>{tr(|t| t.staff_orders.company)}</dt>
                    <dd data-testid="pick-list-company">{company}</dd>
                    <dt>{tr(|t| t.staff_orders.placed_on)}</dt>
                    <dd class="cell-number">{format::date(&order.created_at)}</dd>
                    <dt>{tr(|t| t.staff_orders.channel)}</dt>
                    <dd>{move || (i18n.t().orders.channel_name)(&channel)}</dd>
                    {note}
                </dl>
            </header>
            <div
                class="lines-scroll"
                role="region"
                aria-label=tr(|t| t.staff_orders.pick_list_title)
                tabindex="0"
            >
                <table class="lines-table pick-table" data-testid="pick-lines">
                    <thead>{header}</thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {empty}
            <div class="pick-signatures">
                <span>{tr(|t| t.staff_orders.picked_by)}</span>
                <span>{tr(|t| t.staff_orders.checked_by)}</span>
            </div>
        </article>
    }
}

#[component]
fn PickRow(line: PickLine) -> impl IntoView {
    let i18n = use_i18n();
    let PickLine {
        sku,
        name_he,
        name_en,
        unit,
        pack_size,
        quantity,
        packs,
        on_hand,
    } = line;
    let tick_label = {
        let sku = sku.clone();
        move || (i18n.t().staff_orders.picked_line)(&sku)
    };
    let test_sku = sku.clone();
    view! {
        <tr data-testid="pick-line" data-sku=test_sku>
            <td class="cell-sku"><bdi dir="ltr">{sku}</bdi></td>
            <td>{move || i18n.lang().choose(&name_he, &name_en).to_owned()}</td>
            <td>{move || (i18n.t().catalog.unit_name)(&unit)}</td>
            <td class="cell-number cell-end">{pack_size}</td>
            <td class="cell-number cell-end cell-strong" data-testid="pick-quantity">{quantity}</td>
            <td class="cell-number cell-end">{packs}</td>
            <td class="cell-number cell-end" class:short=on_hand < quantity>{on_hand}</td>
            <td class="cell-picked">
                <input type="checkbox" class="pick-tick" aria-label=tick_label />
            </td>
        </tr>
    }
}
