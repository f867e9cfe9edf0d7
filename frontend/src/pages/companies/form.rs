//! The company form of staff: a new company, or a company's details and terms. Each
//! field says what is wrong with it before anything is sent; the server checks again.

use std::str::FromStr;

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

use crate::api::catalog_admin::price_lists;
use crate::api::companies::{
    CompanyInput, CompanySummary, TermsKind, create_company, update_company,
};
use crate::api::{ApiError, ErrorCode};
use crate::components::notice::Notice;
use crate::components::sheet::Sheet;
use crate::i18n::{Text, tr, use_i18n};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Name,
    Vat,
    Days,
    Credit,
    Discount,
}

/// What is wrong with the typed values, field by field (the server's own rules).
fn problems(input: &CompanyInput) -> Vec<(Field, Text)> {
    let mut found: Vec<(Field, Text)> = Vec::new();
    if input.name.trim().is_empty() {
        found.push((Field::Name, |t| t.onboarding.name_required));
    }
    let vat = input.vat_number.trim();
    if vat.len() != 9 || !vat.bytes().all(|byte| byte.is_ascii_digit()) {
        found.push((Field::Vat, |t| t.onboarding.vat_invalid));
    }
    if !(0..=365).contains(&input.payment_days) {
        found.push((Field::Days, |t| t.onboarding.days_invalid));
    }
    if !Decimal::from_str(input.credit_limit.trim()).is_ok_and(|limit| limit >= Decimal::ZERO) {
        found.push((Field::Credit, |t| t.onboarding.credit_invalid));
    }
    let discount = Decimal::from_str(input.discount_percent.trim());
    if !discount.is_ok_and(|value| value >= Decimal::ZERO && value <= Decimal::from(100)) {
        found.push((Field::Discount, |t| t.onboarding.discount_invalid));
    }
    found
}

fn blank() -> CompanyInput {
    CompanyInput {
        name: String::new(),
        vat_number: String::new(),
        payment_terms: TermsKind::EndOfMonth,
        payment_days: 30,
        credit_limit: "0".to_owned(),
        price_list_id: None,
        discount_percent: "0".to_owned(),
    }
}

