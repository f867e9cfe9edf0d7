//! The queue's filters: a search for an order number or a SKU, status, company,
//! channel and dates. Each control writes the address (the filter's one source); the
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

/// Goes to an address of the queue without a new history entry.
type Navigate = Box<dyn Fn(&str)>;

/// The queue's filter, changed by writing the address.
#[derive(Clone, Copy)]
struct AddressFilter {
    current: RwSignal<OrderFilter>,
    navigate: StoredValue<Navigate, LocalStorage>,
}

impl AddressFilter {
    fn new(current: RwSignal<OrderFilter>) -> AddressFilter {
        let navigate = use_navigate();
        let go: Navigate = Box::new(move |to: &str| {
            navigate(
                to,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..NavigateOptions::default()
                },
            );
        });
        AddressFilter {
            current,
            navigate: StoredValue::new_local(go),
        }
    }

    fn change(self, edit: impl FnOnce(&mut OrderFilter)) {
        let mut next = self.current.get_untracked();
        edit(&mut next);
        let to = address(&next);
        self.navigate.with_value(|navigate| navigate(&to));
    }
}

/// Whether staff see orders of this status (pending and rejected orders never reach
/// the supplier).
fn in_queue(status: &OrderStatus) -> bool {
    !matches!(status, OrderStatus::PendingApproval | OrderStatus::Rejected)
}

/// An empty choice means "any".
fn non_empty(value: String) -> Option<String> {
    (!value.is_empty()).then_some(value)
}

#[component]
pub fn FilterBar(filter: RwSignal<OrderFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let writer = AddressFilter::new(filter);
    let company_list = LocalResource::new(companies);

    let statuses = Signal::derive(move || {
        let t = &i18n.t().orders;
        OrderStatus::ALL
            .into_iter()
            .filter(in_queue)
            .map(|status| (status.as_str().to_owned(), (t.status)(status).to_owned()))
            .collect()
    });
    let company_choices = Signal::derive(move || {
        company_list
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|company| (company.id, company.name))
            .collect()
    });
    let channels = Signal::derive(move || {
        let t = &i18n.t().orders;
        CHANNELS
            .into_iter()
            .map(|channel| (channel.to_owned(), (t.channel_name)(channel)))
            .collect()
    });
    let filtered = move || {
        filter.with(|filter| {
            OrderFilter {
                has_open_request: None,
                ..filter.clone()
            } != OrderFilter::default()
        })
    };
    // Everything but "only requests", which has its own way back.
    let clear = move |_| {
        writer.change(|filter| {
            *filter = OrderFilter {
                has_open_request: filter.has_open_request,
                ..OrderFilter::default()
            }
        });
    };

    view! {
        <form
            class="queue-filters"
            role="search"
            aria-label=tr(|t| t.staff_orders.filters_label)
            data-testid="queue-filters"
            on:submit=|event| event.prevent_default()
        >
            <SearchField writer />
            <ChoiceField
                id="queue-status"
                label=|t| t.orders.filter_label
                any=|t| t.staff_orders.status_all
                choices=statuses
                chosen=Signal::derive(move || {
                    filter.with(|filter| filter.status.map_or("", OrderStatus::as_str).to_owned())
                })
                on_change=Callback::new(move |value: Option<String>| {
                    writer.change(|filter| filter.status = value.as_deref().and_then(OrderStatus::parse));
                })
            />
            <ChoiceField
                id="queue-company"
                label=|t| t.staff_orders.company
                any=|t| t.staff_orders.company_all
                choices=company_choices
                chosen=Signal::derive(move || filter.with(|filter| filter.company_id.clone().unwrap_or_default()))
                on_change=Callback::new(move |value| writer.change(|filter| filter.company_id = value))
            />
            <ChoiceField
                id="queue-channel"
                label=|t| t.staff_orders.channel
                any=|t| t.staff_orders.channel_all
                choices=channels
                chosen=Signal::derive(move || filter.with(|filter| filter.channel.clone().unwrap_or_default()))
                on_change=Callback::new(move |value| writer.change(|filter| filter.channel = value))
            />
            <DayField writer bound=DayBound::From />
            <DayField writer bound=DayBound::To />
            <Show when=filtered>
                <button type="button" class="button ghost queue-clear" data-testid="queue-clear" on:click=clear>
                    {tr(|t| t.staff_orders.clear_filters)}
                </button>
            </Show>
        </form>
    }
}

