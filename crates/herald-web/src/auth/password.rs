//! Password hashing with Argon2id (OWASP's parameters: 19 MiB of memory, two
//! passes, one lane) stored as PHC strings (`$argon2id$v=19$m=19456,t=2,p=1$…`),
//! so a hash says how it was made and later parameter changes still verify old
//! hashes. The salt comes from a random source the caller passes in: randomness
//! is injected like the clock, and only the binary reads the operating system's.

use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use herald_core::RandomSource;
use std::sync::OnceLock;

/// Fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Most bytes a password may have (hashing cost grows with length).
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// Bytes of random salt per hash.
const SALT_BYTES: usize = 16;

/// Why a password cannot be set.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("the password is too short: use at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("the password is too long: use at most {MAX_PASSWORD_BYTES} bytes")]
    TooLong,
    #[error("the password could not be hashed: {0}")]
    Hashing(String),
}

/// Check a new password against Herald's rules: at least
/// [`MIN_PASSWORD_CHARS`] characters and at most [`MAX_PASSWORD_BYTES`] bytes.
///
/// # Errors
/// Which rule the password breaks, in words a user can act on.
pub fn check_password(password: &str) -> Result<(), PasswordError> {
    if password.len() > MAX_PASSWORD_BYTES {
        return Err(PasswordError::TooLong);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    Ok(())
}

fn hasher() -> Result<Argon2<'static>, PasswordError> {
    let params = Params::new(
        Params::DEFAULT_M_COST,
        Params::DEFAULT_T_COST,
        Params::DEFAULT_P_COST,
        None,
    )
    .map_err(|e| PasswordError::Hashing(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Check `password` against the rules and hash it with a fresh salt drawn from
/// `random` (the injected random source), as a PHC string.
///
/// # Errors
/// The password breaks a rule ([`check_password`]), or hashing failed.
pub fn hash_password(password: &str, random: &dyn RandomSource) -> Result<String, PasswordError> {
    check_password(password)?;
    let mut salt = [0u8; SALT_BYTES];
    random.fill(&mut salt);
    let hash = hasher()?
        .hash_password_with_salt(password.as_bytes(), &salt)
        .map_err(|e| PasswordError::Hashing(e.to_string()))?;
    Ok(hash.to_string())
}

/// Whether `password` matches the PHC string `hash`. The comparison is
/// constant-time; an unreadable hash or an over-long password never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    if password.len() > MAX_PASSWORD_BYTES {
        return false;
    }
    match hasher() {
        Ok(argon2) => argon2.verify_password(password.as_bytes(), hash).is_ok(),
        Err(_) => false,
    }
}

/// Spend the same work as [`verify_password`] on a password for a login that
/// does not exist, so the answer's timing does not tell which logins do.
/// Always `false`.
pub fn verify_for_unknown_login(password: &str) -> bool {
    static DECOY: OnceLock<Option<String>> = OnceLock::new();
    let decoy = DECOY.get_or_init(|| {
        let salt = [0x5a_u8; SALT_BYTES];
        hasher()
            .ok()?
            .hash_password_with_salt(b"no such login has this password", &salt)
            .ok()
            .map(|hash| hash.to_string())
    });
    if let Some(decoy) = decoy {
        let _ = verify_password(password, decoy);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use herald_core::SeededRandom;

    #[test]
    fn a_hash_verifies_only_its_password() {
        let hash = hash_password("correct horse battery", &SeededRandom::new(0)).unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterx", &hash));
        assert!(!verify_password("", &hash));
    }

    #[test]
    fn salts_differ_so_hashes_differ() {
        let random = SeededRandom::new(0);
        let a = hash_password("the same password", &random).unwrap();
        let b = hash_password("the same password", &random).unwrap();
        assert_ne!(a, b);
        assert!(verify_password("the same password", &a));
        assert!(verify_password("the same password", &b));
    }

    #[test]
    fn an_unreadable_hash_never_verifies() {
        assert!(!verify_password("anything at all", ""));
        assert!(!verify_password("anything at all", "not a hash"));
        assert!(!verify_password(
            "anything at all",
            "$argon2id$v=19$garbage"
        ));
    }

    #[test]
    fn an_unknown_login_never_verifies() {
        assert!(!verify_for_unknown_login("no such login has this password"));
        assert!(!verify_for_unknown_login("anything"));
    }

    #[test]
    fn password_rules() {
        assert_eq!(check_password("short"), Err(PasswordError::TooShort));
        assert_eq!(check_password("123456789"), Err(PasswordError::TooShort));
        assert_eq!(check_password("1234567890"), Ok(()));
        // Characters, not bytes: ten Persian letters are enough.
        assert_eq!(check_password("گذرواژهٔ خو"), Ok(()));
        assert_eq!(check_password("گذرواژه"), Err(PasswordError::TooShort));
        assert_eq!(check_password(&"a".repeat(1024)), Ok(()));
        assert_eq!(
            check_password(&"a".repeat(1025)),
            Err(PasswordError::TooLong)
        );
        assert_eq!(
            hash_password("short", &SeededRandom::new(0)),
            Err(PasswordError::TooShort)
        );
        assert!(
            PasswordError::TooShort
                .to_string()
                .contains("at least 10 characters")
        );
    }
}
