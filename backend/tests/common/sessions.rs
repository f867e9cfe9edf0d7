//! Signing in as a browser does: the access token and the `portal_refresh` cookie,
//! `/auth/refresh` and `/auth/logout`, and the password-reset e-mails of the outbox.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::TestApp;

/// One browser's sign-in: its access token and refresh cookie.
#[derive(Clone, Debug)]
pub struct BrowserSession {
    pub token: String,
    /// The value of the `portal_refresh` cookie.
    pub refresh: String,
    /// The whole `Set-Cookie` header that carried it.
    pub set_cookie: String,
}

/// The `portal_refresh` value and the whole header of a response's `Set-Cookie`.
pub fn refresh_cookie(response: &reqwest::Response) -> Option<(String, String)> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find_map(|header| {
            let value = header
                .strip_prefix("portal_refresh=")?
                .split(';')
                .next()?
                .to_owned();
            Some((value, header.to_owned()))
        })
}

impl TestApp {
    /// Signs in like the web app: the token of the answer and the cookie it set.
    pub async fn sign_in(&self, email: &str, password: &str) -> BrowserSession {
        let response = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({
                "query": "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token user { email } } }",
                "variables": { "email": email, "password": password },
            }))
            .send()
            .await
            .expect("the server answers");
        let (refresh, set_cookie) =
            refresh_cookie(&response).unwrap_or_else(|| panic!("no refresh cookie for {email}"));
        let body: Value = response.json().await.expect("JSON");
        let token = body["data"]["login"]["token"]
            .as_str()
            .unwrap_or_else(|| panic!("login of {email} failed: {body}"))
            .to_owned();
        BrowserSession {
            token,
            refresh,
            set_cookie,
        }
    }

    /// `POST path` with the refresh cookie and the same-origin header.
    pub async fn post_with_cookie(&self, path: &str, refresh: &str) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("cookie", format!("portal_refresh={refresh}"))
            .header("x-portal-csrf", "1")
            .send()
            .await
            .expect("the server answers")
    }

    /// `POST /auth/refresh`: the new session on success, else the status.
    pub async fn refresh(&self, refresh: &str) -> Result<BrowserSession, reqwest::StatusCode> {
        let response = self.post_with_cookie("/auth/refresh", refresh).await;
        if response.status() != reqwest::StatusCode::OK {
            return Err(response.status());
        }
        let (refresh, set_cookie) = refresh_cookie(&response).expect("a new refresh cookie");
        let body: Value = response.json().await.expect("JSON");
        Ok(BrowserSession {
            token: body["token"].as_str().expect("a token").to_owned(),
            refresh,
            set_cookie,
        })
    }

    /// Whether `token` still opens `me`.
    pub async fn token_works(&self, token: &str) -> bool {
        let response = self.graphql(Some(token), "{ me { id } }", json!({})).await;
        match super::error_code(&response) {
            None => true,
            Some("UNAUTHENTICATED") => false,
            Some(other) => panic!("unexpected {other}: {response}"),
        }
    }

    /// The token of the newest password-reset e-mail to `email` in the outbox, waiting
    /// up to 10 seconds for it.
    pub async fn reset_token_from_outbox(&self, email: &str) -> String {
        self.token_from_outbox("password-reset", "/reset-password", email)
            .await
    }

    /// The token of the newest invitation e-mail to `email` (waits for the worker).
    pub async fn invitation_token_from_outbox(&self, email: &str) -> String {
        self.token_from_outbox("invitation", "/accept-invitation", email)
            .await
    }

    /// How many password-reset e-mails the outbox holds.
    pub fn reset_mail_count(&self) -> usize {
        mails(&self.outbox_dir, "password-reset").len()
    }

    /// How many invitation e-mails the outbox holds.
    pub fn invitation_mail_count(&self) -> usize {
        mails(&self.outbox_dir, "invitation").len()
    }

    /// The token of the `path?token=` link in the newest e-mail of `kind` (the outbox
    /// file name's part) to `email`.
    async fn token_from_outbox(&self, kind: &str, path: &str, email: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            for file in mails(&self.outbox_dir, kind).iter().rev() {
                let text = std::fs::read_to_string(file).unwrap_or_default();
                if text.contains(email)
                    && let Some(token) = token_after(&text, path)
                {
                    return token;
                }
            }
            assert!(
                Instant::now() < deadline,
                "no {kind} e-mail to {email} in {}: {:?}",
                self.outbox_dir.display(),
                mails(&self.outbox_dir, kind)
                    .iter()
                    .map(|file| std::fs::read_to_string(file).unwrap_or_default())
                    .collect::<Vec<_>>()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

fn mails(folder: &Path, kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| {
                    path.file_name()
                        .and_then(|name| name.to_str())
                        .is_some_and(|name| name.contains(kind) && name.ends_with(".eml"))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The token of the `/reset-password?token=` link in an e-mail.
pub fn link_token(text: &str) -> Option<String> {
    token_after(text, "/reset-password")
}

/// The token of the `path?token=` link in an e-mail (undoing quoted-printable soft
/// line breaks and `=3D` if the link was encoded).
pub fn token_after(text: &str, path: &str) -> Option<String> {
    let text = text
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    let marker = format!("{path}?token=");
    let start = text.find(&marker)? + marker.len();
    let token: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!token.is_empty()).then_some(token)
}
