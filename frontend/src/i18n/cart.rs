//! Cart, quick order, paste and checkout.
//!
//! The shape and both languages live together here, so the screens of this feature
//! change one file.

pub struct CartTexts {
    pub title: &'static str,
}

pub const HE: CartTexts = CartTexts {
    title: "סל הקניות"
};

pub const EN: CartTexts = CartTexts { title: "Cart" };
