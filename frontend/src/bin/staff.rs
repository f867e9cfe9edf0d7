//! The staff bundle: every page, the back office included (see `lib.rs`).

fn main() {
    frontend::start(frontend::staff_pages);
}
