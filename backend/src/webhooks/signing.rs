//! The signature receivers check: `X-Portal-Signature: sha256=<hex>`, the HMAC-SHA256
//! under the endpoint's secret of `"<X-Portal-Timestamp>.<body>"`. The timestamp
//! inside the signed text lets a receiver refuse old replays of a captured request.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The value of `X-Portal-Signature` for `body` sent at `timestamp` (Unix seconds).
pub fn signature(secret: &str, timestamp: i64, body: &str) -> String {
    // HMAC accepts a key of any length, so this never fails.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret.as_bytes()) else {
        unreachable!("HMAC takes keys of any length")
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body.as_bytes());
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("sha256={hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_hmac_of_timestamp_dot_body() {
        // Computed independently
        // (python3: hmac.new(b"key", b"1700000000.{}", sha256).hexdigest()).
        assert_eq!(
            signature("key", 1_700_000_000, "{}"),
            "sha256=9d713ed406bb7076d4123f0dc2c39d2df5c654ed4b0cd56b52c8b4c940bd63ae"
        );
        assert_ne!(
            signature("key", 1_700_000_001, "{}"),
            signature("key", 1_700_000_000, "{}")
        );
        assert_ne!(
            signature("other", 1_700_000_000, "{}"),
            signature("key", 1_700_000_000, "{}")
        );
    }
}
