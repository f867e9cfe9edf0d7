//! The sheets of the steps that need details first: ship (carrier and tracking),
//! confirm delivery, cancel, ask to cancel or change, decline a request. Returns have
//! their own module (lines and quantities).

use leptos::prelude::*;

use super::return_sheet::ReturnSheet;
use super::step_form::{StepForm, Text, TextField};
use super::steps::{OpenSheet, StepRunner};
use super::{LiveOrder, Loaded};
use crate::api::fulfilment::{
    OrderAction, ShipmentInput, confirm_delivery, decline_request, move_order,
    request_cancellation, request_change, ship_order,
};
use crate::i18n::use_i18n;

/// The open sheet, over the order as it was when the sheet opened.
#[component]
pub fn StepSheets(runner: StepRunner, live: LiveOrder) -> impl IntoView {
    move || {
        let sheet = runner.sheet.get()?;
        let order = live.loaded.with_untracked(|loaded| match loaded {
            Loaded::Ready(order) => Some(order.as_ref().clone()),
            _ => None,
        })?;
        let number = order.number.clone();
        let view = match sheet {
            OpenSheet::Step(OrderAction::Ship) => view! { <ShipSheet runner number /> }.into_any(),
            OpenSheet::Step(OrderAction::Deliver) => {
                view! { <DeliverSheet runner number /> }.into_any()
            }
            OpenSheet::Step(OrderAction::Cancel) => {
                view! { <CancelSheet runner number /> }.into_any()
            }
            OpenSheet::Step(action @ (OrderAction::Return | OrderAction::RequestReturn)) => {
                view! { <ReturnSheet runner order by_staff=action == OrderAction::Return /> }
                    .into_any()
            }
            OpenSheet::Step(
                action @ (OrderAction::RequestCancellation | OrderAction::RequestChange),
            ) => view! { <RequestSheet runner number action /> }.into_any(),
            OpenSheet::Decline(request_id) => {
                view! { <DeclineSheet runner number request_id /> }.into_any()
            }
            OpenSheet::Step(_) => return None,
        };
        Some(view)
    }
}

/// "Sheet title SO-000123".
pub fn title_of(
    text: Text,
    number: String,
) -> impl Fn() -> AnyView + Send + Sync + Clone + 'static {
    let i18n = use_i18n();
    move || {
        view! {
            {move || text(&i18n.t().fulfilment)}
            " "
            <bdi dir="ltr">{number.clone()}</bdi>
        }
        .into_any()
    }
}

/// Whether a tracking link is one the customer may safely be sent to.
fn is_https_link(text: &str) -> bool {
    let text = text.trim();
    text.strip_prefix("https://")
        .is_some_and(|rest| !rest.is_empty() && !rest.contains(char::is_whitespace))
}

#[component]
fn ShipSheet(runner: StepRunner, number: String) -> impl IntoView {
    let carrier = RwSignal::new(String::new());
    let tracking_number = RwSignal::new(String::new());
    let tracking_url = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<Text>);
    let on_submit = Callback::new(move |()| {
        let shipment = ShipmentInput {
            carrier: carrier.get_untracked(),
            tracking_number: tracking_number.get_untracked(),
            tracking_url: Some(tracking_url.get_untracked()),
        };
        let url = shipment.tracking_url.as_deref().unwrap_or_default().trim();
        let problem: Option<Text> = if shipment.carrier.trim().is_empty() {
            Some(|t| t.carrier_missing)
        } else if shipment.tracking_number.trim().is_empty() {
            Some(|t| t.tracking_missing)
        } else if !url.is_empty() && !is_https_link(url) {
            Some(|t| t.tracking_url_invalid)
        } else {
            None
        };
        if problem.is_some() {
            invalid.set(problem);
            return;
        }
        let id = runner.order_id();
        runner.run(async move { ship_order(&id, &shipment).await });
    });
    view! {
        <StepForm
            title=title_of(|t| t.ship_title, number)
            test_id="ship-sheet"
            submit=|t| t.ship_confirm
            runner
            invalid
            on_submit
        >
            <TextField id="ship-carrier" label=|t| t.carrier hint=|t| t.carrier_hint value=carrier required=true invalid />
            <TextField id="ship-tracking-number" label=|t| t.tracking_number value=tracking_number required=true invalid />
            <TextField
                id="ship-tracking-url"
                label=|t| t.tracking_url
                hint=|t| t.tracking_url_hint
                value=tracking_url
                input_type="url"
                invalid
            />
        </StepForm>
    }
}

