//! One user's limits: a per-order limit for those who order, an approval limit for
//! approvers; saved together, as the server sets them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Money;

use super::amount::{Text, amount_text, parse_amount};
use super::feedback::{Feedback, FeedbackText};
use super::row_input::{RowActions, RowInput};
use crate::api::company_rules::{LimitedUser, UserLimits, set_user_limits};
use crate::i18n::{Texts, tr, use_i18n};

/// The accessible label of a field, naming the user.
type LabelOf = fn(&Texts) -> fn(&str) -> String;

/// One limit of the row: whether it applies to the user's role, and its field.
#[derive(Clone, Copy)]
struct LimitField {
    applies: bool,
    text: RwSignal<String>,
    invalid: RwSignal<bool>,
}

impl LimitField {
    fn new(applies: bool, amount: Option<Money>) -> LimitField {
        LimitField {
            applies,
            text: RwSignal::new(amount_text(amount)),
            invalid: RwSignal::new(false),
        }
    }

    fn changed(self, saved: Option<Money>) -> bool {
        self.applies && self.text.with(|text| parse_amount(text) != Ok(saved))
    }

    fn show(self, amount: Option<Money>) {
        self.text.set(amount_text(amount));
        self.invalid.set(false);
    }

    /// The typed limit; one that does not apply keeps the stored value.
    fn read(self, saved: Option<Money>) -> Result<Option<Money>, Text> {
        if !self.applies {
            return Ok(saved);
        }
        parse_amount(&self.text.get_untracked()).map_err(|error| {
            self.invalid.set(true);
            error.text()
        })
    }
}

#[component]
pub fn LimitRow(user: LimitedUser) -> impl IntoView {
    let i18n = use_i18n();
    let saved = RwSignal::new(user.limits);
    let order = LimitField::new(user.orders(), user.limits.order_limit);
    let approval = LimitField::new(user.approves(), user.limits.approval_limit);
    let feedback = RwSignal::new(Feedback::Idle);
    let id = StoredValue::new(user.id.clone());
    let name = StoredValue::new(user.name.clone());
    let role = user.role;

    let changed = move || {
        let limits = saved.get();
        order.changed(limits.order_limit) || approval.changed(limits.approval_limit)
    };

    let save = move || {
        if feedback.with_untracked(Feedback::is_saving) || !changed() {
            return;
        }
        let current = saved.get_untracked();
        let wanted = match (
            order.read(current.order_limit),
            approval.read(current.approval_limit),
        ) {
            (Ok(order_limit), Ok(approval_limit)) => UserLimits {
                order_limit,
                approval_limit,
            },
            (Err(text), _) | (_, Err(text)) => {
                feedback.set(Feedback::Invalid(text));
                return;
            }
        };
        feedback.set(Feedback::Saving);
        spawn_local(async move {
            match set_user_limits(&id.get_value(), wanted).await {
                Ok(stored) => {
                    saved.try_set(stored);
                    order.show(stored.order_limit);
                    approval.show(stored.approval_limit);
                    feedback.try_set(Feedback::Saved(|t| t.company_rules.saved));
                }
                Err(error) => {
                    feedback.try_set(Feedback::Failed(error));
                }
            }
        });
    };
    let cancel = move || {
        let limits = saved.get_untracked();
        order.show(limits.order_limit);
        approval.show(limits.approval_limit);
        feedback.set(Feedback::Idle);
    };
    let actions = RowActions {
        save: Callback::new(move |()| save()),
        cancel: Callback::new(move |()| cancel()),
        edit: Callback::new(move |()| {
            if !feedback.with_untracked(Feedback::is_saving) {
                feedback.set(Feedback::Idle);
            }
        }),
    };

    let limit_cell = move |field: LimitField, label: LabelOf, test_id| {
        if !field.applies {
            return view! { <span class="muted">{tr(|t| t.company_rules.does_not_apply)}</span> }
                .into_any();
        }
        let label = Signal::derive(move || name.with_value(|name| label(i18n.t())(name)));
        view! {
            <RowInput
                text=field.text
                invalid=field.invalid
                label
                placeholder=|t| t.company_rules.no_limit
                test_id
                actions
                amount=true
            />
        }
        .into_any()
    };
    let order_label: LabelOf = |t| t.company_rules.order_limit_of;
    let approval_label: LabelOf = |t| t.company_rules.approval_limit_of;

    view! {
        <tr class:inactive=!user.active data-testid="limit-row" data-email=user.email.clone()>
            <td data-label=tr(|t| t.company_rules.column_user)>
                <div class="rules-user">
                    <span class="cell-strong">{user.name.clone()}</span>
                    <span class="muted cell-email" dir="ltr">{user.email.clone()}</span>
                    {(!user.active).then(|| view! {
                        <span class="badge badge-off">{tr(|t| t.company_rules.inactive)}</span>
                    })}
                </div>
            </td>
            <td data-label=tr(|t| t.company_rules.column_role)>
                {move || i18n.t().roles.label(role)}
            </td>
            <td data-label=tr(|t| t.company_rules.column_order_limit)>
                {limit_cell(order, order_label, "order-limit-input")}
            </td>
            <td data-label=tr(|t| t.company_rules.column_approval_limit)>
                {limit_cell(approval, approval_label, "approval-limit-input")}
            </td>
            <td
                data-label=tr(|t| t.company_rules.column_save)
                class:rules-no-action=!(order.applies || approval.applies)
            >
                <div class="rules-row-save">
                    {(order.applies || approval.applies).then(|| view! {
                        <button
                            type="button"
                            class="button small"
                            data-testid="limits-save"
                            aria-label=move || name.with_value(|name| (i18n.t().company_rules.save_limits_of)(name))
                            disabled=move || !changed() || feedback.with(Feedback::is_saving)
                            on:click=move |_| save()
                        >
                            {tr(|t| t.company_rules.save)}
                        </button>
                    })}
                    <FeedbackText feedback test_id="limits-feedback" />
                </div>
            </td>
        </tr>
    }
}
