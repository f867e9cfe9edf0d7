//! Throttles: how often one key (an account, an IP address) may do something, kept in
//! this instance's memory.
//!
//! [`Throttle`] is the reusable piece, a keyed GCRA budget (the `governor` crate):
//! `burst` events at once, then one more every `period`. It is used in two shapes:
//! - **every event counts** ([`Throttle::hit`]): login attempts per IP address,
//!   password-reset requests per account and per IP;
//! - **only failures count** ([`Throttle::check`] before, [`Throttle::record_failure`]
//!   after): failed logins per account. `governor` cannot look at a key without
//!   spending from it, so the failure that spends the last of the budget locks the key
//!   for one `period`, and `check` reads only that lock. Successful logins (the e2e
//!   suite signs the demo users in many times in parallel) never count.
//!
//! [`LoginThrottle`] puts both around a login.
//!
//! Several instances each keep their own budgets, so a client spread over `n`
//! instances gets up to `n` times the budget. That is fine for brute force (5 guesses
//! per lock period per instance is still nothing against a password); a shared store
//! (a table or Redis with the same GCRA) would be needed for exact global limits.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DashMapStateStore;
use governor::{Quota, RateLimiter};

use crate::domain::DomainError;

/// Keys kept before forgetting the ones whose budget is full again.
const MAX_KEYS: usize = 100_000;

/// A budget: `burst` events at once, then one more every `period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    pub burst: NonZeroU32,
    pub period: Duration,
}

impl Policy {
    fn quota(self) -> Quota {
        let period = self.period.max(Duration::from_millis(1));
        Quota::with_period(period)
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(self.burst)
    }
}

/// How long a refused caller must wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryAfter(pub Duration);

impl RetryAfter {
    /// Whole seconds, rounded up, at least one.
    pub fn seconds(self) -> u64 {
        self.0.as_millis().div_ceil(1000).max(1) as u64
    }
}

impl From<RetryAfter> for DomainError {
    fn from(retry: RetryAfter) -> DomainError {
        DomainError::RateLimited {
            retry_after_seconds: retry.seconds(),
        }
    }
}

type Limiter<K> = RateLimiter<K, DashMapStateStore<K>, DefaultClock, StateInformationMiddleware>;

/// A keyed budget of events; see the module's documentation for its two shapes.
pub struct Throttle<K: Hash + Eq + Clone> {
    policy: Policy,
    limiter: Limiter<K>,
    locked_until: Mutex<HashMap<K, Instant>>,
}

impl<K: Hash + Eq + Clone> Throttle<K> {
    pub fn new(policy: Policy) -> Throttle<K> {
        Throttle {
            policy,
            limiter: RateLimiter::dashmap(policy.quota())
                .with_middleware::<StateInformationMiddleware>(),
            locked_until: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one event of `key`, or refuses it when the budget is spent.
    pub fn hit(&self, key: &K) -> Result<(), RetryAfter> {
        self.forget_old_keys();
        match self.limiter.check_key(key) {
            Ok(_) => Ok(()),
            Err(not_until) => Err(RetryAfter(
                not_until.wait_time_from(self.limiter.clock().now()),
            )),
        }
    }

    /// Refuses while `key` is locked by its failures; counts nothing.
    pub fn check(&self, key: &K) -> Result<(), RetryAfter> {
        let now = Instant::now();
        match self.locks().get(key) {
            Some(until) if *until > now => Err(RetryAfter(*until - now)),
            _ => Ok(()),
        }
    }

    /// Counts one failure of `key`; the failure that spends the budget locks the key
    /// for one period.
    pub fn record_failure(&self, key: &K) {
        self.forget_old_keys();
        let spent = match self.limiter.check_key(key) {
            Ok(snapshot) => snapshot.remaining_burst_capacity() == 0,
            Err(_) => true,
        };
        if spent {
            let mut locks = self.locks();
            let now = Instant::now();
            if locks.len() >= MAX_KEYS {
                locks.retain(|_, until| *until > now);
            }
            locks.insert(key.clone(), now + self.policy.period);
        }
    }

    fn locks(&self) -> std::sync::MutexGuard<'_, HashMap<K, Instant>> {
        // A panic while holding the lock leaves a map that is still consistent.
        self.locked_until
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn forget_old_keys(&self) {
        if self.limiter.len() >= MAX_KEYS {
            self.limiter.retain_recent();
            self.limiter.shrink_to_fit();
        }
    }
}

/// The login limits (configured in `config.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoginLimits {
    /// Failed logins of one account before it is locked, and how long the lock lasts
    /// (then one more try per period).
    pub account_failures: Policy,
    /// Login attempts from one IP address, successful or not.
    pub ip_attempts: Policy,
}

impl Default for LoginLimits {
    /// 5 failures, then locked for 5 minutes; 100 attempts at once per IP, then 2 a
    /// second (the parallel e2e suite, all from 127.0.0.1, stays far below).
    fn default() -> LoginLimits {
        LoginLimits {
            account_failures: Policy {
                burst: NonZeroU32::new(5).unwrap_or(NonZeroU32::MIN),
                period: Duration::from_secs(5 * 60),
            },
            ip_attempts: Policy {
                burst: NonZeroU32::new(100).unwrap_or(NonZeroU32::MIN),
                period: Duration::from_millis(500),
            },
        }
    }
}

/// Brute-force protection of `login`: failed attempts per account, all attempts per IP.
pub struct LoginThrottle {
    per_account: Throttle<String>,
    per_ip: Throttle<IpAddr>,
}

impl LoginThrottle {
    pub fn new(limits: LoginLimits) -> LoginThrottle {
        LoginThrottle {
            per_account: Throttle::new(limits.account_failures),
            per_ip: Throttle::new(limits.ip_attempts),
        }
    }

