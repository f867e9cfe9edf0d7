//! Recording one payment: the company, amount, date (today unless told otherwise),
//! reference and note, checked as the server checks them; the company's balance now
//! and after the payment while it is typed; after recording, the balance before and
//! after as the server reports it.

use leptos::html::Input;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::companies::CompanySummary;
use crate::api::payments::{NewPayment, company_balance, record_payment};
use crate::api::{ApiError, ErrorCode};
use crate::components::company_balance::{BalanceFacts, balance_of};
use crate::components::company_picker::CompanyPicker;
use crate::i18n::{tr, use_i18n};
use crate::pages::payments::outcome::{RecordFailure, Recorded, RecordedNotice};
use crate::pages::payments::validate::{Field, Problem, Typed, check, check_amount, today_utc};

#[component]
pub fn RecordPayment() -> impl IntoView {
    let i18n = use_i18n();
    let company = RwSignal::new(None::<CompanySummary>);
    let amount = RwSignal::new(String::new());
    let today = today_utc();
    let date = RwSignal::new(today.clone());
    let reference = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problems = RwSignal::new(Vec::<Problem>::new());
    let saving = RwSignal::new(false);
    let recorded = RwSignal::new(None::<Recorded>);
    let failure = RwSignal::new(None::<ApiError>);
    let refresh = RwSignal::new(0_u32);
    let balance = balance_of(company, refresh);
    let amount_input = NodeRef::<Input>::new();
    let paying = Signal::derive(move || amount.with(|text| check_amount(text).ok()));

    let problem_of = move |field: Field| {
        Signal::derive(move || {
            problems.with(|problems| {
                problems
                    .iter()
                    .find(|problem| problem.field() == field)
                    .map(|problem| problem.text())
            })
        })
    };
    // Typing in a field clears its problem and the last outcome.
    let edit = move |signal: RwSignal<String>, field: Field| {
        move |event: leptos::ev::Event| {
            signal.set(event_target_value(&event));
            problems.update(|problems| problems.retain(|problem| problem.field() != field));
            failure.set(None);
        }
    };

    let today_for_check = today.clone();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if saving.get_untracked() {
            return;
        }
        let chosen = company.get_untracked();
        let reference_text = reference.get_untracked();
        let checked = check(
            &Typed {
                company_id: chosen.as_ref().map(|company| company.id.as_str()),
                amount: &amount.get_untracked(),
                date: &date.get_untracked(),
                reference: &reference_text,
                note: &note.get_untracked(),
            },
            &today_for_check,
        );
        recorded.set(None);
        failure.set(None);
        let (company_id, paid) = match checked {
            Ok(valid) => valid,
            Err(found) => {
                problems.set(found);
                return;
            }
        };
        problems.set(Vec::new());
        let payment = NewPayment {
            company_id,
            amount: paid,
            date: date.get_untracked(),
            reference: reference_text,
            note: note.get_untracked(),
        };
        let company_name = chosen.map(|company| company.name).unwrap_or_default();
        let before = balance
            .get_untracked()
            .and_then(Result::ok)
            .map(|balance| balance.balance);
        saving.set(true);
        spawn_local(async move {
            let result = record_payment(&payment).await;
            let outcome = match result {
                Ok(saved) => {
                    // The balance after, as the server now reports it.
                    let after = company_balance(&payment.company_id)
                        .await
                        .ok()
                        .map(|balance| balance.balance);
                    Ok(Recorded {
                        company: company_name,
                        reference: saved.reference,
                        amount: saved.amount,
                        before,
                        after,
                    })
                }
                Err(error) => Err(error),
            };
            saving.try_set(false);
            match outcome {
                Ok(done) => {
                    amount.try_set(String::new());
                    reference.try_set(String::new());
                    note.try_set(String::new());
                    refresh.try_update(|count| *count += 1);
                    recorded.try_set(Some(done));
                    if let Some(input) = amount_input.get_untracked() {
                        let _ = input.focus();
                    }
                }
                Err(error) => {
                    failure.try_set(Some(error));
                }
            }
        });
    };

    let field_error = move |id: &'static str, field: Field| {
        let problem = problem_of(field);
        view! {
            <p id=id class="hint hint-error" data-testid=id>
                {move || problem.get().map(|text| text(i18n.t()))}
            </p>
        }
    };
    let invalid = move |field: Field| {
        let problem = problem_of(field);
        move || {
            if problem.with(Option::is_some) {
                "true"
            } else {
                "false"
            }
        }
    };
    // A reference recorded before is marked on its field too.
    let reference_invalid = {
        let problem = invalid(Field::Reference);
        move || {
            let duplicate = failure.with(|failure| {
                failure.as_ref().and_then(ApiError::code) == Some(ErrorCode::Conflict)
            });
            if duplicate { "true" } else { problem() }
        }
    };

    view! {
        <form class="card form-card payment-form" on:submit=submit novalidate data-testid="payment-form">
            <h2>{tr(|t| t.payments.record_title)}</h2>
            <CompanyPicker selected=company id="payment-company" error=problem_of(Field::Company) />
            <BalanceFacts balance paying />
            <div class="form-grid">
                <div class="field">
                    <label for="payment-amount">{tr(|t| t.payments.amount)}</label>
                    <input
                        id="payment-amount"
                        node_ref=amount_input
                        type="text"
                        inputmode="decimal"
                        dir="ltr"
                        autocomplete="off"
                        data-testid="payment-amount"
                        aria-invalid=invalid(Field::Amount)
                        aria-describedby="payment-amount-hint payment-amount-error"
                        prop:value=move || amount.get()
                        on:input=edit(amount, Field::Amount)
                    />
                    <p id="payment-amount-hint" class="hint">{tr(|t| t.payments.amount_hint)}</p>
                    {field_error("payment-amount-error", Field::Amount)}
                </div>
                <div class="field">
                    <label for="payment-date">{tr(|t| t.payments.date)}</label>
                    <input
                        id="payment-date"
                        type="date"
                        dir="ltr"
                        max=today
                        data-testid="payment-date"
                        aria-invalid=invalid(Field::Date)
                        aria-describedby="payment-date-error"
                        prop:value=move || date.get()
                        on:input=edit(date, Field::Date)
                    />
                    {field_error("payment-date-error", Field::Date)}
                </div>
                <div class="field">
                    <label for="payment-reference">{tr(|t| t.payments.reference)}</label>
                    <input
                        id="payment-reference"
                        type="text"
                        dir="auto"
                        autocomplete="off"
                        maxlength="100"
                        data-testid="payment-reference"
                        aria-invalid=reference_invalid
                        aria-describedby="payment-reference-hint payment-reference-error payment-error"
                        prop:value=move || reference.get()
                        on:input=edit(reference, Field::Reference)
                    />
                    <p id="payment-reference-hint" class="hint">{tr(|t| t.payments.reference_hint)}</p>
                    {field_error("payment-reference-error", Field::Reference)}
                </div>
            </div>
            <div class="field">
                <label for="payment-note">{tr(|t| t.payments.note)}</label>
                <textarea
                    id="payment-note"
                    rows="2"
                    maxlength="300"
                    data-testid="payment-note"
                    aria-invalid=invalid(Field::Note)
                    aria-describedby="payment-note-error"
                    prop:value=move || note.get()
                    on:input=edit(note, Field::Note)
                ></textarea>
                {field_error("payment-note-error", Field::Note)}
            </div>
            {move || failure.get().map(|error| view! { <RecordFailure error reference /> })}
            {move || recorded.get().map(|done| view! { <RecordedNotice done /> })}
            <div class="actions">
                <button
                    type="submit"
                    class="button primary"
                    data-testid="payment-record"
                    aria-busy=move || if saving.get() { "true" } else { "false" }
                    disabled=move || saving.get()
                >
                    {move || {
                        let t = &i18n.t().payments;
                        if saving.get() { t.recording } else { t.record }
                    }}
                </button>
            </div>
        </form>
    }
}
