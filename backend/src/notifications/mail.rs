//! Sending one e-mail: over SMTP (lettre, rustls) when `SMTP_URL` is set, otherwise
//! into the outbox folder as an `.eml` file (a development and demo stand-in that a
//! mail client opens as is), with a log line either way.

use std::path::{Path, PathBuf};

use anyhow::Context;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use super::messages;
use super::queue::{InvitationMail, MailJob, PasswordResetMail, QueuedMail};
use crate::config::MailConfig;
use crate::domain::auth::token::TokenKeys;

/// Where messages go.
#[derive(Clone)]
enum Delivery {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Outbox(PathBuf),
}

/// Builds and delivers the messages of [`MailJob`]s. Cheap to clone: the SMTP
/// transport is a shared connection pool.
#[derive(Clone)]
pub struct Mailer {
    delivery: Delivery,
    from: Mailbox,
    public_url: String,
    /// Derives the token of a password-reset link from its job's nonce.
    link_keys: Option<TokenKeys>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the SMTP URL: it may hold a password.
        let delivery = match &self.delivery {
            Delivery::Smtp(_) => "smtp".to_owned(),
            Delivery::Outbox(dir) => format!("outbox {}", dir.display()),
        };
        f.debug_struct("Mailer")
            .field("delivery", &delivery)
            .field("from", &self.from.to_string())
            .finish()
    }
}

/// Checks the mail settings at start-up without connecting anywhere: the sender is an
/// address and `SMTP_URL` is a URL lettre can use.
pub fn check_config(config: &MailConfig) -> anyhow::Result<()> {
    config
        .from
        .parse::<Mailbox>()
        .with_context(|| format!("MAIL_FROM={} is not an e-mail address", config.from))?;
    if let Some(url) = &config.smtp_url {
        AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
            .context("SMTP_URL is not a usable SMTP URL")?;
    }
    Ok(())
}

