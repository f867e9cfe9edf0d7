//! Two-factor authentication: the caller's own enrolment, the enrolment a policy
//! requires during sign-in, and a company admin's policy for its approvers.

use async_graphql::{Context, Object, SimpleObject};

use super::context::ContextExt;
use crate::domain::auth::totp::{self, TotpPolicy};
use crate::domain::{DomainError, Operation, auth};

/// The policy of this server (`REQUIRE_TOTP`).
pub fn totp_policy(ctx: &Context<'_>) -> Result<TotpPolicy, DomainError> {
    ctx.data::<TotpPolicy>()
        .copied()
        .map_err(|_| DomainError::internal(anyhow::anyhow!("no TOTP policy in the context")))
}

/// A new secret for an authenticator app, shown once; nothing returns it later.
#[derive(SimpleObject)]
pub struct TotpEnrollment {
    /// The secret in base32, to type into an app by hand.
    pub secret: String,
    /// `otpauth://totp/...`, what the QR code holds.
    pub otpauth_uri: String,
    /// The QR code as an SVG `data:` URL for an `<img>`.
    pub qr_code: String,
}

impl From<totp::Enrollment> for TotpEnrollment {
    fn from(enrollment: totp::Enrollment) -> TotpEnrollment {
        TotpEnrollment {
            secret: enrollment.secret,
            otpauth_uri: enrollment.otpauth_uri,
            qr_code: enrollment.qr_code_data_url,
        }
    }
}

/// The caller's two-factor authentication.
#[derive(SimpleObject)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    /// The policy requires it for this user: it cannot be turned off.
    pub required: bool,
    /// Unused recovery codes.
    pub recovery_codes_left: i32,
}

/// A company's security settings (its admin's).
#[derive(SimpleObject)]
pub struct CompanySecurity {
    /// Approvers must use two-factor authentication to sign in.
    pub approvers_require_totp: bool,
}

async fn status_of(
    ctx: &Context<'_>,
    actor: &crate::domain::Actor,
) -> async_graphql::Result<TwoFactorStatus> {
    let status = totp::status(ctx.db()?, totp_policy(ctx)?, actor).await?;
    Ok(TwoFactorStatus {
        enabled: status.enabled,
        required: status.required,
        recovery_codes_left: i32::try_from(status.recovery_codes_left).unwrap_or(i32::MAX),
    })
}

#[derive(Default)]
pub struct TwoFactorQuery;

#[Object]
impl TwoFactorQuery {
    /// Whether the caller uses two-factor authentication and must.
    async fn two_factor_status(&self, ctx: &Context<'_>) -> async_graphql::Result<TwoFactorStatus> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        status_of(ctx, actor).await
    }

    /// The caller's company's security settings (company admins).
    async fn company_security(&self, ctx: &Context<'_>) -> async_graphql::Result<CompanySecurity> {
        let actor = ctx.authorize(Operation::ManageCompanyRules)?;
        Ok(CompanySecurity {
            approvers_require_totp: totp::approvers_require_totp(ctx.db()?, actor).await?,
        })
    }
}

#[derive(Default)]
pub struct TwoFactorMutation;

#[Object]
impl TwoFactorMutation {
    /// Starts setting up two-factor authentication: a new secret that
    /// `confirmTotpEnrollment` turns on with its first code.
    async fn start_totp_enrollment(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<TotpEnrollment> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        Ok(
            totp::start_enrollment(ctx.db()?, actor.user_id, actor.email.as_str())
                .await?
                .into(),
        )
    }

    /// Turns two-factor authentication on with a code from the app; returns the
    /// recovery codes, shown this once.
    async fn confirm_totp_enrollment(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> async_graphql::Result<Vec<String>> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let codes = totp::confirm_enrollment(&txn, actor, &code).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(codes)
    }

    /// Turns two-factor authentication off, proven by a current code, a recovery code
    /// or the password. Refused when the policy requires it.
    async fn disable_totp(
        &self,
        ctx: &Context<'_>,
        code_or_password: String,
    ) -> async_graphql::Result<TwoFactorStatus> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        totp::disable(&txn, totp_policy(ctx)?, actor, &code_or_password).await?;
        txn.commit().await.map_err(DomainError::from)?;
        status_of(ctx, actor).await
    }

    /// Replaces the recovery codes, proven by a current code; returns the new ones.
    async fn regenerate_recovery_codes(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> async_graphql::Result<Vec<String>> {
        let actor = ctx.authorize(Operation::OwnAccount)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let codes = totp::regenerate_recovery_codes(&txn, actor, &code).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(codes)
    }

    /// For a user the policy requires to use two-factor authentication who has not set
    /// it up (`login` answered `TOTP_ENROLLMENT_REQUIRED`): checks the password and
    /// returns a new secret; `login` with a code from it completes the set-up.
    async fn start_totp_enrollment_at_login(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
    ) -> async_graphql::Result<TotpEnrollment> {
        Ok(
            auth::start_enrollment_at_login(ctx.db()?, &email, &password, totp_policy(ctx)?)
                .await?
                .into(),
        )
    }

    /// A company admin requires (or stops requiring) two-factor authentication of
    /// its approvers.
    async fn set_approvers_require_totp(
        &self,
        ctx: &Context<'_>,
        required: bool,
    ) -> async_graphql::Result<CompanySecurity> {
        let actor = ctx.authorize(Operation::ManageCompanyRules)?;
        let txn = crate::db::begin_write(ctx.db()?)
            .await
            .map_err(DomainError::from)?;
        let required = totp::set_approvers_require_totp(&txn, actor, required).await?;
        txn.commit().await.map_err(DomainError::from)?;
        Ok(CompanySecurity {
            approvers_require_totp: required,
        })
    }
}
