//! Typed configuration, read once from the environment at start-up.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::{Context, bail};
use secrecy::{ExposeSecret, SecretString};

use crate::domain::auth::throttle::{LoginLimits, Policy};
use crate::domain::invoicing::SupplierDetails;

/// The default embedded database of the demo: a file under `./data`.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://./data/portal.db?mode=rwc";

/// A signing secret shorter than this is refused outside demo mode.
pub const MIN_JWT_SECRET_BYTES: usize = 32;

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub listen_address: SocketAddr,
    /// The built SPA (Trunk's `dist/`); `None` serves the API only.
    pub static_dir: Option<PathBuf>,
    /// Signs new tokens (`JWT_SECRET`).
    pub jwt_secret: SecretString,
    /// Earlier signing secrets whose tokens are still accepted while they expire
    /// (`JWT_PREVIOUS_SECRETS`, separated by commas or white space): rotate by moving
    /// the old `JWT_SECRET` here and dropping it after `ACCESS_TOKEN_MINUTES`.
    pub jwt_previous_secrets: Vec<SecretString>,
    /// Demo mode seeds the demo data into a new database and accepts a generated secret.
    pub demo: bool,
    pub access_token_minutes: i64,
    /// Supplier staff and company admins must use two-factor authentication
    /// (`REQUIRE_TOTP=true|false`; on by default outside demo mode, off in the demo so
    /// its users sign in with a password alone).
    pub require_totp: bool,
    /// Links and e-mail of the notifications.
    pub mail: MailConfig,
    /// The supplier's name, VAT number and address on invoices and statements
    /// (`SUPPLIER_NAME`, `SUPPLIER_VAT_NUMBER`, `SUPPLIER_ADDRESS`).
    pub supplier: SupplierDetails,
    /// Login throttles: `LOGIN_MAX_FAILURES` failures per account lock it for
    /// `LOGIN_LOCK_SECONDS`; `LOGIN_IP_BURST` attempts per IP at once, then
    /// `LOGIN_IP_PER_MINUTE`.
    pub login_limits: LoginLimits,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`,
    /// IP addresses separated by commas); without them the peer address is the client.
    pub trusted_proxies: Vec<IpAddr>,
    /// Retries of webhook deliveries (`WEBHOOK_RETRY_BASE_MS`).
    pub webhooks: WebhookConfig,
}

/// How webhook deliveries are retried: the first pause after a failed attempt, doubled
/// per attempt up to `retry_max_delay`. The defaults (30 s, at most an hour) spread
/// the 8 attempts over about an hour; tests shorten the base to milliseconds.
#[derive(Clone, Debug)]
pub struct WebhookConfig {
    pub retry_base_delay: std::time::Duration,
    pub retry_max_delay: std::time::Duration,
}

impl Default for WebhookConfig {
    fn default() -> WebhookConfig {
        WebhookConfig {
            retry_base_delay: std::time::Duration::from_secs(30),
            retry_max_delay: std::time::Duration::from_secs(3600),
        }
    }
}

impl WebhookConfig {
    pub fn from_env() -> anyhow::Result<WebhookConfig> {
        let defaults = WebhookConfig::default();
        let base = positive_from_env(
            "WEBHOOK_RETRY_BASE_MS",
            u32::try_from(defaults.retry_base_delay.as_millis()).unwrap_or(30_000),
        )?;
        Ok(WebhookConfig {
            retry_base_delay: std::time::Duration::from_millis(u64::from(base.get())),
            ..defaults
        })
    }
}

/// Where notification links point and how e-mail leaves the server.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// The address users open the portal at, without a trailing slash; e-mail links
    /// are absolute from it (`PUBLIC_URL`).
    pub public_url: String,
    /// `smtp://host:port`, `smtps://user:password@host` (`SMTP_URL`). Without it,
    /// messages are written as `.eml` files into `outbox_dir` and logged.
    pub smtp_url: Option<SecretString>,
    /// `MAIL_OUTBOX_DIR`.
    pub outbox_dir: PathBuf,
    /// The sender of every message (`MAIL_FROM`).
    pub from: String,
}

impl Default for MailConfig {
    /// The demo's: links to the local server, messages into `./data/outbox`.
    fn default() -> MailConfig {
        MailConfig {
            public_url: "http://127.0.0.1:8080".to_owned(),
            smtp_url: None,
            outbox_dir: PathBuf::from("data/outbox"),
            from: "Wholesale portal <portal@localhost>".to_owned(),
        }
    }
}