    /// Runs `attempt` unless the account is locked or the IP is over its budget, and
    /// counts a failure of the account when the credentials were wrong. The account
    /// is the e-mail as typed (trimmed, lower case), whether or not it exists, so the
    /// answer never tells which accounts do.
    pub async fn guard<T>(
        &self,
        ip: Option<IpAddr>,
        email: &str,
        attempt: impl Future<Output = Result<T, DomainError>>,
    ) -> Result<T, DomainError> {
        let account = email.trim().to_lowercase();
        self.per_account.check(&account)?;
        if let Some(ip) = ip {
            self.per_ip.hit(&ip)?;
        }
        let result = attempt.await;
        if matches!(result, Err(DomainError::Unauthenticated(_))) {
            self.per_account.record_failure(&account);
        }
        result
    }
}

/// Password-reset requests: every request counts, per e-mail as typed (existing or
/// not, so the answer tells nothing) and per IP address.
pub struct ResetThrottle {
    per_email: Throttle<String>,
    per_ip: Throttle<IpAddr>,
}

impl Default for ResetThrottle {
    /// 3 requests per e-mail, then one every 10 minutes; 20 per IP, then one every
    /// 30 seconds.
    fn default() -> ResetThrottle {
        ResetThrottle {
            per_email: Throttle::new(Policy {
                burst: NonZeroU32::new(3).unwrap_or(NonZeroU32::MIN),
                period: Duration::from_secs(10 * 60),
            }),
            per_ip: Throttle::new(Policy {
                burst: NonZeroU32::new(20).unwrap_or(NonZeroU32::MIN),
                period: Duration::from_secs(30),
            }),
        }
    }
}

impl ResetThrottle {
    /// Counts one request, or refuses it with the wait.
    pub fn hit(&self, ip: Option<IpAddr>, email: &str) -> Result<(), DomainError> {
        if let Some(ip) = ip {
            self.per_ip.hit(&ip)?;
        }
        self.per_email.hit(&email.trim().to_lowercase())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(burst: u32, period: Duration) -> Policy {
        Policy {
            burst: NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN),
            period,
        }
    }

    #[test]
    fn hits_beyond_the_burst_are_refused_with_the_wait() {
        let throttle = Throttle::new(policy(3, Duration::from_secs(60)));
        for _ in 0..3 {
            assert_eq!(throttle.hit(&"ip"), Ok(()));
        }
        let refused = throttle.hit(&"ip").expect_err("the fourth hit is refused");
        assert!((50..=60).contains(&refused.seconds()), "{refused:?}");
        assert_eq!(throttle.hit(&"other ip"), Ok(()), "keys are separate");
    }

    #[test]
    fn the_failure_that_spends_the_budget_locks_the_key_for_one_period() {
        let throttle = Throttle::new(policy(2, Duration::from_secs(30)));
        assert_eq!(throttle.check(&"a"), Ok(()));
        throttle.record_failure(&"a");
        assert_eq!(throttle.check(&"a"), Ok(()), "one failure of two");
        throttle.record_failure(&"a");
        let locked = throttle.check(&"a").expect_err("locked after two");
        assert_eq!(locked.seconds(), 30);
        assert_eq!(throttle.check(&"b"), Ok(()));
    }

    #[test]
    fn a_lock_expires_after_its_period() {
        let throttle = Throttle::new(policy(1, Duration::from_millis(50)));
        throttle.record_failure(&"a");
        assert!(throttle.check(&"a").is_err());
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(throttle.check(&"a"), Ok(()));
    }

    #[test]
    fn a_wait_rounds_up_to_whole_seconds() {
        assert_eq!(RetryAfter(Duration::from_millis(1)).seconds(), 1);
        assert_eq!(RetryAfter(Duration::from_millis(1001)).seconds(), 2);
        assert_eq!(RetryAfter(Duration::ZERO).seconds(), 1);
    }
}
