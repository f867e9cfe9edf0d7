//! The queue's filters: status, company, dates, channel and a search for an order
//! number or a SKU. Each control writes the address (the filter's one source); the
//! search waits for a pause in typing first.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use shared::OrderStatus;

use super::address::address;
use crate::api::companies::companies;
use crate::api::orders::{CHANNELS, OrderFilter};
use crate::i18n::{Texts, tr, use_i18n};

const SEARCH_DELAY: Duration = Duration::from_millis(300);

/// Whether staff see orders of this status (pending and rejected orders never reach
/// the supplier).
fn in_queue(status: &OrderStatus) -> bool {
    !matches!(status, OrderStatus::PendingApproval | OrderStatus::Rejected)
}

/// An empty choice means "any".
fn chosen(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

#[component]
pub fn FilterBar(filter: RwSignal<OrderFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let change = move |edit: &dyn Fn(&mut OrderFilter)| {
        let mut next = filter.get_untracked();
        edit(&mut next);
        navigate(
            &address(&next),
            NavigateOptions {
                replace: true,
                scroll: false,
                ..NavigateOptions::default()
            },
        );
    };
    let change = StoredValue::new_local(change);
    let set = move |edit: &dyn Fn(&mut OrderFilter)| change.with_value(|change| change(edit));

    // What is typed, ahead of the address while the typing goes on; the address wins
    // when it changes (back button, "Clear filters").
    let search_text = RwSignal::new(filter.get_untracked().search);
    let search_in_address = Memo::new(move |_| filter.with(|filter| filter.search.clone()));
    Effect::new(move |_| search_text.set(search_in_address.get()));
    let pending_search = StoredValue::new(None::<TimeoutHandle>);
    let type_search = move |text: String| {
        search_text.set(text.clone());
        if let Some(handle) = pending_search.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || set(&|filter| filter.search = text.trim().to_owned()),
            SEARCH_DELAY,
        )
        .ok();
        pending_search.set_value(handle);
    };
    on_cleanup(move || {
        if let Some(handle) = pending_search.try_get_value().flatten() {
            handle.clear();
        }
    });

    let company_list = LocalResource::new(companies);
    let company_options = move || {
        let wanted = filter.with(|filter| filter.company_id.clone());
        company_list
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|company| {
                // Chosen per option: the options arrive after the address is read.
                let selected = wanted.as_deref() == Some(company.id.as_str());
                view! { <option value=company.id prop:selected=selected>{company.name}</option> }
            })
            .collect_view()
    };
    let status_options = move || {
        let t = &i18n.t().orders;
        OrderStatus::ALL
            .into_iter()
            .filter(in_queue)
            .map(|status| view! { <option value=status.as_str()>{(t.status)(status)}</option> })
            .collect_view()
    };
    let channel_options = move || {
        let t = &i18n.t().orders;
        CHANNELS
            .into_iter()
            .map(|channel| view! { <option value=channel>{(t.channel_name)(channel)}</option> })
            .collect_view()
    };
    let set_day = Callback::new(move |(bound, day): (DayBound, Option<String>)| {
        set(&|filter| *bound.of(filter) = day.clone());
    });
    let filtered = move || {
        filter.with(|filter| {
            OrderFilter {
                has_open_request: None,
                ..filter.clone()
            } != OrderFilter::default()
        })
    };

    view! {
        <form
            class="queue-filters"
            role="search"
            aria-label=tr(|t| t.staff_orders.filters_label)
            data-testid="queue-filters"
            on:submit=|event| event.prevent_default()
        >
            <div class="field queue-search">
                <label for="queue-search">{tr(|t| t.staff_orders.search)}</label>
                <input
                    id="queue-search"
                    type="search"
                    dir="ltr"
                    autocomplete="off"
                    spellcheck="false"
                    data-testid="queue-search"
                    placeholder=tr(|t| t.staff_orders.search_placeholder)
                    prop:value=move || search_text.get()
                    on:input=move |event| type_search(event_target_value(&event))
                />
            </div>
            <div class="field">
                <label for="queue-status">{tr(|t| t.orders.filter_label)}</label>
                <select
                    id="queue-status"
                    class="select"
                    data-testid="queue-status"
                    prop:value=move || filter.with(|filter| filter.status.map_or("", OrderStatus::as_str))
                    on:change=move |event| {
                        let status = OrderStatus::parse(&event_target_value(&event));
                        set(&|filter| filter.status = status);
                    }
                >
                    <option value="">{tr(|t| t.staff_orders.status_all)}</option>
                    {status_options}
                </select>
            </div>
            <div class="field">
                <label for="queue-company">{tr(|t| t.staff_orders.company)}</label>
                <select
                    id="queue-company"
                    class="select"
                    data-testid="queue-company"
                    on:change=move |event| {
                        let company = chosen(event_target_value(&event));
                        set(&|filter| filter.company_id = company.clone());
                    }
                >
                    <option value="" prop:selected=move || filter.with(|filter| filter.company_id.is_none())>
                        {tr(|t| t.staff_orders.company_all)}
                    </option>
                    {company_options}
                </select>
            </div>
            <div class="field">
                <label for="queue-channel">{tr(|t| t.staff_orders.channel)}</label>
                <select
                    id="queue-channel"
                    class="select"
                    data-testid="queue-channel"
                    prop:value=move || filter.with(|filter| filter.channel.clone().unwrap_or_default())
                    on:change=move |event| {
                        let channel = chosen(event_target_value(&event));
                        set(&|filter| filter.channel = channel.clone());
                    }
                >
                    <option value="">{tr(|t| t.staff_orders.channel_all)}</option>
                    {channel_options}
                </select>
            </div>
            <DayField filter bound=DayBound::From on_change=set_day />
            <DayField filter bound=DayBound::To on_change=set_day />
            <Show when=filtered>
                <button
                    type="button"
                    class="button ghost queue-clear"
                    data-testid="queue-clear"
                    on:click=move |_| {
                        set(&|filter| {
                            *filter = OrderFilter {
                                has_open_request: filter.has_open_request,
                                ..OrderFilter::default()
                            }
                        })
                    }
                >
                    {tr(|t| t.staff_orders.clear_filters)}
                </button>
            </Show>
        </form>
    }
}

