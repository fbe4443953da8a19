//! Reaching the server: the database URL checked and completed with Herald's
//! defaults, and start-up failures told in one line that names the host,
//! database and user (never the password), the cause and what to check.

use std::str::FromStr;

use deadpool_postgres::PoolError;
use herald_core::StoreError;
use herald_core::store::StoreResult;
use tokio_postgres::Config;
use tokio_postgres::config::{Host, SslMode};
use tokio_postgres::error::SqlState;

use super::CONNECT_TIMEOUT;
use super::error::{Error, describe};

/// Parse the URL and fill in Herald's defaults.
pub(super) fn parse(url: &str) -> StoreResult<Config> {
    let usage = "use postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE";
    let mut config = Config::from_str(url).map_err(|e| {
        StoreError::Invalid(format!(
            "the PostgreSQL URL is not valid ({}); {usage}",
            describe(&e)
        ))
    })?;
    if config.get_hosts().is_empty() && config.get_hostaddrs().is_empty() {
        return Err(StoreError::Invalid(format!(
            "the PostgreSQL URL names no host; {usage}"
        )));
    }
    if config.get_user().is_none() {
        return Err(StoreError::Invalid(format!(
            "the PostgreSQL URL names no user; {usage}"
        )));
    }
    if config.get_ssl_mode() == SslMode::Require {
        return Err(StoreError::Invalid(
            "this Herald cannot connect to PostgreSQL over TLS yet; remove sslmode=require \
             from the URL (or reach the server through a local TLS tunnel)"
                .into(),
        ));
    }
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("herald");
    }
    Ok(config)
}

/// Where a URL points, for messages: hosts, database and user, never the password.
pub(super) struct Target {
    hosts: String,
    database: String,
    user: String,
}

impl Target {
    pub(super) fn of(config: &Config) -> Self {
        let ports = config.get_ports();
        let port = |i: usize| ports.get(i).or(ports.first()).copied().unwrap_or(5432);
        let mut hosts: Vec<String> = config
            .get_hosts()
            .iter()
            .enumerate()
            .map(|(i, host)| match host {
                Host::Tcp(name) => format!("{name}:{}", port(i)),
                #[cfg(unix)]
                Host::Unix(path) => path.display().to_string(),
            })
            .collect();
        if hosts.is_empty() {
            hosts = (config.get_hostaddrs().iter().enumerate())
                .map(|(i, addr)| format!("{addr}:{}", port(i)))
                .collect();
        }
        let user = config.get_user().unwrap_or_default().to_owned();
        Self {
            hosts: hosts.join(","),
            database: config.get_dbname().unwrap_or(&user).to_owned(),
            user,
        }
    }

    fn name(&self) -> String {
        format!(
            "PostgreSQL database `{}` on {} as user `{}`",
            self.database, self.hosts, self.user
        )
    }

    /// The first connection failed: say where, why, and what to check.
    pub(super) fn unreachable(&self, e: PoolError) -> StoreError {
        let (cause, hint) = match &e {
            PoolError::Backend(e) => (describe(e), connect_hint(e)),
            PoolError::Timeout(_) => (
                "the server did not answer in time".into(),
                "check that PostgreSQL is running and the host and port are right",
            ),
            other => (other.to_string(), "check the database URL"),
        };
        StoreError::Unavailable(format!(
            "cannot connect to {}: {cause}; {hint}",
            self.name()
        ))
    }

    /// Migrating failed: rule errors keep their words, the rest say where.
    pub(super) fn not_migrated(&self, e: Error) -> StoreError {
        match e {
            Error::Store(e) => e,
            Error::Db(e) => StoreError::Unavailable(format!(
                "cannot prepare {} for Herald: {}",
                self.name(),
                describe(&e)
            )),
            Error::Pool(e) => self.unreachable(e),
        }
    }
}

/// What to check after a failed connection.
fn connect_hint(e: &tokio_postgres::Error) -> &'static str {
    match e.code() {
        Some(code) if *code == SqlState::INVALID_CATALOG_NAME => {
            "create the database (createdb) or fix its name in the URL"
        }
        Some(code)
            if *code == SqlState::INVALID_PASSWORD
                || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            "check the user name and password in the URL"
        }
        Some(code) if *code == SqlState::TOO_MANY_CONNECTIONS => {
            "the server has no connection slots left; raise max_connections or run fewer instances"
        }
        Some(_) => "check the database URL and the server's log",
        None => "check that PostgreSQL is running and the host and port are right",
    }
}