/// A new company (`existing` is `None`) or the edit of one, in a dialog.
#[component]
pub fn CompanyForm(
    existing: Option<CompanySummary>,
    on_saved: Callback<Notice>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = existing.as_ref().map(|company| company.id.clone());
    let title_name = existing.as_ref().map(|company| company.name.clone());
    let draft = RwSignal::new(existing.as_ref().map_or_else(blank, CompanyInput::of));
    let days_text = RwSignal::new(draft.get_untracked().payment_days.to_string());
    let shown = RwSignal::new(Vec::<(Field, Text)>::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let lists = LocalResource::new(price_lists);

    let submit = move |event: SubmitEvent| {
        event.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mut input = draft.get_untracked();
        input.payment_days = days_text.get_untracked().trim().parse().unwrap_or(-1);
        let found = problems(&input);
        shown.set(found.clone());
        if !found.is_empty() {
            return;
        }
        pending.set(true);
        error.set(None);
        let id = id.clone();
        spawn_local(async move {
            let result = match &id {
                Some(id) => update_company(id, &input).await,
                None => create_company(&input).await,
            };
            pending.try_set(false);
            match result {
                Ok(company) => {
                    let text: fn(&crate::i18n::Texts, &str) -> String = if id.is_some() {
                        |t, name| (t.onboarding.saved)(name)
                    } else {
                        |t, name| (t.onboarding.created)(name)
                    };
                    on_saved.run(Notice::DoneWith(text, company.name));
                }
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    let problem_of = move |field: Field| {
        move || {
            shown
                .get()
                .into_iter()
                .find(|(which, _)| *which == field)
                .map(|(_, text)| text(i18n.t()))
        }
    };
    let invalid = move |field: Field| {
        move || {
            if problem_of(field)().is_some() {
                "true"
            } else {
                "false"
            }
        }
    };
    let field_error = move |field: Field, id: &'static str| {
        move || {
            problem_of(field)().map(|text| {
                view! {
                    <p id=id class="hint hint-error" role="alert">{text}</p>
                }
            })
        }
    };
    let server_error = move || {
        error.get().map(|failure| {
            let t = i18n.t();
            let text = if failure.code() == Some(ErrorCode::Conflict) {
                t.onboarding.name_taken.to_owned()
            } else {
                t.errors.message(&failure)
            };
            view! { <p class="form-error" role="alert" data-testid="company-form-error">{text}</p> }
        })
    };
    let list_options = move || {
        let selected = draft.with(|draft| draft.price_list_id.clone());
        lists
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .filter(|list| !list.is_base)
            .map(|list| {
                let is_selected = selected.as_deref() == Some(list.id.as_str());
                view! { <option value=list.id.clone() selected=is_selected>{list.name}</option> }
            })
            .collect_view()
    };
    let title = move || match &title_name {
        Some(name) => (i18n.t().onboarding.edit_title)(name),
        None => i18n.t().onboarding.new_title.to_owned(),
    };
    let is_new = existing.is_none();

    view! {
        <Sheet title test_id="company-form" on_close>
            <form novalidate on:submit=submit>
                <div class="form-grid">
                    <div class="field">
                        <label for="company-name">{tr(|t| t.onboarding.field_name)}</label>
                        <input
                            id="company-name"
                            type="text"
                            required
                            data-testid="company-name"
                            aria-invalid=invalid(Field::Name)
                            aria-describedby="company-name-error"
                            prop:value=move || draft.with(|draft| draft.name.clone())
                            on:input=move |event| draft.update(|draft| draft.name = event_target_value(&event))
                        />
                        {field_error(Field::Name, "company-name-error")}
                    </div>
                    <div class="field">
                        <label for="company-vat">{tr(|t| t.onboarding.field_vat)}</label>
                        <input
                            id="company-vat"
                            type="text"
                            inputmode="numeric"
                            dir="ltr"
                            maxlength="9"
                            required
                            data-testid="company-vat"
                            aria-invalid=invalid(Field::Vat)
                            aria-describedby="company-vat-hint company-vat-error"
                            prop:value=move || draft.with(|draft| draft.vat_number.clone())
                            on:input=move |event| draft.update(|draft| draft.vat_number = event_target_value(&event))
                        />
                        <p id="company-vat-hint" class="hint">{tr(|t| t.onboarding.vat_hint)}</p>
                        {field_error(Field::Vat, "company-vat-error")}
                    </div>
                    <div class="field">
                        <label for="company-terms">{tr(|t| t.onboarding.field_terms)}</label>
                        <select
                            id="company-terms"
                            class="select"
                            data-testid="company-terms"
                            on:change=move |event| {
                                let kind = if event_target_value(&event) == "NET" {
                                    TermsKind::Net
                                } else {
                                    TermsKind::EndOfMonth
                                };
                                draft.update(|draft| draft.payment_terms = kind);
                            }
                        >
                            <option value="EOM" selected=move || draft.with(|d| d.payment_terms == TermsKind::EndOfMonth)>
                                {tr(|t| t.onboarding.terms_eom)}
                            </option>
                            <option value="NET" selected=move || draft.with(|d| d.payment_terms == TermsKind::Net)>
                                {tr(|t| t.onboarding.terms_net)}
                            </option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="company-days">{tr(|t| t.onboarding.field_days)}</label>
                        <input
                            id="company-days"
                            type="number"
                            inputmode="numeric"
                            min="0"
                            max="365"
                            dir="ltr"
                            data-testid="company-days"
                            aria-invalid=invalid(Field::Days)
                            aria-describedby="company-days-error"
                            prop:value=move || days_text.get()
                            on:input=move |event| days_text.set(event_target_value(&event))
                        />
                        {field_error(Field::Days, "company-days-error")}
                    </div>
                    <div class="field">
                        <label for="company-credit">{tr(|t| t.onboarding.field_credit)}</label>
                        <input
                            id="company-credit"
                            type="text"
                            inputmode="decimal"
                            dir="ltr"
                            data-testid="company-credit"
                            aria-invalid=invalid(Field::Credit)
                            aria-describedby="company-credit-error"
                            prop:value=move || draft.with(|draft| draft.credit_limit.clone())
                            on:input=move |event| draft.update(|draft| draft.credit_limit = event_target_value(&event))
                        />
                        {field_error(Field::Credit, "company-credit-error")}
                    </div>
                    <div class="field">
                        <label for="company-price-list">{tr(|t| t.onboarding.field_price_list)}</label>
                        <select
                            id="company-price-list"
                            class="select"
                            data-testid="company-price-list"
                            on:change=move |event| {
                                let value = event_target_value(&event);
                                draft.update(|draft| {
                                    draft.price_list_id = (!value.is_empty()).then_some(value);
                                });
                            }
                        >
                            <option value="" selected=move || draft.with(|d| d.price_list_id.is_none())>
                                {tr(|t| t.onboarding.base_list)}
                            </option>
                            {list_options}
                        </select>
                    </div>
                    <div class="field">
                        <label for="company-discount">{tr(|t| t.onboarding.field_discount)}</label>
                        <input
                            id="company-discount"
                            type="text"
                            inputmode="decimal"
                            dir="ltr"
                            data-testid="company-discount"
                            aria-invalid=invalid(Field::Discount)
                            aria-describedby="company-discount-error"
                            prop:value=move || draft.with(|draft| draft.discount_percent.clone())
                            on:input=move |event| draft.update(|draft| draft.discount_percent = event_target_value(&event))
                        />
                        {field_error(Field::Discount, "company-discount-error")}
                    </div>
                </div>
                <p class="hint">{tr(|t| t.onboarding.currency_note)}</p>
                {server_error}
                <div class="sheet-actions">
                    <button type="button" class="button" on:click=move |_| on_close.run(())>
                        {tr(|t| t.onboarding.cancel)}
                    </button>
                    <button type="submit" class="button primary" data-testid="company-save" disabled=move || pending.get()>
                        {move || {
                            let t = &i18n.t().onboarding;
                            if pending.get() { t.saving } else if is_new { t.create } else { t.save }
                        }}
                    </button>
                </div>
            </form>
        </Sheet>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_of_the_server_is_checked_before_sending() {
        let mut input = blank();
        input.name = "Carmel".into();
        input.vat_number = "516000033".into();
        assert!(problems(&input).is_empty());
        input.vat_number = "12345678".into();
        input.payment_days = 400;
        input.credit_limit = "-1".into();
        input.discount_percent = "150".into();
        let fields: Vec<Field> = problems(&input)
            .into_iter()
            .map(|(field, _)| field)
            .collect();
        assert_eq!(
            fields,
            vec![Field::Vat, Field::Days, Field::Credit, Field::Discount]
        );
    }
}