impl MailConfig {
    /// Reads `PUBLIC_URL`, `SMTP_URL`, `MAIL_OUTBOX_DIR` and `MAIL_FROM`.
    pub fn from_env() -> anyhow::Result<MailConfig> {
        let defaults = MailConfig::default();
        let public_url = match std::env::var("PUBLIC_URL") {
            Ok(url) if url.starts_with("http://") || url.starts_with("https://") => {
                url.trim_end_matches('/').to_owned()
            }
            Ok(url) => bail!("PUBLIC_URL={url} must start with http:// or https://"),
            Err(_) => defaults.public_url,
        };
        let smtp_url = match std::env::var("SMTP_URL") {
            Ok(url) if url.is_empty() => None,
            Ok(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => {
                Some(SecretString::from(url))
            }
            // The URL may hold a password: never echo it.
            Ok(_) => bail!("SMTP_URL must start with smtp:// or smtps://"),
            Err(_) => None,
        };
        let outbox_dir = match std::env::var("MAIL_OUTBOX_DIR") {
            Ok(dir) if !dir.is_empty() => PathBuf::from(dir),
            _ => defaults.outbox_dir,
        };
        let from = match std::env::var("MAIL_FROM") {
            Ok(from) if !from.is_empty() => from,
            _ => defaults.from,
        };
        let config = MailConfig {
            public_url,
            smtp_url,
            outbox_dir,
            from,
        };
        crate::notifications::mail::check_config(&config)?;
        Ok(config)
    }
}

impl Config {
    /// Reads the environment: `DATABASE_URL`, `BIND`, `PORT`, `STATIC_DIR`, `JWT_SECRET`,
    /// `JWT_PREVIOUS_SECRETS`,
    /// `ACCESS_TOKEN_MINUTES`, `REQUIRE_TOTP`, the supplier's details, and the mail settings ([`MailConfig::from_env`]). In demo mode a missing secret is generated and kept in
    /// `./data/jwt-secret` so that sessions survive a restart of the demo.
    pub fn from_env(demo: bool) -> anyhow::Result<Config> {
        let database_url =
            std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_owned());
        let bind: IpAddr = match std::env::var("BIND") {
            Ok(text) => text
                .parse()
                .with_context(|| format!("BIND={text} is not an IP address"))?,
            Err(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };
        let port: u16 = match std::env::var("PORT") {
            Ok(text) => text
                .parse()
                .with_context(|| format!("PORT={text} is not a port number"))?,
            Err(_) => 8080,
        };
        let static_dir = match std::env::var("STATIC_DIR") {
            Ok(dir) if dir.is_empty() => None,
            Ok(dir) => Some(PathBuf::from(dir)),
            Err(_) => Some(PathBuf::from("dist")),
        };
        let access_token_minutes = match std::env::var("ACCESS_TOKEN_MINUTES") {
            Ok(text) => text
                .parse()
                .ok()
                .filter(|minutes| (1..=24 * 60).contains(minutes))
                .with_context(|| format!("ACCESS_TOKEN_MINUTES={text} must be 1..=1440"))?,
            // Short: the app refreshes it through the HttpOnly refresh cookie.
            Err(_) => 15,
        };
        let jwt_secret = match std::env::var("JWT_SECRET") {
            Ok(secret) => SecretString::from(secret),
            Err(_) if demo => demo_secret()?,
            Err(_) => bail!(
                "JWT_SECRET is not set: set it to a random string of at least {MIN_JWT_SECRET_BYTES} bytes \
                 (e.g. `openssl rand -base64 48`), or run the demo with `portal serve --demo`"
            ),
        };
        check_secret_strength(&jwt_secret, demo)?;
        let jwt_previous_secrets: Vec<SecretString> = std::env::var("JWT_PREVIOUS_SECRETS")
            .unwrap_or_default()
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|secret| !secret.is_empty())
            .map(|secret| SecretString::from(secret.to_owned()))
            .collect();
        for previous in &jwt_previous_secrets {
            check_secret_strength(previous, demo).context("in JWT_PREVIOUS_SECRETS")?;
        }
        let require_totp = match std::env::var("REQUIRE_TOTP") {
            Ok(text) => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => true,
                "false" | "0" | "no" | "off" => false,
                _ => bail!("REQUIRE_TOTP={text} must be true or false"),
            },
            Err(_) => !demo,
        };
        Ok(Config {
            database_url,
            listen_address: SocketAddr::new(bind, port),
            static_dir,
            jwt_secret,
            jwt_previous_secrets,
            demo,
            access_token_minutes,
            require_totp,
            mail: MailConfig::from_env()?,
            supplier: SupplierDetails::from_env(),
            login_limits: login_limits_from_env()?,
            trusted_proxies: trusted_proxies_from_env()?,
            webhooks: WebhookConfig::from_env()?,
        })
    }
}

