//! The real random source: the operating system's generator, the one place
//! Herald reads it for sessions.

use herald_core::RandomSource;

/// The operating system's cryptographically secure generator.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsRandom;

impl RandomSource for OsRandom {
    #[allow(clippy::disallowed_methods)]
    fn fill(&self, buf: &mut [u8]) {
        // This fails only when the OS has no usable generator at all; serving
        // sessions with predictable ids would be worse than stopping.
        if let Err(e) = getrandom::fill(buf) {
            panic!("the operating system's random generator failed: {e}");
        }
    }
}
