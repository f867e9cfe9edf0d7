//! The filter of the audit log: action, actor, dates and free text.

use leptos::prelude::*;

use super::AuditList;
use crate::api::audit::{ACTIONS, AuditFilter};
use crate::i18n::{tr, use_i18n};

#[component]
pub fn FilterForm(list: AuditList) -> impl IntoView {
    let i18n = use_i18n();
    let action = RwSignal::new(String::new());
    let actor = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        list.filter.set(AuditFilter {
            action: action.get_untracked(),
            actor: actor.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            text: text.get_untracked(),
        });
        list.reload();
    };
    let clear = move |_| {
        for field in [action, actor, from, to, text] {
            field.set(String::new());
        }
        list.filter.set(AuditFilter::default());
        list.reload();
    };
    let options = move || {
        let t = &i18n.t().audit;
        ACTIONS
            .iter()
            .map(|code| view! { <option value=*code>{(t.action_name)(code)}</option> })
            .collect_view()
    };
    view! {
        <form class="documents-filter audit-filter" on:submit=submit data-testid="audit-filter">
            <div class="field">
                <label for="audit-action">{tr(|t| t.audit.action)}</label>
                <select id="audit-action" bind:value=action>
                    <option value="">{tr(|t| t.audit.any_action)}</option>
                    {options}
                </select>
            </div>
            <div class="field">
                <label for="audit-actor">{tr(|t| t.audit.actor)}</label>
                <input id="audit-actor" type="search" dir="ltr" bind:value=actor />
            </div>
            <div class="field">
                <label for="audit-from">{tr(|t| t.audit.from)}</label>
                <input id="audit-from" type="date" bind:value=from />
            </div>
            <div class="field">
                <label for="audit-to">{tr(|t| t.audit.to)}</label>
                <input id="audit-to" type="date" bind:value=to />
            </div>
            <div class="field">
                <label for="audit-text">{tr(|t| t.audit.text)}</label>
                <input id="audit-text" type="search" bind:value=text />
            </div>
            <div class="documents-filter-actions">
                <button type="submit" class="button primary">{tr(|t| t.audit.apply)}</button>
                <button type="button" class="button" on:click=clear>{tr(|t| t.audit.clear)}</button>
            </div>
        </form>
    }
}