impl Mailer {
    pub fn from_config(config: &MailConfig) -> anyhow::Result<Mailer> {
        let from: Mailbox = config
            .from
            .parse()
            .with_context(|| format!("MAIL_FROM={} is not an e-mail address", config.from))?;
        let delivery = match &config.smtp_url {
            Some(url) => Delivery::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose_secret())
                    // lettre's message names the problem, not the URL.
                    .context("SMTP_URL is not a usable SMTP URL")?
                    .build(),
            ),
            None => Delivery::Outbox(config.outbox_dir.clone()),
        };
        Ok(Mailer {
            delivery,
            from,
            public_url: config.public_url.clone(),
            link_keys: None,
        })
    }

    /// The keys that derive password-reset links (the server's signing secret).
    pub fn with_link_keys(self, keys: TokenKeys) -> Mailer {
        Mailer {
            link_keys: Some(keys),
            ..self
        }
    }

    /// Sends any job of the queue.
    pub async fn send_queued(&self, job: &QueuedMail) -> anyhow::Result<()> {
        match job {
            QueuedMail::Notification(job) => self.send(job).await,
            QueuedMail::PasswordReset(job) => {
                let message = self.password_reset_message(job)?;
                self.send_link_mail(message, &format!("password-reset-{}", job.reset_id))
                    .await
            }
            QueuedMail::Invitation(job) => {
                let message = self.invitation_message(job)?;
                self.send_link_mail(message, &format!("invitation-{}", job.invitation_id))
                    .await
            }
        }
    }

    /// The link of a mail that carries a secret token: `path?token=` with the token
    /// derived from the job's nonce for `purpose`.
    fn secret_link(&self, purpose: &str, path: &str, nonce: &str) -> anyhow::Result<String> {
        let keys = self
            .link_keys
            .as_ref()
            .with_context(|| format!("no keys to derive a {purpose} link"))?;
        let token = keys.link_token(purpose, nonce);
        Ok(format!(
            "{}{path}?token={token}",
            self.public_url.trim_end_matches('/')
        ))
    }

    fn mailbox(name: &str, address: &str) -> anyhow::Result<Mailbox> {
        Ok(Mailbox::new(
            Some(name.to_owned()),
            address
                .parse()
                .with_context(|| format!("{address} is not an e-mail address"))?,
        ))
    }

    /// The invitation message (both languages), with its link valid 7 days.
    pub fn invitation_message(&self, job: &InvitationMail) -> anyhow::Result<Message> {
        let url = self.secret_link(
            crate::domain::companies::invitations::LINK_PURPOSE,
            "/accept-invitation",
            &job.nonce,
        )?;
        let email =
            messages::invitation_email(&job.to_name, &job.company_name, &job.inviter_name, &url);
        self.build(Self::mailbox(&job.to_name, &job.to_address)?, email)
    }

    /// The password-reset message; the link's token is derived here, never stored.
    pub fn password_reset_message(&self, job: &PasswordResetMail) -> anyhow::Result<Message> {
        let url = self.secret_link(
            crate::domain::auth::reset::LINK_PURPOSE,
            "/reset-password",
            &job.nonce,
        )?;
        let email = messages::password_reset_email(job.language, &job.to_name, &url);
        self.build(Self::mailbox(&job.to_name, &job.to_address)?, email)
    }

    /// Sends a message whose link opens an account: the log names only the outbox file
    /// (`name`), never the link.
    async fn send_link_mail(&self, message: Message, name: &str) -> anyhow::Result<()> {
        match &self.delivery {
            Delivery::Smtp(transport) => {
                transport
                    .send(message)
                    .await
                    .with_context(|| format!("SMTP delivery of {name} failed"))?;
                tracing::info!(mail = name, "e-mail with a link sent");
            }
            Delivery::Outbox(dir) => {
                let path = write_to_outbox(dir, name, message.formatted()).await?;
                tracing::info!(
                    mail = name,
                    path = %path.display(),
                    "e-mail with a link written to the outbox (no SMTP_URL)"
                );
            }
        }
        Ok(())
    }

    /// The message of `job`: subject and plain text in the recipient's language.
    pub fn message(&self, job: &MailJob) -> anyhow::Result<Message> {
        let email = messages::email(
            job.kind,
            job.language,
            &job.to_name,
            &job.facts,
            &self.public_url,
        );
        let to = Mailbox::new(
            Some(job.to_name.clone()),
            job.to_address
                .parse()
                .with_context(|| format!("{} is not an e-mail address", job.to_address))?,
        );
        self.build(to, email)
    }

    fn build(&self, to: Mailbox, email: messages::Email) -> anyhow::Result<Message> {
        // SMTP gets lettre's safest transfer encoding (quoted-printable or base64 for
        // Hebrew); the outbox keeps 8-bit text so a person can read the file.
        let body = match self.delivery {
            Delivery::Smtp(_) => Body::new(email.text),
            // A line longer than 8-bit text allows (a very long link) falls back to
            // lettre's choice.
            Delivery::Outbox(_) => {
                Body::new_with_encoding(email.text.clone(), ContentTransferEncoding::EightBit)
                    .unwrap_or_else(|_| Body::new(email.text))
            }
        };
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(email.subject)
            .message_id(None)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .context("cannot build the e-mail")
    }

    /// Sends the e-mail of `job`.
    pub async fn send(&self, job: &MailJob) -> anyhow::Result<()> {
        let message = self.message(job)?;
        match &self.delivery {
            Delivery::Smtp(transport) => {
                transport
                    .send(message)
                    .await
                    .with_context(|| format!("SMTP delivery to {} failed", job.to_address))?;
                tracing::info!(
                    notification = job.notification_id,
                    to = %job.to_address,
                    order = %job.facts.number,
                    "notification e-mail sent"
                );
            }
            Delivery::Outbox(dir) => {
                let name = format!("notification-{}", job.notification_id);
                let path = write_to_outbox(dir, &name, message.formatted()).await?;
                tracing::info!(
                    notification = job.notification_id,
                    to = %job.to_address,
                    order = %job.facts.number,
                    path = %path.display(),
                    "notification e-mail written to the outbox (no SMTP_URL)"
                );
            }
        }
        Ok(())
    }
}

/// Writes the message under a temporary name and renames it, so that whoever watches
/// the folder never reads half a message.
async fn write_to_outbox(dir: &Path, name: &str, contents: Vec<u8>) -> anyhow::Result<PathBuf> {
    let dir = dir.to_owned();
    let name = name.to_owned();
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the outbox {}", dir.display()))?;
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
        let name = format!("{stamp}-{name}");
        let partial = dir.join(format!(".{name}.partial"));
        let path = dir.join(format!("{name}.eml"));
        std::fs::write(&partial, contents)
            .with_context(|| format!("cannot write {}", partial.display()))?;
        std::fs::rename(&partial, &path)
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    })
    .await
    .context("the outbox writer stopped")?
}
