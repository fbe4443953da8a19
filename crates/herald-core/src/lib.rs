//! Herald's domain: the types every other layer speaks in, the pure logic that
//! must behave the same everywhere (slugs, excerpts, calendars, pagination), and
//! the ports (traits) that the outer layers implement.
//!
//! Nothing here touches a file, a socket, a database or the wall clock: time comes
//! in through [`Clock`], randomness through [`RandomSource`], storage through [`Store`]. That keeps the rules of the
//! site (what is public, how an excerpt is cut, which day of Azar a post was
//! published) testable in microseconds.

pub mod account;
pub mod calendar;
pub mod clock;
pub mod excerpt;
pub mod model;
pub mod pagination;
pub mod permalink;
pub mod permission;
pub mod random;
pub mod redirect;
pub mod sitemap;
pub mod slug;
pub mod store;

pub use clock::{Clock, FixedClock, Timestamp};
pub use model::*;
pub use random::{RandomSource, SeededRandom};
pub use store::{ImportFeed, ImportOp, ImportState, Store, StoreError};
