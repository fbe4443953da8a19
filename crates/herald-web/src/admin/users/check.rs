//! The user form's fields as typed, and the rules they must meet before
//! anything is written. The rules are those of `herald user add` (login,
//! email, display name) and of [`crate::auth::password`]; taken logins and
//! slugs and the last administrator are checked here too, so the message is
//! in the admin's language and sits at the right field (the store refuses
//! them again, in case two admins save at once).

use herald_core::account::{self, LoginProblem};
use herald_core::slug::{MAX_SLUG_BYTES, slugify};
use herald_core::{Role, User};

use super::super::guard::{Fields, field};
use super::super::problems::Problems;
use super::UsersText;
use crate::auth::password::{
    MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS, PasswordError, check_password,
};

/// The account rules `herald user add` applies too.
pub use herald_core::account::{MAX_LOGIN_CHARS, MAX_NAME_CHARS};
/// Longest biography, in characters.
pub const MAX_BIO_CHARS: usize = 5000;

/// The roles in the order the form offers them.
pub const ROLES: [Role; 4] = [Role::Admin, Role::Editor, Role::Author, Role::Contributor];

/// The form's fields exactly as typed. Passwords are never shown again.
#[derive(Debug, Clone, Default)]
pub struct Input {
    pub login: String,
    pub display_name: String,
    pub email: String,
    pub role: String,
    pub slug: String,
    pub bio: String,
    pub password: String,
    pub password_again: String,
}

impl Input {
    pub fn from_user(user: &User) -> Self {
        Self {
            login: user.login.clone(),
            display_name: user.display_name.clone(),
            email: user.email.clone(),
            role: user.role.as_str().to_owned(),
            slug: user.slug.clone(),
            bio: user.bio.clone(),
            ..Self::default()
        }
    }

    pub fn from_form(fields: &Fields) -> Self {
        let get = |name: &str| field(fields, name).to_owned();
        Self {
            login: get("login"),
            display_name: get("display_name"),
            email: get("email"),
            role: get("role"),
            slug: get("slug"),
            bio: get("bio"),
            password: get("password"),
            password_again: get("password_again"),
        }
    }
}

/// A user the input describes, checked; `password` is `None` when it stays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub login: String,
    pub slug: String,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    pub bio: String,
    pub password: Option<String>,
}

impl Checked {
    /// `existing` with the checked fields (the password apart).
    pub fn onto(&self, existing: &User) -> User {
        User {
            id: existing.id,
            login: self.login.clone(),
            slug: self.slug.clone(),
            display_name: self.display_name.clone(),
            email: self.email.clone(),
            role: self.role,
            bio: self.bio.clone(),
        }
    }
}

/// Check `input` for a new user (`existing` = `None`) or a change to
/// `existing`, against every user now stored. Only reads.
pub fn check(
    input: &Input,
    t: &UsersText,
    users: &[User],
    existing: Option<&User>,
) -> Result<Checked, Problems> {
    let mut problems: Problems = Vec::new();
    let others = || {
        users
            .iter()
            .filter(move |u| existing.is_none_or(|e| e.id != u.id))
    };
    let login = input.login.as_str();
    if let Err(message) = check_login(login, t) {
        problems.push(("login", message));
    } else if others().any(|u| u.login == login) {
        problems.push(("login", t.login_taken.into()));
    }
    let display_name = input.display_name.trim();
    if display_name.chars().count() > MAX_NAME_CHARS {
        let max = MAX_NAME_CHARS.to_string();
        problems.push(("display_name", t.name_too_long.replace("{max}", &max)));
    } else if display_name.chars().any(char::is_control) {
        problems.push(("display_name", t.name_invalid.into()));
    }
    let email = input.email.trim();
    if !email.is_empty() && !account::is_email(email) {
        problems.push(("email", t.email_invalid.into()));
    }
    let role = Role::parse(input.role.trim());
    let admins = users.iter().filter(|u| u.role == Role::Admin).count();
    let steps_down = |user: &User| user.role == Role::Admin && role != Some(Role::Admin);
    if role.is_none() {
        problems.push(("role", t.bad_role.into()));
    } else if existing.is_some_and(steps_down) && admins <= 1 {
        problems.push(("role", t.last_admin_role.into()));
    }
    let slug = check_slug(input, t, &mut problems);
    if !slug.is_empty() && others().any(|u| u.slug == slug) {
        problems.push(("slug", t.slug_taken.into()));
    }
    let bio = input.bio.trim();
    if bio.chars().count() > MAX_BIO_CHARS {
        let max = MAX_BIO_CHARS.to_string();
        problems.push(("bio", t.bio_too_long.replace("{max}", &max)));
    }
    let password = check_passwords(input, t, existing.is_none(), &mut problems);
    match role {
        Some(role) if problems.is_empty() => Ok(Checked {
            login: login.to_owned(),
            slug,
            display_name: if display_name.is_empty() {
                login.to_owned()
            } else {
                display_name.to_owned()
            },
            email: email.to_owned(),
            role,
            bio: bio.to_owned(),
            password,
        }),
        _ => Err(problems),
    }
}

/// A login is 1–60 letters, digits, `.`, `_` or `-` (the rule of
/// `herald user add`): no spaces, no control characters.
fn check_login(login: &str, t: &UsersText) -> Result<(), String> {
    match account::check_login(login) {
        Ok(()) => Ok(()),
        Err(LoginProblem::Empty) => Err(t.login_required.into()),
        Err(LoginProblem::TooLong) => Err(t
            .login_too_long
            .replace("{max}", &MAX_LOGIN_CHARS.to_string())),
        Err(LoginProblem::BadChar(_)) => Err(t.login_invalid.into()),
    }
}

