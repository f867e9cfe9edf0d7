//! The entry form: the customer and how it ordered, the lines (typed by SKU or pasted
//! from the customer's e-mail), the note, and "Place order". Every line is checked
//! against the customer's catalog as it is typed; the server checks them all again,
//! with stock and credit, and places the order whole or not at all.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::cart::OrderRequest;
use crate::api::order_entry::{Channel, EnteredOrder, place_order_for};
use crate::components::company_balance::{BalanceFacts, balance_of};
use crate::components::company_picker::CompanyPicker;
use crate::components::sku_lines::paste_box::PasteBox;
use crate::components::sku_lines::paste_parse::Parsed;
use crate::components::sku_lines::row::QuickRow;
use crate::components::sku_lines::table::{QuickRows, QuickTable};
use crate::i18n::{Text, tr, use_i18n};
use crate::pages::staff_entry::draft::{NotReady, OrderDraft};
use crate::pages::staff_entry::failure::{EntryFailure, NotReadyNotice};

#[component]
pub fn EntryForm(draft: OrderDraft, on_placed: Callback<EnteredOrder>) -> impl IntoView {
    let i18n = use_i18n();
    let placing = RwSignal::new(false);
    let not_ready = RwSignal::new(None::<NotReady>);
    let failure = RwSignal::new(None::<ApiError>);
    let balance_refresh = RwSignal::new(0_u32);
    let balance = balance_of(draft.company, balance_refresh);
    let pasted = RwSignal::new(None::<usize>);
    let problem = Callback::new(move |row: QuickRow| draft.row_problem(i18n.t(), row));
    // What the last "Place order" found wrong is stale once another customer is chosen.
    Effect::watch(
        move || {
            draft
                .company
                .with(|company| company.as_ref().map(|c| c.id.clone()))
        },
        move |_, _, _| {
            not_ready.set(None);
            failure.set(None);
        },
        false,
    );

    let place = move || {
        if placing.get_untracked() {
            return;
        }
        failure.set(None);
        let lines = match untrack(|| draft.lines(i18n.t())) {
            Ok(lines) => lines,
            Err(reason) => {
                not_ready.set(Some(reason));
                if let NotReady::RowProblems(key) = reason {
                    focus_row(draft.rows, key);
                }
                return;
            }
        };
        not_ready.set(None);
        let Some(company) = draft.company.get_untracked() else {
            return;
        };
        let request = OrderRequest {
            lines,
            cost_center_id: None,
            note: draft.note.get_untracked(),
        };
        let channel = draft.channel.get_untracked();
        let key = draft.idempotency_key.get_value();
        placing.set(true);
        spawn_local(async move {
            let result = place_order_for(&company.id, channel, &request, &key).await;
            placing.try_set(false);
            match result {
                Ok(order) => on_placed.run(order),
                Err(error) => {
                    refresh_after(&error, draft.rows, balance_refresh);
                    failure.try_set(Some(error));
                }
            }
        });
    };

    let add_pasted = move |Parsed { lines, unreadable }: Parsed| {
        draft.rows.add_pasted(&lines);
        // What could not be read stays in the box, to be fixed and added again.
        draft.paste_text.set(unreadable.join("\n"));
        pasted.set(Some(lines.len()));
    };
    let suspended = move || {
        draft
            .company
            .with(|company| company.as_ref().is_some_and(|company| !company.active))
    };
    let company_error = Signal::derive(move || {
        (not_ready.get() == Some(NotReady::NoCompany))
            .then_some::<Text>(|t| t.staff_entry.choose_company)
    });

    view! {
        <section class="card entry-customer" aria-labelledby="entry-customer-title">
            <h2 id="entry-customer-title">{tr(|t| t.staff_entry.customer_title)}</h2>
            <div class="form-grid">
                <CompanyPicker selected=draft.company id="entry-company" error=company_error />
                <ChannelSelect channel=draft.channel />
            </div>
            {move || suspended().then(|| view! {
                <p class="notice error" role="alert" data-testid="entry-suspended">
                    {(i18n.t().staff_entry.company_suspended)(&draft.company_name())}
                </p>
            })}
            <BalanceFacts balance />
        </section>
        <section class="card entry-lines" aria-labelledby="entry-lines-title">
            <h2 id="entry-lines-title">{tr(|t| t.staff_entry.lines_title)}</h2>
            <p class="hint">{tr(|t| t.staff_entry.base_prices_hint)}</p>
            <QuickTable
                rows=draft.rows
                problem
                price_label=|t| t.staff_entry.base_price
                help=|t| t.staff_entry.quick_help
                label=|t| t.staff_entry.lines_title
                on_submit=Callback::new(move |()| place())
            />
            <details class="entry-paste">
                <summary>{tr(|t| t.cart.paste)}</summary>
                <PasteBox
                    text=draft.paste_text
                    busy=Signal::stored(false)
                    add_label=|t, count| (t.staff_entry.paste_add)(count)
                    on_add=Callback::new(add_pasted)
                >
                    {move || pasted.get().map(|count| view! {
                        <p class="notice success" role="status">{(i18n.t().staff_entry.pasted)(count)}</p>
                    })}
                </PasteBox>
            </details>
        </section>
        <form
            class="card entry-submit"
            aria-labelledby="entry-submit-title"
            on:submit=move |event| {
                event.prevent_default();
                place();
            }
        >
            <h2 id="entry-submit-title" class="visually-hidden">{tr(|t| t.staff_entry.place)}</h2>
            <div class="field">
                <label for="entry-note">{tr(|t| t.staff_entry.note)}</label>
                <textarea
                    id="entry-note"
                    rows="3"
                    maxlength="1000"
                    data-testid="entry-note"
                    prop:value=move || draft.note.get()
                    on:input=move |event| draft.note.set(event_target_value(&event))
                ></textarea>
            </div>
            {move || not_ready.get().map(|reason| view! { <NotReadyNotice reason /> })}
            {move || failure.get().map(|error| view! { <EntryFailure error company=draft.company_name() /> })}
            <button
                type="submit"
                class="button primary"
                data-testid="entry-place"
                aria-busy=move || if placing.get() { "true" } else { "false" }
                disabled=move || placing.get() || suspended()
            >
                {move || {
                    let t = &i18n.t().staff_entry;
                    if placing.get() { t.placing } else { t.place }
                }}
            </button>
        </form>
    }
}

