//! The `herald` binary's library half: commands, configuration and wiring. The
//! binary itself only parses arguments and prints the one-line error.

pub mod cli;
pub mod clock;
pub mod config;
pub mod copy;
pub mod demo;
pub mod export;
pub mod fetch;
pub mod generate;
pub mod import;
pub mod markdown;
pub mod random;
pub mod redirects;
pub mod serve;
pub mod user;
