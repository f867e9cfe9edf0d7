//! Who is signed in: the token and the user, kept in local storage under
//! `portal.session` so a reload stays signed in.
//!
//! Components read the session through [`use_session`] (context). The API client also
//! needs it after an `.await`, where the reactive owner and its context are gone, so the
//! one store of the app is also registered in a thread-local when it is created.
//!
//! When a page needs a session and there is none (a link from an e-mail, or a token the
//! server no longer accepts), the address is kept in session storage (this tab only)
//! and the login page brings the person back to it: see [`login_redirect`].

use std::cell::Cell;

use gloo_storage::{LocalStorage, SessionStorage, Storage};
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
    /// Set by "Log out": the page the person left is not one to come back to.
    static SIGNED_OUT_ON_PURPOSE: Cell<bool> = const { Cell::new(false) };
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
        SIGNED_OUT_ON_PURPOSE.with(|on_purpose| on_purpose.set(false));
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

    /// "Log out": the session ends and nothing is kept to come back to.
    pub fn sign_out(self) {
        SIGNED_OUT_ON_PURPOSE.with(|on_purpose| on_purpose.set(true));
        SessionStorage::delete(RETURN_KEY);
        self.clear();
    }

    fn clear(self) {
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

/// The server no longer accepts the token (expired, or rejected): forget the session and
/// remember where the person was. The route guard reacts and shows the login page, which
/// says why and comes back here after signing in.
pub fn expire() {
    // Only the first refusal counts: the other requests of the page fail the same way
    // when the login page may already be showing.
    if let Some(store) = registered().filter(|store| store.token_untracked().is_some()) {
        remember(Return {
            path: current_path(),
            expired: true,
        });
        store.clear();
    }
}

/// Session storage key of the [`Return`] address.
const RETURN_KEY: &str = "portal.return";

/// Where to go after signing in, and whether a session ended on its own to get here.
#[derive(Serialize, Deserialize)]
struct Return {
    path: String,
    expired: bool,
}

fn remember(to: Return) {
    if let Err(error) = SessionStorage::set(RETURN_KEY, &to) {
        leptos::logging::warn!("could not keep the page to come back to: {error}");
    }
}

fn current_path() -> String {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    format!("{path}{search}")
}

/// The route guard's way to the login page from a page that needs a session: keeps the
/// address (unless the person logged out, or a session that ended already kept one).
pub fn login_redirect() -> &'static str {
    let on_purpose = SIGNED_OUT_ON_PURPOSE.with(Cell::get);
    if !on_purpose && SessionStorage::get::<Return>(RETURN_KEY).is_err() {
        remember(Return {
            path: current_path(),
            expired: false,
        });
    }
    "/login"
}

/// Where the login page sends a person who just signed in: back where they were, or home.
pub fn after_sign_in_path() -> String {
    SessionStorage::get::<Return>(RETURN_KEY)
        .ok()
        .map(|to| to.path)
        .filter(|path| path.starts_with('/') && !path.starts_with("//") && path != "/login")
        .unwrap_or_else(|| "/".to_owned())
}

/// Whether the login page is shown because a session ended (not a first visit).
pub fn session_expired() -> bool {
    SessionStorage::get::<Return>(RETURN_KEY).is_ok_and(|to| to.expired)
}

/// A signed-in page is showing: the kept address has served its purpose.
pub fn arrived() {
    SessionStorage::delete(RETURN_KEY);
}
