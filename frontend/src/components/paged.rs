//! What the paged lists share (catalog, orders, the queue, invoices): where a list's
//! loading stands, and the "Load more" button with its own error, so a failed next
//! page keeps the rows already shown.

use leptos::prelude::*;

use crate::api::{ApiError, Page};
use crate::i18n::{Texts, use_i18n};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListStatus {
    /// The first page of a new filter is on its way.
    Loading,
    Ready,
    LoadingMore,
    Failed(ApiError),
    /// "Load more" failed; the rows already shown stay.
    MoreFailed(ApiError),
}

/// The button's words: "Load more" and "Loading…", from the list's own texts.
pub type LoadMoreTexts = fn(&Texts) -> (&'static str, &'static str);

/// "Load more" while the server has more and the first page is on screen.
#[component]
pub fn LoadMore(
    status: RwSignal<ListStatus>,
    has_next_page: RwSignal<bool>,
    on_load: Callback<()>,
    texts: LoadMoreTexts,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let status = status.get();
        let visible = has_next_page.get()
            && matches!(
                status,
                ListStatus::Ready | ListStatus::LoadingMore | ListStatus::MoreFailed(_)
            );
        visible.then(|| {
            let loading = status == ListStatus::LoadingMore;
            let failure = match status {
                ListStatus::MoreFailed(error) => Some(error),
                _ => None,
            };
            view! {
                <div class="load-more">
                    {failure.map(|error| view! {
                        <p class="notice error" role="alert">{move || i18n.t().errors.message(&error)}</p>
                    })}
                    <button
                        type="button"
                        class="button"
                        data-testid="load-more"
                        aria-busy=if loading { "true" } else { "false" }
                        disabled=loading
                        on:click=move |_| on_load.run(())
                    >
                        {move || {
                            let (load, loading_text) = texts(i18n.t());
                            if loading { loading_text } else { load }
                        }}
                    </button>
                </div>
            }
        })
    }
}

/// Reads one page of a list: the filter and the cursor to continue after.
pub type Fetcher<F, T> =
    fn(
        F,
        Option<String>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Page<T>, ApiError>>>>;

/// A filtered list read page by page ("Load more" appends). An answer to an older
/// request is dropped, so a slow answer never overwrites the list of a newer filter.
pub struct PagedList<F: Send + Sync + 'static, T: Send + Sync + 'static> {
    pub filter: RwSignal<F>,
    pub items: RwSignal<Vec<T>>,
    pub status: RwSignal<ListStatus>,
    pub has_next_page: RwSignal<bool>,
    end_cursor: RwSignal<Option<String>>,
    generation: StoredValue<u64>,
    fetcher: Fetcher<F, T>,
}

impl<F: Send + Sync + 'static, T: Send + Sync + 'static> Clone for PagedList<F, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F: Send + Sync + 'static, T: Send + Sync + 'static> Copy for PagedList<F, T> {}

impl<F, T> PagedList<F, T>
where
    F: Clone + Default + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    pub fn new(fetcher: Fetcher<F, T>) -> PagedList<F, T> {
        PagedList {
            filter: RwSignal::new(F::default()),
            items: RwSignal::new(Vec::new()),
            status: RwSignal::new(ListStatus::Loading),
            has_next_page: RwSignal::new(false),
            end_cursor: RwSignal::new(None),
            generation: StoredValue::new(0),
            fetcher,
        }
    }

    fn fetch(self, after: Option<String>) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let more = after.is_some();
        self.status.set(if more {
            ListStatus::LoadingMore
        } else {
            ListStatus::Loading
        });
        let request = (self.fetcher)(self.filter.get_untracked(), after);
        leptos::task::spawn_local(async move {
            let result = request.await;
            if self.generation.try_get_value() != Some(generation) {
                return;
            }
            match result {
                Ok(page) => {
                    if more {
                        self.items.update(|items| items.extend(page.items));
                    } else {
                        self.items.set(page.items);
                    }
                    self.end_cursor.set(page.end_cursor);
                    self.has_next_page.set(page.has_next_page);
                    self.status.set(ListStatus::Ready);
                }
                Err(error) if more => self.status.set(ListStatus::MoreFailed(error)),
                Err(error) => {
                    self.items.set(Vec::new());
                    self.has_next_page.set(false);
                    self.status.set(ListStatus::Failed(error));
                }
            }
        });
    }

    /// Reads the first page of the current filter again.
    pub fn reload(self) {
        self.fetch(None);
    }

    pub fn load_more(self) {
        let ready = matches!(
            self.status.get_untracked(),
            ListStatus::Ready | ListStatus::MoreFailed(_)
        );
        if ready && self.has_next_page.get_untracked() {
            self.fetch(self.end_cursor.get_untracked());
        }
    }
}

/// What a list's results area shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListPhase {
    Loading,
    Failed(ApiError),
    /// Nothing to show; `true` when a filter is set (so the words can say so).
    Empty(bool),
    List,
}

impl<F, T> PagedList<F, T>
where
    F: Clone + Default + PartialEq + Send + Sync + 'static,
    T: Send + Sync + 'static,
{
    pub fn phase(self) -> Memo<ListPhase> {
        Memo::new(move |_| match self.status.get() {
            ListStatus::Loading => ListPhase::Loading,
            ListStatus::Failed(error) => ListPhase::Failed(error),
            _ if self.items.with(Vec::is_empty) => {
                ListPhase::Empty(self.filter.with(|filter| *filter != F::default()))
            }
            _ => ListPhase::List,
        })
    }
}
