//! The catalog's building blocks, shared by the catalog, product and staff pages: the
//! list state, its toolbar and category tree, the product table and grid, prices,
//! availability badges, the quantity stepper with "Add to cart", and live stock.

pub mod add_to_cart;
pub mod availability;
pub mod browser;
pub mod category_tree;
pub mod live_stock;
pub mod price;
pub mod product_list;
pub mod quantity;
pub mod toolbar;