/// A positive whole number from the environment, or `default`.
fn positive_from_env(name: &str, default: u32) -> anyhow::Result<std::num::NonZeroU32> {
    let value = match std::env::var(name) {
        Ok(text) => text
            .trim()
            .parse()
            .with_context(|| format!("{name}={text} is not a positive whole number"))?,
        Err(_) => default,
    };
    std::num::NonZeroU32::new(value).with_context(|| format!("{name} must be at least 1"))
}

fn login_limits_from_env() -> anyhow::Result<LoginLimits> {
    let defaults = LoginLimits::default();
    let lock_seconds = positive_from_env(
        "LOGIN_LOCK_SECONDS",
        defaults.account_failures.period.as_secs() as u32,
    )?;
    let per_minute = positive_from_env("LOGIN_IP_PER_MINUTE", 120)?;
    Ok(LoginLimits {
        account_failures: Policy {
            burst: positive_from_env("LOGIN_MAX_FAILURES", defaults.account_failures.burst.get())?,
            period: std::time::Duration::from_secs(u64::from(lock_seconds.get())),
        },
        ip_attempts: Policy {
            burst: positive_from_env("LOGIN_IP_BURST", defaults.ip_attempts.burst.get())?,
            period: std::time::Duration::from_secs(60) / per_minute.get(),
        },
    })
}

fn trusted_proxies_from_env() -> anyhow::Result<Vec<IpAddr>> {
    std::env::var("TRUSTED_PROXIES")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|text| !text.is_empty())
        .map(|text| {
            text.parse()
                .with_context(|| format!("TRUSTED_PROXIES: {text} is not an IP address"))
        })
        .collect()
}

/// Refuses short or repetitive secrets; demo mode only warns.
pub fn check_secret_strength(secret: &SecretString, demo: bool) -> anyhow::Result<()> {
    let bytes = secret.expose_secret().as_bytes();
    let distinct = bytes
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    if bytes.len() >= MIN_JWT_SECRET_BYTES && distinct >= 10 {
        return Ok(());
    }
    if demo {
        tracing::warn!("JWT_SECRET is weak; accepted only because this is demo mode");
        return Ok(());
    }
    bail!(
        "JWT_SECRET is too weak: use at least {MIN_JWT_SECRET_BYTES} random bytes \
         (e.g. `openssl rand -base64 48`)"
    )
}

/// The demo keeps a random secret beside its database instead of a secret in the repo.
fn demo_secret() -> anyhow::Result<SecretString> {
    let path = PathBuf::from("data/jwt-secret");
    if let Ok(existing) = std::fs::read_to_string(&path) {
        let existing = existing.trim().to_owned();
        if existing.len() >= MIN_JWT_SECRET_BYTES {
            return Ok(SecretString::from(existing));
        }
    }
    let secret = crate::domain::auth::token::random_secret();
    std::fs::create_dir_all("data").context("cannot create ./data for the demo secret")?;
    write_private_file(&path, &secret)?;
    Ok(SecretString::from(secret))
}

fn write_private_file(path: &std::path::Path, contents: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(contents.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_secrets_are_refused_outside_demo_mode() {
        let short = SecretString::from("short");
        assert!(check_secret_strength(&short, false).is_err());
        let repetitive = SecretString::from("a".repeat(64));
        assert!(check_secret_strength(&repetitive, false).is_err());
        assert!(check_secret_strength(&short, true).is_ok());
        let strong = SecretString::from("k3J9x!Qw8zLp2Vn5Rt7Ym4Hc6Bd1Fg0Sa-Ue");
        assert!(check_secret_strength(&strong, false).is_ok());
    }
}
