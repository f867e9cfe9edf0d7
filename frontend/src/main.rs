//! The customer bundle: every page but the supplier's back office, which it reloads
//! into the staff bundle (see `lib.rs`).

fn main() {
    frontend::start(frontend::load_staff_bundle);
}
