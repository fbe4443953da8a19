//! `herald user add|passwd|list`: accounts from the command line, so the first
//! administrator exists before anyone can log in. Everything a user types is
//! checked before anything is written, and each failure is one line.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, bail};
use herald_core::account::{self, LoginProblem, MAX_LOGIN_CHARS, MAX_NAME_CHARS};
use herald_core::{NewUser, Role, Store};
use herald_web::auth::password::{check_password, hash_password};

use crate::config::Settings;
use crate::serve::open_store;

/// What `herald user add` was asked to create.
#[derive(Debug, Clone)]
pub struct AddUser {
    pub login: String,
    pub role: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub password_file: Option<std::path::PathBuf>,
}

/// A login is 1–60 letters, digits, `.`, `_` or `-`.
///
/// # Errors
/// What is wrong with it.
pub fn check_login(login: &str) -> anyhow::Result<()> {
    match account::check_login(login) {
        Ok(()) => Ok(()),
        Err(LoginProblem::Empty | LoginProblem::TooLong) => bail!(
            "a login has 1 to {MAX_LOGIN_CHARS} characters; `{login}` has {}",
            login.chars().count()
        ),
        Err(LoginProblem::BadChar(bad)) => bail!(
            "the login `{login}` contains `{}`: use letters, digits, `.`, `_` and `-` only",
            bad.escape_default()
        ),
    }
}

/// A role by name, with the choices when it is unknown.
///
/// # Errors
/// The role is not one Herald knows.
pub fn parse_role(role: &str) -> anyhow::Result<Role> {
    Role::parse(role)
        .with_context(|| format!("unknown role `{role}`: use admin, editor, author or contributor"))
}

fn check_email(email: &str) -> anyhow::Result<()> {
    if !account::is_email(email) {
        bail!("`{email}` is not an email address (expected NAME@DOMAIN)");
    }
    Ok(())
}

fn display_name(name: Option<&str>, login: &str) -> anyhow::Result<String> {
    let Some(name) = name else {
        return Ok(login.to_owned());
    };
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        bail!("a display name has 1 to {MAX_NAME_CHARS} characters");
    }
    Ok(name.to_owned())
}

/// The password from the first line of `file`, or asked twice on the terminal.
/// It is checked against the rules either way.
fn read_password(file: Option<&Path>) -> anyhow::Result<String> {
    let password = match file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the password file {}", path.display()))?;
            let first = text.split('\n').next().unwrap_or_default();
            first.strip_suffix('\r').unwrap_or(first).to_owned()
        }
        None => prompt_password()?,
    };
    check_password(&password)?;
    Ok(password)
}

fn prompt_password() -> anyhow::Result<String> {
    if !std::io::stdin().is_terminal() {
        bail!("no terminal to ask for the password: use --password-file FILE");
    }
    let first = rpassword::prompt_password("Password: ").context("cannot read the password")?;
    check_password(&first)?;
    let again =
        rpassword::prompt_password("Password again: ").context("cannot read the password")?;
    if first != again {
        bail!("the two passwords differ; nothing was changed");
    }
    Ok(first)
}

/// Hash with a salt from the operating system's generator.
fn hash(password: &str) -> anyhow::Result<String> {
    Ok(hash_password(password, &crate::random::OsRandom)?)
}

/// `herald user add`: check everything, then create the user in one write.
///
/// # Errors
/// Bad input or a store failure; nothing is written then.
pub async fn add(settings: &Settings, args: AddUser) -> anyhow::Result<String> {
    check_login(&args.login)?;
    let role = parse_role(&args.role)?;
    let display_name = display_name(args.name.as_deref(), &args.login)?;
    let email = args.email.unwrap_or_default();
    if !email.is_empty() {
        check_email(&email)?;
    }
    let slug = herald_core::slug::slugify(&args.login);
    if slug.is_empty() {
        bail!(
            "the login `{}` gives no author slug: include a letter or digit",
            args.login
        );
    }
    // A password file is read before the database is touched; a prompt waits
    // until we know the login is free.
    let from_file = match &args.password_file {
        Some(path) => Some(read_password(Some(path))?),
        None => None,
    };
    let store = open_store(settings).await?;
    if store.user_by_login(&args.login).await?.is_some() {
        bail!("a user with login `{}` already exists", args.login);
    }
    let password = match from_file {
        Some(password) => password,
        None => read_password(None)?,
    };
    let user = NewUser {
        login: args.login,
        slug,
        display_name,
        email,
        role,
        password_hash: Some(hash(&password)?),
    };
    store.create_user(&user).await?;
    Ok(format!("created {} `{}`", role.as_str(), user.login))
}

