//! Login throttling, counted in the database so every instance sees the same
//! numbers. Failures are counted under two keys, the account tried and the
//! client's address (hashed), and either reaching [`MAX_FAILURES`] within
//! [`WINDOW_SECONDS`] refuses further attempts without checking the password.
//! Refused attempts count as failures too, so the wait grows while someone
//! keeps trying.

use std::net::IpAddr;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use herald_core::{Store, StoreError, Timestamp};
use sha2::{Digest, Sha256};

/// Failures allowed within the window before attempts are refused.
pub const MAX_FAILURES: u32 = 5;
/// The window failures are counted in: 15 minutes.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// Longest login kept in a key (longer ones are cut: a key, not a lookup).
const MAX_KEY_LOGIN_CHARS: usize = 100;

/// The throttling key of an account.
pub fn account_key(login: &str) -> String {
    let login: String = login.chars().take(MAX_KEY_LOGIN_CHARS).collect();
    format!("account:{login}")
}

/// The throttling key of a client address: a hash, so the database holds no
/// readers' addresses.
pub fn address_key(address: IpAddr) -> String {
    let digest = Sha256::new()
        .chain_update(b"herald login address\0")
        .chain_update(address.to_string().as_bytes())
        .finalize();
    format!("addr:{}", URL_SAFE_NO_PAD.encode(digest))
}

/// Seconds to suggest waiting after `failures` failures: one minute at the
/// limit, doubling with each further attempt, at most the window.
pub fn retry_after(failures: u32) -> i64 {
    let extra = failures.saturating_sub(MAX_FAILURES).min(8);
    (60_i64 << extra).min(WINDOW_SECONDS)
}

/// `Some(seconds to wait)` when any of `keys` has too many recent failures.
///
/// # Errors
/// The store cannot be read.
pub async fn check(
    store: &dyn Store,
    keys: &[String],
    now: Timestamp,
) -> Result<Option<i64>, StoreError> {
    let mut most = 0;
    for key in keys {
        most = most.max(store.login_failures(key, now - WINDOW_SECONDS).await?);
    }
    Ok((most >= MAX_FAILURES).then(|| retry_after(most)))
}

/// Count a failure under every key.
///
/// # Errors
/// The store cannot be written.
pub async fn record(store: &dyn Store, keys: &[String], now: Timestamp) -> Result<(), StoreError> {
    for key in keys {
        store.record_login_failure(key, now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_grows_up_to_the_window() {
        assert_eq!(retry_after(5), 60);
        assert_eq!(retry_after(6), 120);
        assert_eq!(retry_after(8), 480);
        assert_eq!(retry_after(9), WINDOW_SECONDS);
        assert_eq!(retry_after(1000), WINDOW_SECONDS);
    }

    #[test]
    fn address_keys_hide_the_address() {
        let key = address_key("192.0.2.7".parse().unwrap());
        assert!(key.starts_with("addr:"));
        assert!(!key.contains("192"));
        assert_ne!(key, address_key("192.0.2.8".parse().unwrap()));
    }
}
