//! The number of lines in the cart, shared by the header's badge and every screen that
//! changes the cart (catalog, product page, cart, checkout).
//!
//! Provided once by the layout. It asks the server when someone who may order signs in;
//! after that, every change of the cart reports the cart's new size here, so the badge
//! follows without asking again. It also carries the short message ("toast") that
//! confirms an addition made away from the cart page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::api::cart::{RejectReason, cart_line_count};
use crate::session::use_session;

/// How long a confirmation stays on screen.
const TOAST_MILLISECONDS: u64 = 6_000;

/// What the last addition outside the cart page did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CartToast {
    Added { name: String, quantity: u32 },
    Refused { sku: String, reason: RejectReason },
    Failed(ApiError),
}

#[derive(Clone, Copy)]
pub struct CartState {
    /// Lines in the cart; `None` until the first answer (or for roles that do not order).
    count: RwSignal<Option<usize>>,
    /// Bumped on every report, so a late answer to the first count never overwrites a
    /// newer one.
    version: StoredValue<u64>,
    /// The confirmation on screen, with a number that tells a newer one apart.
    pub toast: RwSignal<Option<(u64, CartToast)>>,
}

impl CartState {
    /// Creates the state, provides it as context and counts the cart of whoever signs in.
    pub fn provide() -> CartState {
        let session = use_session();
        let state = CartState {
            count: RwSignal::new(None),
            version: StoredValue::new(0),
            toast: RwSignal::new(None),
        };
        provide_context(state);
        Effect::new(move |_| {
            let user_id = session.user().map(|user| user.id);
            if user_id.is_some() && session.can_order() {
                state.refresh();
            } else {
                state.count.set(None);
            }
        });
        state
    }

    /// Asks the server for the number of lines.
    pub fn refresh(self) {
        let asked_at = self.version.get_value();
        spawn_local(async move {
            if let Ok(count) = cart_line_count().await
                && self.version.try_get_value() == Some(asked_at)
            {
                self.count.try_set(Some(count));
            }
        });
    }

    /// Takes the size of a cart the server just answered with.
    pub fn report(self, lines: usize) {
        self.version.update_value(|version| *version += 1);
        self.count.try_set(Some(lines));
    }

    pub fn count(self) -> Option<usize> {
        self.count.get()
    }

    /// Shows a confirmation for a while; a newer one replaces it.
    pub fn show(self, toast: CartToast) {
        let number = self
            .toast
            .with_untracked(|shown| shown.as_ref().map_or(1, |(number, _)| number + 1));
        self.toast.set(Some((number, toast)));
        set_timeout(
            move || {
                if self
                    .toast
                    .try_with_untracked(|shown| shown.as_ref().map(|(n, _)| *n) == Some(number))
                    == Some(true)
                {
                    self.toast.try_set(None);
                }
            },
            std::time::Duration::from_millis(TOAST_MILLISECONDS),
        );
    }

    pub fn dismiss(self) {
        self.toast.set(None);
    }
}

pub fn use_cart_state() -> CartState {
    expect_context::<CartState>()
}