/// `herald user passwd`: set a new password for an existing user.
///
/// # Errors
/// Unknown login, a password breaking the rules, or a store failure.
pub async fn passwd(
    settings: &Settings,
    login: &str,
    password_file: Option<&Path>,
) -> anyhow::Result<String> {
    check_login(login)?;
    let from_file = password_file.map(|p| read_password(Some(p))).transpose()?;
    let store = open_store(settings).await?;
    let user = store.user_by_login(login).await?.with_context(|| {
        format!("there is no user with login `{login}`; see `herald user list`")
    })?;
    let password = match from_file {
        Some(password) => password,
        None => read_password(None)?,
    };
    store.set_password_hash(user.id, &hash(&password)?).await?;
    Ok(format!("password changed for `{login}`"))
}

/// `herald user list`: a table of every user, by login.
///
/// # Errors
/// A store failure.
pub async fn list(store: &dyn Store) -> anyhow::Result<String> {
    let mut rows = vec![[
        "LOGIN".to_owned(),
        "ROLE".to_owned(),
        "NAME".to_owned(),
        "EMAIL".to_owned(),
        "PASSWORD".to_owned(),
    ]];
    for user in store.users().await? {
        let has_password = store.password_hash(&user.login).await?.is_some();
        rows.push([
            user.login,
            user.role.as_str().to_owned(),
            user.display_name,
            if user.email.is_empty() {
                "-".to_owned()
            } else {
                user.email
            },
            if has_password { "set" } else { "none" }.to_owned(),
        ]);
    }
    if rows.len() == 1 {
        return Ok("no users yet: create one with `herald user add NAME --role admin`".to_owned());
    }
    Ok(table(&rows))
}

/// Columns padded to their widest cell (in characters), two spaces apart.
fn table(rows: &[[String; 5]]) -> String {
    let mut widths = [0usize; 5];
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (i, (cell, width)) in row.iter().zip(widths).enumerate() {
            line.push_str(cell);
            if i + 1 < row.len() {
                let pad = width - cell.chars().count() + 2;
                line.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.pop();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logins() {
        for ok in [
            "admin",
            "a",
            "sara.k",
            "ali_reza-2",
            "مریم",
            &"x".repeat(60),
        ] {
            assert!(check_login(ok).is_ok(), "{ok}");
        }
        for bad in ["", "with space", "semi;colon", "a/b", &"x".repeat(61)] {
            assert!(check_login(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn roles() {
        assert_eq!(parse_role("editor").unwrap(), Role::Editor);
        let e = parse_role("root").unwrap_err().to_string();
        assert!(e.contains("unknown role `root`"), "{e}");
    }

    #[test]
    fn password_files_give_their_first_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pw");
        std::fs::write(&path, "a long password\r\nsecond line\n").unwrap();
        assert_eq!(read_password(Some(&path)).unwrap(), "a long password");
        std::fs::write(&path, "  spaces kept  \n").unwrap();
        assert_eq!(read_password(Some(&path)).unwrap(), "  spaces kept  ");
        std::fs::write(&path, "short\n").unwrap();
        assert!(read_password(Some(&path)).is_err());
    }

    #[test]
    fn tables_align_by_characters() {
        let rows = [
            ["A".into(), "BB".into(), "C".into(), "D".into(), "E".into()],
            [
                "مریم".into(),
                "x".into(),
                "y".into(),
                "z".into(),
                "w".into(),
            ],
        ];
        assert_eq!(table(&rows), "A     BB  C  D  E\nمریم  x   y  z  w");
    }
}
