//! The banner shown while the app is offline: what it means (nothing is saved) and a
//! way to try again, instead of each page's raw network error.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::connectivity::{self, use_connectivity};
use crate::i18n::{tr, use_i18n};

#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let connectivity = use_connectivity();
    let checking = RwSignal::new(false);
    let still_offline = RwSignal::new(false);

    let retry = move |_| {
        if checking.get_untracked() {
            return;
        }
        checking.set(true);
        still_offline.set(false);
        spawn_local(async move {
            if connectivity::check().await {
                // Every page loads its data when it is shown: loading the address again
                // brings back what could not be read while offline.
                let _ = window().location().reload();
            } else {
                checking.try_set(false);
                still_offline.try_set(true);
            }
        });
    };

    move || {
        connectivity.is_offline().then(|| {
            view! {
                <div class="offline-banner" role="alert" data-testid="offline-banner">
                    <p>
                        {tr(|t| t.connectivity.offline)}
                        {move || still_offline.get().then(|| {
                            view! { " " {i18n.t().connectivity.still_offline} }
                        })}
                    </p>
                    <button
                        type="button"
                        class="button small"
                        data-testid="offline-retry"
                        on:click=retry
                        disabled=move || checking.get()
                        aria-busy=move || if checking.get() { "true" } else { "false" }
                    >
                        {move || {
                            let t = i18n.t();
                            if checking.get() { t.connectivity.retrying } else { t.connectivity.retry }
                        }}
                    </button>
                </div>
            }
        })
    }
}
