//! What a user account's fields must look like, shared by `herald user` on
//! the command line and the admin's users pages, which word the problems in
//! their own way.

/// Longest login, in characters.
pub const MAX_LOGIN_CHARS: usize = 60;
/// Longest display name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest email address, in bytes (RFC 5321).
pub const MAX_EMAIL_BYTES: usize = 254;

/// What is wrong with a login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoginProblem {
    Empty,
    /// Longer than [`MAX_LOGIN_CHARS`].
    TooLong,
    /// A character other than a letter, a digit, `.`, `_` or `-`.
    BadChar(char),
}

/// A login is 1–60 letters (of any script), digits, `.`, `_` or `-`.
///
/// # Errors
/// The first problem found.
pub fn check_login(login: &str) -> Result<(), LoginProblem> {
    let chars = login.chars().count();
    if chars == 0 {
        return Err(LoginProblem::Empty);
    }
    if chars > MAX_LOGIN_CHARS {
        return Err(LoginProblem::TooLong);
    }
    match login
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        Some(bad) => Err(LoginProblem::BadChar(bad)),
        None => Ok(()),
    }
}

/// Whether `email` looks like NAME@DOMAIN: one `@`, neither side empty, no
/// spaces or control characters, at most [`MAX_EMAIL_BYTES`].
pub fn is_email(email: &str) -> bool {
    email.len() <= MAX_EMAIL_BYTES
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins() {
        for ok in ["admin", "maryam.k", "علی_رضا", "a-b", &"x".repeat(60)] {
            assert_eq!(check_login(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_login(""), Err(LoginProblem::Empty));
        assert_eq!(check_login(&"x".repeat(61)), Err(LoginProblem::TooLong));
        assert_eq!(check_login("a b"), Err(LoginProblem::BadChar(' ')));
        assert_eq!(check_login("a\u{0}"), Err(LoginProblem::BadChar('\u{0}')));
        assert_eq!(check_login("<x>"), Err(LoginProblem::BadChar('<')));
    }

    #[test]
    fn emails() {
        for ok in ["a@b", "news@example.org", "نام@example.org"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in ["", "@b", "a@", "a b@c", "a@b@c", "ab", "a@\u{7}b"] {
            assert!(!is_email(bad), "{bad:?}");
        }
        assert!(!is_email(&format!("a@{}", "b".repeat(260))));
    }
}
