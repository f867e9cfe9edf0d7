//! The cart, quick order, saved lists, reorder, the checkout preview and placing an order.
