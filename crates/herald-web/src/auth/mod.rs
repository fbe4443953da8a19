//! Accounts: password hashing now; sessions, login and roles will join it here.

pub mod password;
