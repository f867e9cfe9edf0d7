//! Who is signed in: the token and the user, kept in local storage under
//! `portal.session` so a reload stays signed in.
//!
//! Components read the session through [`use_session`] (context). The API client also
//! needs it after an `.await`, where the reactive owner and its context are gone, so the
//! one store of the app is also registered in a thread-local when it is created.

use std::cell::Cell;

use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::Role;

use crate::api::auth::User;

const STORAGE_KEY: &str = "portal.session";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub token: String,
    pub user: User,
}

#[derive(Clone, Copy)]
pub struct SessionStore {
    session: RwSignal<Option<Session>>,
}

thread_local! {
    static REGISTERED: Cell<Option<SessionStore>> = const { Cell::new(None) };
}

impl SessionStore {
    /// Restores the session saved by an earlier visit, provides it as context and
    /// registers it for the API client. Called once, by the root component.
    pub fn provide() -> SessionStore {
        let restored = LocalStorage::get::<Session>(STORAGE_KEY).ok();
        let store = SessionStore {
            session: RwSignal::new(restored),
        };
        REGISTERED.with(|registered| registered.set(Some(store)));
        provide_context(store);
        store
    }

    pub fn is_signed_in(self) -> bool {
        self.session.with(Option::is_some)
    }

    pub fn user(self) -> Option<User> {
        self.session
            .with(|session| session.as_ref().map(|s| s.user.clone()))
    }

    pub fn user_untracked(self) -> Option<User> {
        self.session
            .with_untracked(|session| session.as_ref().map(|s| s.user.clone()))
    }

    pub fn role(self) -> Option<Role> {
        self.session
            .with(|session| session.as_ref().map(|s| s.user.role))
    }

    /// Whether the signed-in user may fill a cart and place orders (the server's
    /// `PlaceOrder` roles): buyers and approvers.
    pub fn can_order(self) -> bool {
        matches!(self.role(), Some(Role::Buyer | Role::Approver))
    }

    pub fn sign_in(self, session: Session) {
        if let Err(error) = LocalStorage::set(STORAGE_KEY, &session) {
            leptos::logging::warn!("could not save the session: {error}");
        }
        self.session.set(Some(session));
    }

    /// Replaces the user of the current session (after `me` or `setLanguage`).
    pub fn update_user(self, user: User) {
        let Some(mut session) = self.session.get_untracked() else {
            return;
        };
        if session.user == user {
            return;
        }
        session.user = user;
        self.sign_in(session);
    }

    pub fn sign_out(self) {
        LocalStorage::delete(STORAGE_KEY);
        self.session.set(None);
    }

    fn token_untracked(self) -> Option<String> {
        self.session
            .with_untracked(|session| session.as_ref().map(|s| s.token.clone()))
    }
}

pub fn use_session() -> SessionStore {
    expect_context::<SessionStore>()
}

fn registered() -> Option<SessionStore> {
    REGISTERED.with(Cell::get)
}

/// The bearer token for the next request, if someone is signed in.
pub fn current_token() -> Option<String> {
    registered().and_then(SessionStore::token_untracked)
}

/// The server no longer accepts the token: forget the session. The route guard reacts
/// and shows the login page.
pub fn expire() {
    if let Some(store) = registered() {
        store.sign_out();
    }
}
