mod content;
mod props;
mod streaming;
mod wxr;
