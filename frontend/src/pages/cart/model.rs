//! The cart page's state: the cart as the server last confirmed it, the quantities the
//! buyer changed that are still on their way (shown at once, optimistically), the
//! catalog entries of its products (tiers for the estimates and hints), and the page's
//! notice.
//!
//! The edits themselves (quantities, removal, undo) are in `edits.rs`.

use std::collections::HashMap;

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::Money;

use crate::api::ApiError;
use crate::api::cart::cart;
use crate::api::cart::{AddToCartResult, Cart, CartLine, RejectedLine, products_by_sku};
use crate::api::catalog::Product;
use crate::components::cart_state::{CartState, use_cart_state};
use crate::components::notice::Notice;

#[derive(Clone, Copy)]
pub struct CartModel {
    /// What the page shows: the confirmed cart with the pending edits applied; `None`
    /// while the first read runs.
    pub shown: RwSignal<Option<Cart>>,
    pub load_error: RwSignal<Option<ApiError>>,
    pub products: RwSignal<HashMap<String, Product>>,
    pub notice: RwSignal<Option<Notice>>,
    /// The last removed line, for "Undo".
    pub removed: RwSignal<Option<CartLine>>,
    /// Whether edits are waiting to be sent or answered.
    pub saving: RwSignal<bool>,
    pub(super) confirmed: StoredValue<Option<Cart>>,
    /// The order the lines were first seen in. The server lists the most recently
    /// changed line last; keeping the first order stops a line from jumping to the end
    /// when its quantity changes (or when "Undo" puts it back).
    pub(super) order: StoredValue<Vec<String>>,
    /// Quantities typed but not confirmed yet, by SKU.
    pub(super) desired: StoredValue<HashMap<String, u32>>,
    pub(super) timers: StoredValue<HashMap<String, TimeoutHandle>>,
    pub(super) in_flight: StoredValue<usize>,
    /// Numbers of the quantity requests sent and of the newest one whose answer is
    /// shown: an older answer arriving late never overwrites a newer one.
    pub(super) sent: StoredValue<u64>,
    pub(super) applied: StoredValue<u64>,
    badge: CartState,
}

impl CartModel {
    pub fn new() -> CartModel {
        let model = CartModel {
            shown: RwSignal::new(None),
            load_error: RwSignal::new(None),
            products: RwSignal::new(HashMap::new()),
            notice: RwSignal::new(None),
            removed: RwSignal::new(None),
            saving: RwSignal::new(false),
            confirmed: StoredValue::new(None),
            order: StoredValue::new(Vec::new()),
            desired: StoredValue::new(HashMap::new()),
            timers: StoredValue::new(HashMap::new()),
            in_flight: StoredValue::new(0),
            sent: StoredValue::new(0),
            applied: StoredValue::new(0),
            badge: use_cart_state(),
        };
        model.load();
        model
    }

    pub fn load(self) {
        self.load_error.set(None);
        spawn_local(async move {
            match cart().await {
                Ok(cart) => self.confirm(cart),
                Err(error) => {
                    self.load_error.try_set(Some(error));
                }
            }
        });
    }

    /// Takes a cart the server answered with: it is the truth, apart from the edits
    /// still on their way.
    pub fn confirm(self, mut cart: Cart) {
        self.badge.report(cart.lines.len());
        if self
            .order
            .try_update_value(|order| {
                for line in &cart.lines {
                    if !order.contains(&line.sku) {
                        order.push(line.sku.clone());
                    }
                }
                cart.lines
                    .sort_by_key(|line| order.iter().position(|sku| *sku == line.sku));
            })
            .is_none()
        {
            return;
        }
        let missing: Vec<String> = self.products.with_untracked(|known| {
            cart.lines
                .iter()
                .filter(|line| !known.contains_key(&line.sku))
                .map(|line| line.sku.clone())
                .collect()
        });
        if self.confirmed.try_set_value(Some(cart)).is_some() {
            return;
        }
        self.refresh_shown();
        if !missing.is_empty() {
            spawn_local(async move {
                if let Ok(found) = products_by_sku(&missing).await {
                    self.products.try_update(|known| known.extend(found));
                    self.refresh_shown();
                }
            });
        }
    }

    /// Takes the answer to an addition (quick order, paste, saved list). New lines are
    /// shown in the order they were `submitted` in (the server's order of one addition
    /// is arbitrary).
    pub fn merge(self, result: AddToCartResult, submitted: &[String]) -> Vec<RejectedLine> {
        self.order.update_value(|order| {
            for sku in submitted {
                let sku = sku.trim().to_uppercase();
                if !order.contains(&sku) {
                    order.push(sku);
                }
            }
        });
        self.confirm(result.cart);
        result.rejected
    }

    /// Recomputes what is shown from the confirmed cart and the pending edits.
    pub(super) fn refresh_shown(self) {
        let Some(Some(mut cart)) = self.confirmed.try_get_value() else {
            return;
        };
        let desired = self.desired.get_value();
        if !desired.is_empty() {
            self.products.with_untracked(|products| {
                for line in &mut cart.lines {
                    if let Some(quantity) = desired.get(&line.sku) {
                        estimate(line, *quantity, products.get(&line.sku));
                    }
                }
            });
            cart.lines.retain(|line| line.quantity > 0);
            cart.subtotal = cart.lines.iter().filter_map(|line| line.line_total).sum();
            cart.vat = cart.subtotal.vat();
            cart.total = cart.subtotal + cart.vat;
        }
        self.saving
            .try_set(!desired.is_empty() || self.in_flight.get_value() > 0);
        self.shown.try_set(Some(cart));
    }

    /// The line of `sku` as shown now.
    pub fn line(self, sku: &str) -> Option<CartLine> {
        self.shown.with(|cart| {
            cart.as_ref()
                .and_then(|cart| cart.lines.iter().find(|line| line.sku == sku).cloned())
        })
    }
}

/// Shows `line` at `quantity` priced from its catalog entry (tier included), as the
/// server will price it; without one, at its current unit price.
fn estimate(line: &mut CartLine, quantity: u32, product: Option<&Product>) {
    line.quantity = quantity;
    if let Some(product) = product {
        line.unit_price = product.unit_price_for(quantity);
    }
    line.line_total = line.unit_price.map(|price| {
        Money::new(price.amount() * rust_decimal::Decimal::from(quantity)).round_line()
    });
}
