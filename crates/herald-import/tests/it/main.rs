mod streaming;
mod wxr;
