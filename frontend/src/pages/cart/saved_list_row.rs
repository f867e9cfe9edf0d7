//! One saved list: its name and size, "Add to cart", and "Delete" after confirming.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::cart::{RejectedLine, SavedList, add_saved_list_to_cart, delete_saved_list};
use crate::components::notice::Notice;
use crate::i18n::{tr, use_i18n};
use crate::pages::cart::model::CartModel;
use crate::pages::cart::rejected::added_notice;

#[component]
pub fn SavedListRow(
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
