//! The `herald` binary as an operator meets it: start-up errors are one clear
//! line and a non-zero exit; demo, serve and shutdown behave.

mod copy;
mod export;
mod import;
mod markdown;
mod users;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

pub fn herald(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("--data")
        .arg(data)
        .args(args)
        .env_remove("HERALD_BIND")
        .env_remove("HERALD_DATABASE_URL")
        .env_remove("HERALD_SESSION_IDLE_MINUTES")
        .env_remove("HERALD_FEED_ITEMS")
        .env_remove("HERALD_FEED_CONTENT")
        .output()
        .expect("run herald")
}

/// The error output must be exactly one line saying `needle`.
pub fn assert_one_line_error(output: &Output, needle: &str) {
    assert!(!output.status.success(), "expected failure");
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.contains(" INFO ")).collect();
    assert_eq!(lines.len(), 1, "one line, got: {stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    assert!(lines[0].contains(needle), "{needle} not in: {stderr}");
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn http_get(port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

fn wait_healthy(port: u16, child: &mut Child) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if let Some(response) = http_get(port, "/healthz")
            && response.starts_with("HTTP/1.1 200")
        {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("herald exited early: {status}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("herald did not become healthy");
}

#[test]
fn an_unknown_config_key_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("herald.toml"), "bnd = \"127.0.0.1:1\"\n").unwrap();
    assert_one_line_error(&herald(dir.path(), &["serve"]), "bnd");
    std::fs::write(dir.path().join("herald.toml"), "bind = \"nowhere\"\n").unwrap();
    assert_one_line_error(&herald(dir.path(), &["serve"]), "bind");
}

#[test]
fn a_bad_session_idle_time_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("herald.toml");
    for value in ["0", "-5", "\"ten\"", "1.5"] {
        std::fs::write(&config, format!("session_idle_minutes = {value}\n")).unwrap();
        let output = herald(dir.path(), &["serve"]);
        assert_one_line_error(&output, "session_idle_minutes");
    }
    std::fs::remove_file(&config).unwrap();
    let flag = herald(dir.path(), &["serve", "--session-idle-minutes", "0"]);
    assert_one_line_error(&flag, "session_idle_minutes `0`");
    let env = Command::new(env!("CARGO_BIN_EXE_herald"))
        .arg("--data")
        .arg(dir.path())
        .arg("serve")
        .env("HERALD_SESSION_IDLE_MINUTES", "soon")
        .env_remove("HERALD_BIND")
        .env_remove("HERALD_DATABASE_URL")
        .output()
        .expect("run herald");
    assert_one_line_error(&env, "session_idle_minutes `soon`");
}

#[test]
fn a_corrupt_or_newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("herald.db"), vec![7u8; 8192]).unwrap();
    assert_one_line_error(&herald(dir.path(), &["serve"]), "not a Herald database");

    let newer = tempfile::tempdir().unwrap();
    assert!(herald(newer.path(), &["migrate"]).status.success());
    rusqlite::Connection::open(newer.path().join("herald.db"))
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert_one_line_error(&herald(newer.path(), &["serve"]), "newer Herald");
}

#[test]
fn an_unusable_data_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    assert_one_line_error(&herald(&file.join("data"), &["serve"]), "data folder");
}

#[test]
fn a_port_in_use_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    assert_one_line_error(
        &herald(dir.path(), &["serve", "--bind", &addr]),
        "cannot listen",
    );
}

#[test]
fn demo_fills_once_then_serves_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let first = herald(dir.path(), &["demo", "--no-serve"]);
    assert!(first.status.success(), "{first:?}");
    assert!(String::from_utf8_lossy(&first.stdout).contains("Demo site created"));
    let second = herald(dir.path(), &["demo", "--no-serve"]);
    assert!(String::from_utf8_lossy(&second.stdout).contains("already holds a site"));

    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["--data"])
        .arg(dir.path())
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    wait_healthy(port, &mut child);
    let home = http_get(port, "/fa/").expect("home");
    assert!(home.starts_with("HTTP/1.1 200"), "{home}");
    assert!(home.contains("x-request-id"), "request id header: {home}");
    assert!(home.contains("dir=\"rtl\""));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            assert!(status.success(), "graceful exit: {status}");
            let mut out = String::new();
            if let Some(mut stdout) = child.stdout.take() {
                stdout.read_to_string(&mut out).expect("stdout");
            }
            assert!(
                out.contains(
                    "No administrator has a password yet: set one with `herald user passwd "
                ),
                "{out}"
            );
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn theme_check_renders_every_template() {
    let dir = tempfile::tempdir().unwrap();
    let output = herald(dir.path(), &["theme", "check"]);
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("sample pages rendered"));
}