#[component]
fn DeliverSheet(runner: StepRunner, number: String) -> impl IntoView {
    let note = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<Text>);
    let on_submit = Callback::new(move |()| {
        let id = runner.order_id();
        let note = note.get_untracked();
        runner.run(async move { confirm_delivery(&id, &note).await });
    });
    view! {
        <StepForm
            title=title_of(|t| t.deliver_title, number)
            test_id="deliver-sheet"
            submit=|t| t.deliver_confirm
            runner
            invalid
            on_submit
        >
            <TextField id="delivery-note" label=|t| t.delivery_note hint=|t| t.delivery_note_hint value=note invalid />
        </StepForm>
    }
}

/// A sheet with one required text: a cancellation's reason, a request's message, the
/// reason a request is declined. `send` gets the text once it is not empty.
#[component]
fn ReasonSheet(
    runner: StepRunner,
    number: String,
    title: Text,
    test_id: &'static str,
    submit: Text,
    field_id: &'static str,
    label: Text,
    #[prop(optional)] hint: Option<Text>,
    /// What the step does that cannot be undone, above the field.
    #[prop(optional)]
    warning: Option<Text>,
    #[prop(optional)] close: Option<Text>,
    #[prop(optional)] danger: bool,
    send: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let invalid = RwSignal::new(None::<Text>);
    let on_submit = Callback::new(move |()| {
        let text = text.get_untracked();
        if text.trim().is_empty() {
            invalid.set(Some(|t| t.request_message_missing));
        } else {
            send.run(text);
        }
    });
    let warning = warning.map(|warning| {
        view! { <p class="notice warning">{move || warning(&i18n.t().fulfilment)}</p> }
    });
    let field = match hint {
        Some(hint) => view! {
            <TextField id=field_id label hint value=text rows=3 required=true invalid />
        }
        .into_any(),
        None => view! { <TextField id=field_id label value=text rows=3 required=true invalid /> }
            .into_any(),
    };
    view! {
        <StepForm
            title=title_of(title, number)
            test_id
            submit
            close=close.unwrap_or(|t| t.close)
            danger
            runner
            invalid
            on_submit
        >
            {warning}
            {field}
        </StepForm>
    }
}

#[component]
fn CancelSheet(runner: StepRunner, number: String) -> impl IntoView {
    let send = Callback::new(move |reason: String| {
        let id = runner.order_id();
        runner.run(async move { move_order(&id, OrderAction::Cancel, &reason).await });
    });
    view! {
        <ReasonSheet
            runner
            number
            title=|t| t.cancel_title
            test_id="cancel-sheet"
            submit=|t| t.cancel_confirm
            close=|t| t.keep_order
            danger=true
            warning=|t| t.cancel_warning
            field_id="cancel-reason"
            label=|t| t.cancel_reason
            send
        />
    }
}

/// A customer asks to cancel the order or to change it, in their own words.
#[component]
fn RequestSheet(runner: StepRunner, number: String, action: OrderAction) -> impl IntoView {
    let cancelling = action == OrderAction::RequestCancellation;
    let send = Callback::new(move |message: String| {
        let id = runner.order_id();
        runner.run(async move {
            if cancelling {
                request_cancellation(&id, &message).await
            } else {
                request_change(&id, &message).await
            }
        });
    });
    let (title, hint): (Text, Text) = if cancelling {
        (|t| t.request_cancel_title, |t| t.request_cancel_hint)
    } else {
        (|t| t.request_change_title, |t| t.request_change_hint)
    };
    view! {
        <ReasonSheet
            runner
            number
            title
            test_id="request-sheet"
            submit=|t| t.request_send
            field_id="request-message"
            label=|t| t.request_message
            hint
            send
        />
    }
}

#[component]
fn DeclineSheet(runner: StepRunner, number: String, request_id: String) -> impl IntoView {
    let request_id = StoredValue::new(request_id);
    let send = Callback::new(move |reason: String| {
        let id = request_id.get_value();
        runner.run(async move { decline_request(&id, &reason).await });
    });
    view! {
        <ReasonSheet
            runner
            number
            title=|t| t.decline_title
            test_id="decline-sheet"
            submit=|t| t.decline_confirm
            danger=true
            field_id="decline-reason"
            label=|t| t.decline_reason
            hint=|t| t.decline_reason_hint
            send
        />
    }
}
