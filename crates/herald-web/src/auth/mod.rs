//! Accounts: password hashing, sign-in sessions, login throttling and the
//! cross-site request checks every state-changing admin request passes.

pub mod csrf;
pub mod password;
pub mod session;
pub mod throttle;
