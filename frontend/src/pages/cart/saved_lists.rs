//! Saved order lists: save the cart under a name, put a list back into the cart, delete
//! a list (after confirming).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::cart::RejectedLine;
use crate::api::cart::{
    SavedList, add_saved_list_to_cart, delete_saved_list, save_cart_as_list, saved_lists,
};
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::pages::cart::model::CartModel;
use crate::pages::cart::rejected::{RejectedList, added_notice};

#[component]
pub fn SavedLists(model: CartModel) -> impl IntoView {
    let i18n = use_i18n();
    let lists = RwSignal::new(None::<Result<Vec<SavedList>, ApiError>>);
    let reload = move || {
        spawn_local(async move {
            let result = saved_lists().await;
            lists.try_set(Some(result));
        });
    };
    reload();
    let name = RwSignal::new(String::new());
    let saving = RwSignal::new(false);
    let status = RwSignal::new(None::<Notice>);
    let rejected = RwSignal::new(Vec::<RejectedLine>::new());
    let cart_empty = move || {
        model
            .shown
            .with(|cart| cart.as_ref().is_none_or(|cart| cart.lines.is_empty()))
    };
    let save = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let wanted = name.get_untracked().trim().to_owned();
        if wanted.is_empty() || saving.get_untracked() {
            return;
        }
        saving.set(true);
        spawn_local(async move {
            let result = save_cart_as_list(&wanted).await;
            saving.try_set(false);
            match result {
                Ok(list) => {
                    name.try_set(String::new());
                    status.try_set(Some(Notice::DoneWith(
                        |t, name| (t.cart.list_saved)(name),
                        list.name,
                    )));
                    reload();
                }
                Err(error) => {
                    status.try_set(Some(Notice::Failed(error)));
                }
            }
        });
    };
    let content = move || {
        match lists.get() {
        None => view! { <TableSkeleton rows=2 columns=3 /> }.into_any(),
        Some(Err(error)) => view! {
            <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
        }
        .into_any(),
        Some(Ok(found)) if found.is_empty() => view! {
            <p class="muted" data-testid="no-saved-lists">{tr(|t| t.cart.no_saved_lists)}</p>
        }
        .into_any(),
        Some(Ok(found)) => view! {
            <ul class="saved-lists" data-testid="saved-lists">
                {found
                    .into_iter()
                    .map(|list| view! { <SavedListRow list model status rejected on_change=reload /> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    }
    };
    view! {
        <section class="card saved-lists-card" aria-labelledby="saved-lists-title">
            <h2 id="saved-lists-title">{tr(|t| t.cart.saved_lists)}</h2>
            <form class="inline-field" on:submit=save>
                <label class="visually-hidden" for="saved-list-name">{tr(|t| t.cart.list_name)}</label>
                <input
                    id="saved-list-name"
                    type="text"
                    maxlength="120"
                    autocomplete="off"
                    placeholder=tr(|t| t.cart.list_name)
                    data-testid="saved-list-name"
                    prop:value=move || name.get()
                    on:input=move |event| name.set(event_target_value(&event))
                />
                <button
                    type="submit"
                    class="button"
                    disabled=move || saving.get() || cart_empty() || name.with(|n| n.trim().is_empty())
                >
                    {tr(|t| t.cart.save_list)}
                </button>
            </form>
            <NoticeBanner notice=status />
            <RejectedList rejected />
            {content}
        </section>
    }
}

#[component]
fn SavedListRow(
    list: SavedList,
    model: CartModel,
    status: RwSignal<Option<Notice>>,
    rejected: RwSignal<Vec<RejectedLine>>,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let id = StoredValue::new(list.id.clone());
    let count = list.line_count as usize;
    let add = move |_| {
        busy.set(true);
        status.set(None);
        rejected.set(Vec::new());
        spawn_local(async move {
            let result = add_saved_list_to_cart(&id.get_value()).await;
            busy.try_set(false);
            match result {
                Ok(added) => {
                    let refused = model.merge(added, &[]);
                    status.try_set(added_notice(count.saturating_sub(refused.len())));
                    rejected.try_set(refused);
                }
                Err(error) => {
                    status.try_set(Some(Notice::Failed(error)));
                }
            }
        });
    };
    let delete = move |_| {
        busy.set(true);
        spawn_local(async move {
            let result = delete_saved_list(&id.get_value()).await;
            busy.try_set(false);
            confirming.try_set(false);
            match result {
                Ok(()) => on_change(),
                Err(error) => {
                    status.try_set(Some(Notice::Failed(error)));
                }
            }
        });
    };
    let name = StoredValue::new(list.name.clone());
    view! {
        <li class="saved-list" data-testid="saved-list">
            <div class="saved-list-head">
                <span class="cell-strong">{list.name.clone()}</span>
                <span class="muted">{move || (i18n.t().cart.list_lines)(list.line_count)}</span>
            </div>
            {move || if confirming.get() {
                view! {
                    <div class="confirm" role="group">
                        <span>{name.with_value(|name| (i18n.t().cart.confirm_delete_list)(name))}</span>
                        <button
                            type="button"
                            class="button small danger"
                            data-testid="confirm-delete-list"
                            disabled=busy
                            on:click=delete
                        >
                            {tr(|t| t.cart.confirm_delete)}
                        </button>
                        <button type="button" class="button small ghost" on:click=move |_| confirming.set(false)>
                            {tr(|t| t.cart.cancel)}
                        </button>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <div class="row-actions">
                        <button
                            type="button"
                            class="button small"
                            data-testid="add-saved-list"
                            aria-label=move || name.with_value(|name| (i18n.t().cart.add_list_named)(name))
                            disabled=busy
                            on:click=add
                        >
                            {tr(|t| t.cart.add_list)}
                        </button>
                        <button
                            type="button"
                            class="button small ghost"
                            data-testid="delete-saved-list"
                            aria-label=move || name.with_value(|name| (i18n.t().cart.delete_list_named)(name))
                            on:click=move |_| confirming.set(true)
                        >
                            {tr(|t| t.cart.delete)}
                        </button>
                    </div>
                }
                .into_any()
            }}
        </li>
    }
}
