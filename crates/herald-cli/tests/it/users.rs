//! `herald user`: accounts from the command line. Every bad input is one line
//! and a non-zero exit with nothing written; passwords come from a file here
//! (there is no terminal to prompt on).

use std::path::Path;

use herald_web::auth::password::verify_password;

use crate::{assert_one_line_error, herald};

fn password_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write password file");
    path.display().to_string()
}

fn stdout(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The stored hash of `login`, read straight from the data folder's database.
async fn stored_hash(data: &Path, login: &str) -> Option<String> {
    let url = format!("sqlite://{}", data.join("herald.db").display());
    let store = herald_store::open(&url).await.expect("open");
    store
        .password_hash(login)
        .await
        .expect("read")
        .map(|(_, hash)| hash)
}

#[tokio::test]
async fn add_list_and_change_a_password() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let secrets = dir.path();
    let first = password_file(secrets, "pw1", "first password\n");
    let out = herald(
        &data,
        &[
            "user",
            "add",
            "sara",
            "--role",
            "admin",
            "--name",
            "Sara K",
            "--email",
            "sara@example.org",
            "--password-file",
            &first,
        ],
    );
    assert_eq!(stdout(&out).trim(), "created admin `sara`");

    let hash = stored_hash(&data, "sara").await.expect("a hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(verify_password("first password", &hash));
    assert!(!verify_password("first passwore", &hash));

    let second = password_file(secrets, "pw2", "second password\r\n");
    let out = herald(
        &data,
        &[
            "user",
            "add",
            "mina",
            "--role",
            "contributor",
            "--password-file",
            &second,
        ],
    );
    assert_eq!(stdout(&out).trim(), "created contributor `mina`");

    let list = stdout(&herald(&data, &["user", "list"]));
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    let cells = |line: &str| {
        line.split_whitespace()
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        cells(lines[0]),
        ["LOGIN", "ROLE", "NAME", "EMAIL", "PASSWORD"]
    );
    assert_eq!(cells(lines[1]), ["mina", "contributor", "mina", "-", "set"]);
    assert_eq!(
        cells(lines[2]),
        ["sara", "admin", "Sara", "K", "sara@example.org", "set"]
    );

    let out = herald(
        &data,
        &["user", "passwd", "sara", "--password-file", &second],
    );
    assert_eq!(stdout(&out).trim(), "password changed for `sara`");
    let hash = stored_hash(&data, "sara").await.expect("a hash");
    assert!(verify_password("second password", &hash));
    assert!(!verify_password("first password", &hash));
}

#[test]
fn bad_input_is_one_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let good = password_file(dir.path(), "good", "a good password\n");
    let short = password_file(dir.path(), "short", "short\n");
    let missing = dir.path().join("missing").display().to_string();

    let add = |login: &str, role: &str, file: &str| {
        herald(
            &data,
            &[
                "user",
                "add",
                login,
                "--role",
                role,
                "--password-file",
                file,
            ],
        )
    };
    assert_one_line_error(&add("sara", "root", &good), "unknown role `root`");
    assert_one_line_error(&add("sara", "admin", &short), "too short");
    assert_one_line_error(
        &add("sara", "admin", &missing),
        "cannot read the password file",
    );
    assert_one_line_error(&add("sa ra", "admin", &good), "letters, digits");
    assert_one_line_error(&add(&"x".repeat(61), "admin", &good), "1 to 60 characters");
    assert_one_line_error(
        &herald(&data, &["user", "add", "sara", "--role", "admin"]),
        "use --password-file",
    );
    assert_one_line_error(
        &herald(
            &data,
            &[
                "user",
                "add",
                "sara",
                "--role",
                "admin",
                "--email",
                "nope",
                "--password-file",
                &good,
            ],
        ),
        "not an email address",
    );
    assert!(stdout(&herald(&data, &["user", "list"])).starts_with("no users yet"));

    assert!(add("sara", "editor", &good).status.success());
    assert_one_line_error(
        &add("sara", "admin", &good),
        "a user with login `sara` already exists",
    );
    assert_one_line_error(
        &herald(
            &data,
            &["user", "passwd", "nobody", "--password-file", &good],
        ),
        "no user with login `nobody`",
    );
    assert_one_line_error(
        &herald(
            &data,
            &["user", "passwd", "sara", "--password-file", &short],
        ),
        "too short",
    );
    let list = stdout(&herald(&data, &["user", "list"]));
    assert_eq!(list.lines().count(), 2, "{list}");
    assert!(
        list.contains("editor"),
        "the duplicate changed nothing: {list}"
    );
}
