//! Saved order lists: save the cart under a name, put a list back into the cart, delete
//! a list (after confirming).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::cart::RejectedLine;
use crate::api::cart::{SavedList, save_cart_as_list, saved_lists};
use crate::components::notice::{Notice, NoticeBanner};
use crate::components::skeleton::TableSkeleton;
use crate::i18n::{tr, use_i18n};
use crate::pages::cart::model::CartModel;
use crate::pages::cart::rejected::RejectedList;
use crate::pages::cart::saved_list_row::SavedListRow;

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