/// Which end of the date range a field sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DayBound {
    From,
    To,
}

impl DayBound {
    fn of(self, filter: &mut OrderFilter) -> &mut Option<String> {
        match self {
            DayBound::From => &mut filter.from,
            DayBound::To => &mut filter.to,
        }
    }
}

/// A date input for one end of the range; the other end bounds what it offers.
#[component]
fn DayField(
    filter: RwSignal<OrderFilter>,
    bound: DayBound,
    on_change: Callback<(DayBound, Option<String>)>,
) -> impl IntoView {
    let (id, label): (&str, fn(&Texts) -> &'static str) = match bound {
        DayBound::From => ("queue-from", |t| t.staff_orders.from),
        DayBound::To => ("queue-to", |t| t.staff_orders.to),
    };
    let day_of = move |which: DayBound| {
        filter.with(|filter| match which {
            DayBound::From => filter.from.clone(),
            DayBound::To => filter.to.clone(),
        })
    };
    let other_end = move || match bound {
        DayBound::From => day_of(DayBound::To),
        DayBound::To => day_of(DayBound::From),
    };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <input
                id=id
                type="date"
                data-testid=id
                prop:value=move || day_of(bound).unwrap_or_default()
                prop:min=move || (bound == DayBound::To).then(other_end).flatten().unwrap_or_default()
                prop:max=move || (bound == DayBound::From).then(other_end).flatten().unwrap_or_default()
                on:change=move |event| on_change.run((bound, chosen(event_target_value(&event))))
            />
        </div>
    }
}