/// The search box. What is typed runs ahead of the address while the typing goes on;
/// the address wins when it changes by itself (back button, "Clear filters").
#[component]
fn SearchField(writer: AddressFilter) -> impl IntoView {
    let typed = RwSignal::new(writer.current.get_untracked().search);
    let in_address = Memo::new(move |_| writer.current.with(|filter| filter.search.clone()));
    Effect::new(move |_| typed.set(in_address.get()));
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let type_text = move |text: String| {
        typed.set(text.clone());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || writer.change(|filter| filter.search = text.trim().to_owned()),
            SEARCH_DELAY,
        )
        .ok();
        pending.set_value(handle);
    };
    on_cleanup(move || {
        if let Some(handle) = pending.try_get_value().flatten() {
            handle.clear();
        }
    });
    view! {
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
                prop:value=move || typed.get()
                on:input=move |event| type_text(event_target_value(&event))
            />
        </div>
    }
}

/// A select with "any" (or "choose") first, then the choices as (value, words). Each
/// option knows whether it is chosen, so the choice still shows when the options are
/// drawn again or arrive late (the companies).
#[component]
pub(super) fn ChoiceField(
    id: &'static str,
    label: fn(&Texts) -> &'static str,
    any: fn(&Texts) -> &'static str,
    choices: Signal<Vec<(String, String)>>,
    /// The value chosen now; empty for any.
    chosen: Signal<String>,
    on_change: Callback<Option<String>>,
) -> impl IntoView {
    let options = move || {
        let wanted = chosen.get();
        choices
            .get()
            .into_iter()
            .map(|(value, words)| {
                let selected = value == wanted;
                view! { <option value=value prop:selected=selected>{words}</option> }
            })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <select
                id=id
                class="select"
                data-testid=id
                on:change=move |event| on_change.run(non_empty(event_target_value(&event)))
            >
                <option value="" prop:selected=move || chosen.with(String::is_empty)>{tr(any)}</option>
                {options}
            </select>
        </div>
    }
}

/// Which end of the date range a field sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum DayBound {
    From,
    To,
}

impl DayBound {
    fn of(self, filter: &OrderFilter) -> Option<String> {
        match self {
            DayBound::From => filter.from.clone(),
            DayBound::To => filter.to.clone(),
        }
    }

    fn other(self) -> DayBound {
        match self {
            DayBound::From => DayBound::To,
            DayBound::To => DayBound::From,
        }
    }
}

/// A date input for one end of the range; the other end bounds what it offers.
#[component]
fn DayField(writer: AddressFilter, bound: DayBound) -> impl IntoView {
    let (id, label): (&str, fn(&Texts) -> &'static str) = match bound {
        DayBound::From => ("queue-from", |t| t.staff_orders.from),
        DayBound::To => ("queue-to", |t| t.staff_orders.to),
    };
    let day = move |which: DayBound| {
        writer
            .current
            .with(|filter| which.of(filter))
            .unwrap_or_default()
    };
    let limit = move |end: DayBound| {
        move || {
            if bound == end {
                day(bound.other())
            } else {
                String::new()
            }
        }
    };
    let change = move |event| {
        let value = non_empty(event_target_value(&event));
        writer.change(|filter| match bound {
            DayBound::From => filter.from = value,
            DayBound::To => filter.to = value,
        });
    };
    view! {
        <div class="field">
            <label for=id>{tr(label)}</label>
            <input
                id=id
                type="date"
                data-testid=id
                prop:value=move || day(bound)
                prop:min=limit(DayBound::To)
                prop:max=limit(DayBound::From)
                on:change=change
            />
        </div>
    }
}