#[component]
fn ChannelSelect(channel: RwSignal<Channel>) -> impl IntoView {
    let i18n = use_i18n();
    let options = move || {
        let t = i18n.t();
        Channel::ALL
            .into_iter()
            .map(|option| {
                view! {
                    <option value=option.as_str() selected=move || channel.get() == option>
                        {(t.orders.channel_name)(option.as_str())}
                    </option>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="entry-channel">{tr(|t| t.staff_entry.channel)}</label>
            <select
                id="entry-channel"
                class="select"
                data-testid="entry-channel"
                on:change=move |event| {
                    if let Some(chosen) = Channel::parse(&event_target_value(&event)) {
                        channel.set(chosen);
                    }
                }
            >
                {options}
            </select>
        </div>
    }
}

/// After a refusal the page shows what changed meanwhile: the stock of every row
/// (another order may have taken it) and the customer's credit.
fn refresh_after(error: &ApiError, rows: QuickRows, balance_refresh: RwSignal<u32>) {
    use crate::api::ErrorCode;
    match error.code() {
        Some(ErrorCode::OutOfStock) => {
            for row in rows.filled() {
                row.type_sku(row.sku.get_untracked());
            }
        }
        Some(ErrorCode::CreditLimit) => balance_refresh.update(|count| *count += 1),
        _ => {}
    }
}

fn focus_row(rows: QuickRows, key: u64) {
    let row = rows
        .rows
        .with_untracked(|rows| rows.iter().copied().find(|row| row.key == key));
    if let Some(row) = row {
        QuickRows::focus_later(row);
    }
}
