//! Editing the cart's lines. A quantity edit shows at once and is sent after a short
//! pause (so five presses of "+" make one request). The server's answer replaces the
//! estimate; an error puts the confirmed quantity back and says why. A removal is sent
//! at once and can be undone.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::cart::{CartLine, set_cart_line};
use crate::components::notice::Notice;
use crate::pages::cart::model::CartModel;

/// The pause after the last edit of a line before it is sent.
const EDIT_DELAY: Duration = Duration::from_millis(350);

impl CartModel {
    /// Changes a line's quantity at once on screen and sends it after a pause.
    pub fn set_quantity(self, sku: String, quantity: u32) {
        self.desired.update_value(|desired| {
            desired.insert(sku.clone(), quantity);
        });
        self.refresh_shown();
        if let Some(handle) = self.timers.with_value(|timers| timers.get(&sku).copied()) {
            handle.clear();
        }
        let timer_sku = sku.clone();
        let handle = set_timeout_with_handle(move || self.send(timer_sku), EDIT_DELAY).ok();
        self.timers.update_value(|timers| match handle {
            Some(handle) => {
                timers.insert(sku, handle);
            }
            None => {
                timers.remove(&sku);
            }
        });
    }

    fn send(self, sku: String) {
        let Some(Some(quantity)) = self
            .desired
            .try_with_value(|desired| desired.get(&sku).copied())
        else {
            return;
        };
        self.in_flight.update_value(|count| *count += 1);
        self.sent.update_value(|sent| *sent += 1);
        let number = self.sent.get_value();
        spawn_local(async move {
            let result = set_cart_line(&sku, quantity).await;
            if self
                .in_flight
                .try_update_value(|count| *count -= 1)
                .is_none()
            {
                return;
            }
            // A newer edit of the same line is on its way: its answer decides.
            let newest = self
                .desired
                .with_value(|desired| desired.get(&sku) == Some(&quantity));
            if newest {
                self.desired.update_value(|desired| {
                    desired.remove(&sku);
                });
            }
            match result {
                Ok(cart) if number > self.applied.get_value() => {
                    self.applied.set_value(number);
                    self.confirm(cart);
                }
                Ok(_) => self.refresh_shown(),
                Err(error) => {
                    // A failed removal puts the line back: there is nothing to undo.
                    if quantity == 0 {
                        self.removed.set(None);
                    }
                    self.notice.set(Some(Notice::Failed(error)));
                    self.refresh_shown();
                }
            }
        });
    }

    /// Removes a line now (no pause) and offers to undo it.
    pub fn remove(self, line: CartLine) {
        if let Some(handle) = self
            .timers
            .with_value(|timers| timers.get(&line.sku).copied())
        {
            handle.clear();
        }
        self.desired.update_value(|desired| {
            desired.insert(line.sku.clone(), 0);
        });
        self.refresh_shown();
        self.send(line.sku.clone());
        self.notice.set(None);
        self.removed.set(Some(line));
    }

    /// Puts the last removed line back with its quantity.
    pub fn undo_remove(self) {
        let Some(line) = self.removed.get_untracked() else {
            return;
        };
        self.removed.set(None);
        spawn_local(async move {
            match set_cart_line(&line.sku, line.quantity).await {
                Ok(cart) => self.confirm(cart),
                Err(error) => {
                    self.notice.try_set(Some(Notice::Failed(error)));
                }
            }
        });
    }
}
