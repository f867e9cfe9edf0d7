//! What the catalog's caches (`listing_cache.rs`, `price_cache.rs`) share: state read
//! from the database that holds for one value of a counter the database raises by
//! trigger (`versions.rs`), kept per server instance behind a mutex.
//!
//! - Reading at a newer (or any other) version starts again from empty, so nothing
//!   read before a change is served after it.
//! - Storing is refused when the state has moved to another version since the caller
//!   read its version: a read that overlapped a change never fills the new state.

use std::sync::{Mutex, MutexGuard, PoisonError};

pub struct Versioned<S> {
    state: Mutex<(i64, S)>,
}

impl<S: Default> Default for Versioned<S> {
    fn default() -> Self {
        Versioned {
            state: Mutex::new((0, S::default())),
        }
    }
}

impl<S: Default> Versioned<S> {
    /// `read` of the state at `version`, emptied first if it was kept at another one.
    pub fn read<R>(&self, version: i64, read: impl FnOnce(&S) -> R) -> R {
        let mut guard = self.lock();
        if guard.0 != version {
            *guard = (version, S::default());
        }
        read(&guard.1)
    }

    /// `read` of the state and the version it was kept at, whatever that is.
    pub fn read_any<R>(&self, read: impl FnOnce(i64, &S) -> R) -> R {
        let guard = self.lock();
        read(guard.0, &guard.1)
    }

    /// `write` to the state if it is still kept at `version`; otherwise nothing.
    pub fn write(&self, version: i64, write: impl FnOnce(&mut S)) {
        let mut guard = self.lock();
        if guard.0 == version {
            write(&mut guard.1);
        }
    }

    fn lock(&self) -> MutexGuard<'_, (i64, S)> {
        // A panic while holding the lock leaves plain maps behind: still usable.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::Versioned;

    #[test]
    fn a_new_version_starts_from_empty_and_a_stale_write_is_dropped() {
        let cache: Versioned<Vec<&str>> = Versioned::default();
        cache.write(0, |items| items.push("at 0"));
        assert_eq!(cache.read(0, Clone::clone), vec!["at 0"]);
        // A request that read version 1 empties what was kept at 0.
        assert!(cache.read(1, Vec::is_empty));
        // A read that began at version 0 cannot fill the state of version 1.
        cache.write(0, |items| items.push("stale"));
        cache.write(1, |items| items.push("at 1"));
        assert_eq!(
            cache.read_any(|version, items| (version, items.clone())),
            (1, vec!["at 1"])
        );
    }
}
