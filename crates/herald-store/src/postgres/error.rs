//! How PostgreSQL's errors become [`StoreError`]s: constraint failures are the
//! caller's fault ([`StoreError::Invalid`]), a stored value this Herald cannot
//! read is [`StoreError::Incompatible`], and everything else (a lost connection,
//! a server shutting down, an exhausted pool) is [`StoreError::Unavailable`].
//! Messages name the cause in PostgreSQL's words and never the password.

use deadpool_postgres::{PoolError, TimeoutType};
use herald_core::StoreError;
use tokio_postgres::error::SqlState;

/// An error inside the backend; turned into a [`StoreError`] at the port.
#[derive(Debug)]
pub(crate) enum Error {
    Db(tokio_postgres::Error),
    Pool(PoolError),
    Store(StoreError),
}

/// Result inside the backend.
pub(crate) type PgResult<T> = Result<T, Error>;

impl From<tokio_postgres::Error> for Error {
    fn from(e: tokio_postgres::Error) -> Self {
        Error::Db(e)
    }
}

impl From<PoolError> for Error {
    fn from(e: PoolError) -> Self {
        Error::Pool(e)
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        Error::Store(e)
    }
}

impl Error {
    /// The error as the port reports it while serving.
    pub(crate) fn into_store(self) -> StoreError {
        match self {
            Error::Db(e) => serving_error(&e),
            Error::Pool(e) => pool_error(e),
            Error::Store(e) => e,
        }
    }
}

/// Whether the error is an integrity constraint violation (SQLSTATE class 23).
fn is_constraint(e: &tokio_postgres::Error) -> bool {
    e.code().is_some_and(|code| code.code().starts_with("23"))
}

/// Whether the server ended the session: a connection exception (class 08) or
/// a shutdown, crash or terminated backend (57P01–57P05).
fn is_lost_connection(e: &tokio_postgres::Error) -> bool {
    e.code().is_some_and(|code| {
        let code = code.code();
        code.starts_with("08") || code.starts_with("57P")
    })
}

/// An error while serving a request.
fn serving_error(e: &tokio_postgres::Error) -> StoreError {
    if is_constraint(e) {
        StoreError::Invalid(describe(e))
    } else if e.is_closed() {
        StoreError::Unavailable("the connection to PostgreSQL was lost; try again".into())
    } else if is_lost_connection(e) {
        StoreError::Unavailable(format!(
            "the connection to PostgreSQL was lost ({}); try again",
            describe(e)
        ))
    } else {
        StoreError::Unavailable(describe(e))
    }
}

fn pool_error(e: PoolError) -> StoreError {
    match e {
        PoolError::Backend(e) => {
            StoreError::Unavailable(format!("cannot connect to PostgreSQL: {}", describe(&e)))
        }
        PoolError::Timeout(TimeoutType::Wait) => StoreError::Unavailable(
            "every PostgreSQL connection stayed busy too long; the database is overloaded".into(),
        ),
        PoolError::Timeout(TimeoutType::Create | TimeoutType::Recycle) => {
            StoreError::Unavailable("PostgreSQL did not answer in time".into())
        }
        PoolError::Closed => StoreError::Unavailable("the store is closing".into()),
        other => StoreError::Unavailable(other.to_string()),
    }
}

/// PostgreSQL's own words for an error: the server's message (and detail) for
/// errors it reported, else the client's description and its cause.
pub(crate) fn describe(e: &tokio_postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_owned(),
        };
    }
    match std::error::Error::source(e) {
        Some(cause) => format!("{e}: {cause}"),
        None => e.to_string(),
    }
}

/// Describe a failed write with what was being written (`what`), in the same
/// words as the SQLite backend.
pub(crate) fn context(what: String) -> impl FnOnce(tokio_postgres::Error) -> Error {
    move |e| {
        let store = if is_constraint(&e) {
            StoreError::Invalid(format!("{what}: {}", constraint_message(&e)))
        } else {
            match serving_error(&e) {
                StoreError::Unavailable(cause) => {
                    StoreError::Unavailable(format!("{what}: {cause}"))
                }
                other => other,
            }
        };
        Error::Store(store)
    }
}

/// Turn a constraint failure into words a user can act on.
fn constraint_message(e: &tokio_postgres::Error) -> String {
    let text = describe(e);
    match e.code() {
        Some(code) if *code == SqlState::FOREIGN_KEY_VIOLATION => {
            format!("it refers to a language, user, term or post that does not exist ({text})")
        }
        Some(code) if *code == SqlState::UNIQUE_VIOLATION => {
            format!("it duplicates an existing one ({text})")
        }
        _ => text,
    }
}

/// A stored value this Herald cannot read.
pub(crate) fn unreadable(column: &str, value: &str) -> Error {
    Error::Store(StoreError::Incompatible(format!(
        "the database holds `{value}` in column {column}, which this Herald cannot read; \
         was it written by a newer Herald?"
    )))
}