/// The slug typed, or made from the login when empty; "" with a problem
/// when neither works.
fn check_slug(input: &Input, t: &UsersText, problems: &mut Problems) -> String {
    let typed = input.slug.trim();
    if typed.is_empty() {
        let made = slugify(&input.login);
        if made.is_empty() && !input.login.is_empty() {
            problems.push(("slug", t.slug_from_login.into()));
        }
        made
    } else if typed.len() > MAX_SLUG_BYTES {
        let max = MAX_SLUG_BYTES.to_string();
        problems.push(("slug", t.slug_too_long.replace("{max}", &max)));
        String::new()
    } else if slugify(typed) != typed {
        problems.push(("slug", t.slug_invalid.into()));
        String::new()
    } else {
        typed.to_owned()
    }
}

/// The new password, `None` when an edit leaves both fields empty.
fn check_passwords(
    input: &Input,
    t: &UsersText,
    required: bool,
    problems: &mut Problems,
) -> Option<String> {
    let (password, again) = (&input.password, &input.password_again);
    if password.is_empty() && again.is_empty() {
        if required {
            problems.push(("password", t.password_required.into()));
        }
        return None;
    }
    match check_password(password) {
        Err(PasswordError::TooShort) => {
            let min = MIN_PASSWORD_CHARS.to_string();
            problems.push(("password", t.password_too_short.replace("{min}", &min)));
        }
        Err(_) => {
            let max = MAX_PASSWORD_BYTES.to_string();
            problems.push(("password", t.password_too_long.replace("{max}", &max)));
        }
        Ok(()) if password != again => {
            problems.push(("password_again", t.password_mismatch.into()));
        }
        Ok(()) => return Some(password.clone()),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::text::EN;
    use super::*;

    fn user(id: i64, login: &str, role: Role) -> User {
        User {
            id,
            login: login.into(),
            slug: login.into(),
            display_name: login.into(),
            email: String::new(),
            role,
            bio: String::new(),
        }
    }

    fn input(login: &str) -> Input {
        Input {
            login: login.into(),
            role: "author".into(),
            password: "long enough password".into(),
            password_again: "long enough password".into(),
            ..Input::default()
        }
    }

    fn fields_of(result: Result<Checked, Problems>) -> Vec<&'static str> {
        result
            .err()
            .unwrap_or_default()
            .iter()
            .map(|(f, _)| *f)
            .collect()
    }

    #[test]
    fn logins_follow_the_command_line_rules() {
        for ok in [
            "admin",
            "a",
            "sara.k",
            "ali_reza-2",
            "مریم",
            &"x".repeat(60),
        ] {
            assert!(check_login(ok, &EN).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "with space",
            " lead",
            "tab\there",
            "nul\0",
            "a/b",
            &"x".repeat(61),
        ] {
            assert!(check_login(bad, &EN).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_new_user_gets_defaults_from_the_login() {
        let checked = check(&input("Sara.K"), &EN, &[], None).expect("valid");
        assert_eq!(checked.slug, "sara-k");
        assert_eq!(checked.display_name, "Sara.K");
        assert_eq!(checked.password.as_deref(), Some("long enough password"));
    }

    #[test]
    fn emails() {
        for ok in ["a@b", "name@example.org", "x.y+z@sub.example.org"] {
            assert!(account::is_email(ok), "{ok}");
        }
        for bad in ["plain", "@b", "a@", "a b@c", "a@b@c", "a@b\n"] {
            assert!(!account::is_email(bad), "{bad:?}");
        }
    }

    #[test]
    fn passwords_are_required_only_for_new_users_and_must_match() {
        let mut blank = input("sara");
        blank.password.clear();
        blank.password_again.clear();
        assert_eq!(fields_of(check(&blank, &EN, &[], None)), ["password"]);
        let sara = user(5, "sara", Role::Author);
        let kept = check(&blank, &EN, std::slice::from_ref(&sara), Some(&sara));
        assert_eq!(kept.expect("valid").password, None);
        let mut differ = input("sara");
        differ.password_again = "another long password".into();
        assert_eq!(
            fields_of(check(&differ, &EN, &[], None)),
            ["password_again"]
        );
        let mut short = input("sara");
        short.password = "short".into();
        assert_eq!(fields_of(check(&short, &EN, &[], None)), ["password"]);
    }

    #[test]
    fn taken_names_and_the_last_admin() {
        let boss = user(1, "boss", Role::Admin);
        let other = user(2, "other", Role::Author);
        let users = [boss.clone(), other.clone()];
        assert_eq!(
            fields_of(check(&input("boss"), &EN, &users, None)),
            ["login", "slug"]
        );
        let mut same_slug = input("new");
        same_slug.slug = "other".into();
        assert_eq!(fields_of(check(&same_slug, &EN, &users, None)), ["slug"]);
        // Keeping one's own login and slug is no clash.
        let mut demoted = input("boss");
        demoted.password.clear();
        demoted.password_again.clear();
        assert_eq!(
            fields_of(check(&demoted, &EN, &users, Some(&boss))),
            ["role"]
        );
        let two_admins = [boss.clone(), user(3, "chief", Role::Admin)];
        assert!(check(&demoted, &EN, &two_admins, Some(&boss)).is_ok());
    }
}
