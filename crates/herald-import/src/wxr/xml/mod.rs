//! A small streaming XML tokenizer for WordPress exports.
//!
//! Why not a general XML library: WXR needs only elements, attributes, text,
//! CDATA, comments and processing instructions, but it needs them with three
//! guarantees a general reader does not give together: text is streamed into
//! a bounded sink (a 1 GB `content:encoded` is counted, never buffered), every
//! position is known as a line and a character column as bytes are consumed
//! (no second pass over the file), and nothing is ever expanded: a DTD is
//! refused, and only the five XML entities and character references are read.

use std::io::BufRead;

use super::WxrError;

mod markup;
mod names;
mod references;

pub(crate) use names::{Element, Ns};
use references::resolve_reference;

/// Deepest element nesting accepted; WXR needs five levels.
const MAX_DEPTH: usize = 256;
/// Longest element or attribute name accepted.
const MAX_NAME: usize = 1024;
/// Largest total of attribute values in one tag.
const MAX_ATTRIBUTE: usize = 64 << 10;

/// Where something is in the file: 1-based line, 1-based character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: u64,
    pub column: u64,
}

/// The namespaces WXR uses, recognised by URI (any prefix).

#[derive(Debug)]
pub(crate) enum Event {
    Start(Element),
    End,
    Eof,
}

/// Where text goes: kept up to a limit, then only counted.
#[derive(Debug)]
pub(crate) struct TextSink {
    pub bytes: Vec<u8>,
    limit: usize,
    pub overflowed: bool,
}

impl TextSink {
    pub fn new(limit: usize) -> Self {
        Self {
            bytes: Vec::new(),
            limit,
            overflowed: false,
        }
    }

    fn push(&mut self, chunk: &[u8]) {
        if self.overflowed {
            return;
        }
        if self.bytes.len() + chunk.len() > self.limit {
            self.overflowed = true;
            self.bytes = Vec::new();
        } else {
            self.bytes.extend_from_slice(chunk);
        }
    }

    fn drop_last(&mut self, count: usize) {
        if !self.overflowed {
            self.bytes.truncate(self.bytes.len().saturating_sub(count));
        }
    }
}

struct Open {
    qname: Box<[u8]>,
    pos: Pos,
    bindings: usize,
}

/// The tokenizer: start tags, end tags and text, checked as they pass.
pub(crate) struct Tokenizer<R> {
    input: R,
    line: u64,
    column: u64,
    open: Vec<Open>,
    bindings: Vec<(Box<[u8]>, Ns)>,
    root_seen: bool,
    pending_end: bool,
    started: bool,
}

type Result<T> = std::result::Result<T, WxrError>;

const NOT_WXR: &str = "this is not a WordPress export (WXR) file";

impl<R: BufRead> Tokenizer<R> {
    pub fn new(input: R) -> Self {
        Self {
            input,
            line: 1,
            column: 1,
            open: Vec::new(),
            bindings: Vec::new(),
            root_seen: false,
            pending_end: false,
            started: false,
        }
    }

    pub fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            column: self.column,
        }
    }

    pub fn error_at(pos: Pos, message: impl Into<String>) -> WxrError {
        WxrError {
            line: pos.line,
            column: pos.column,
            message: message.into(),
        }
    }

    fn error(&self, message: impl Into<String>) -> WxrError {
        Self::error_at(self.pos(), message)
    }

    /// Whether some open element declared a WordPress export namespace.
    pub fn wp_declared(&self) -> bool {
        self.bindings.iter().any(|(_, ns)| *ns == Ns::Wp)
    }

    /// The next start or end tag; the text before it goes to `text` (or is
    /// checked and dropped when `text` is `None`).
    pub fn next(&mut self, mut text: Option<&mut TextSink>) -> Result<Event> {
        if !self.started {
            self.started = true;
            self.skip_bom()?;
        }
        if self.pending_end {
            self.pending_end = false;
            self.close_top();
            return Ok(Event::End);
        }
        loop {
            self.text(text.as_deref_mut())?;
            let start = self.pos();
            let Some(b'<') = self.next_byte()? else {
                return self.eof();
            };
            match self.peek()? {
                Some(b'/') => {
                    self.bump(b'/');
                    return self.end_tag(start);
                }
                Some(b'?') => self.skip_until(b'?', 1, None, start, "processing instruction")?,
                Some(b'!') => {
                    self.bump(b'!');
                    self.bang(start, text.as_deref_mut())?;
                }
                _ => return self.start_tag(start),
            }
        }
    }

    // ----- bytes and positions -------------------------------------------

    fn peek(&mut self) -> Result<Option<u8>> {
        let pos = self.pos();
        match self.input.fill_buf() {
            Ok(buf) => Ok(buf.first().copied()),
            Err(error) => Err(io_error(pos, &error)),
        }
    }

    fn bump(&mut self, byte: u8) {
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if is_char_start(byte) {
            self.column += 1;
        }
        self.input.consume(1);
    }

    fn next_byte(&mut self) -> Result<Option<u8>> {
        let byte = self.peek()?;
        if let Some(byte) = byte {
            self.bump(byte);
        }
        Ok(byte)
    }

    fn skip_bom(&mut self) -> Result<()> {
        let pos = self.pos();
        let buf = self.input.fill_buf().map_err(|e| io_error(pos, &e))?;
        if buf.starts_with(b"\xEF\xBB\xBF") {
            self.input.consume(3);
        } else if buf.starts_with(b"\xFF\xFE") || buf.starts_with(b"\xFE\xFF") {
            return Err(self.error(
                "the file is encoded in UTF-16; WordPress exports are UTF-8 \
                 (save it again as UTF-8)",
            ));
        }
        Ok(())
    }

    /// Consume `count` bytes of the current buffer, which must be available,
    /// pushing them into `sink`.
    fn take(&mut self, count: usize, sink: Option<&mut TextSink>) -> Result<()> {
        let pos = self.pos();
        let buf = self.input.fill_buf().map_err(|e| io_error(pos, &e))?;
        let chunk = &buf[..count.min(buf.len())];
        advance(&mut self.line, &mut self.column, chunk);
        if let Some(sink) = sink {
            sink.push(chunk);
        }
        let taken = chunk.len();
        self.input.consume(taken);
        Ok(())
    }

    // ----- text ------------------------------------------------------------

    /// Text up to the next `<` (not consumed) or the end of the file.
    fn text(&mut self, mut sink: Option<&mut TextSink>) -> Result<()> {
        loop {
            let pos = self.pos();
            let buf = self.input.fill_buf().map_err(|e| io_error(pos, &e))?;
            if buf.is_empty() {
                return Ok(());
            }
            let stop = memchr::memchr2(b'<', b'&', buf);
            let run = stop.unwrap_or(buf.len());
            if self.open.is_empty()
                && let Some(bad) = buf[..run].iter().position(|b| !b.is_ascii_whitespace())
            {
                let found = String::from_utf8_lossy(&buf[bad..run.min(bad + 20)]).into_owned();
                self.take(bad, None)?;
                return Err(self.outside_root(&found));
            }
            let stopped_at = stop.map(|at| buf[at]);
            self.take(run, sink.as_deref_mut())?;
            match stopped_at {
                Some(b'<') => return Ok(()),
                Some(_) => {
                    if self.open.is_empty() {
                        return Err(self.outside_root("&"));
                    }
                    let decoded = self.reference()?;
                    if let Some(sink) = sink.as_deref_mut() {
                        sink.push(decoded.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                }
                None => {}
            }
        }
    }

    fn outside_root(&self, found: &str) -> WxrError {
        let found = found.trim();
        if self.root_seen {
            self.error(format!("text after the end of the document: '{found}'"))
        } else if found.starts_with('{') || found.starts_with('[') {
            self.error(format!("{NOT_WXR}: it looks like JSON"))
        } else {
            self.error(format!(
                "{NOT_WXR}: it does not start with XML markup (found '{found}')"
            ))
        }
    }

    /// After `&`: a character reference or one of the five XML entities.
    fn reference(&mut self) -> Result<char> {
        let start = self.pos();
        self.bump(b'&');
        let mut name = Vec::with_capacity(12);
        loop {
            match self.peek()? {
                Some(b';') => {
                    self.bump(b';');
                    break;
                }
                Some(byte) if name.len() < 32 && !byte.is_ascii_whitespace() && byte != b'<' => {
                    self.bump(byte);
                    name.push(byte);
                }
                _ => {
                    return Err(Self::error_at(
                        start,
                        "an '&' that does not start an entity or character reference (write &amp;)",
                    ));
                }
            }
        }
        resolve_reference(&name).map_err(|message| Self::error_at(start, message))
    }
}

fn io_error(pos: Pos, error: &std::io::Error) -> WxrError {
    WxrError {
        line: pos.line,
        column: pos.column,
        message: format!("could not read the export: {error}"),
    }
}

/// Count lines and characters over bytes being consumed.
fn advance(line: &mut u64, column: &mut u64, bytes: &[u8]) {
    match memchr::memrchr(b'\n', bytes) {
        Some(last) => {
            *line += memchr::memchr_iter(b'\n', bytes).count() as u64;
            *column = 1 + count_chars(&bytes[last + 1..]);
        }
        None => *column += count_chars(bytes),
    }
}

fn count_chars(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|b| is_char_start(**b)).count() as u64
}

fn is_char_start(byte: u8) -> bool {
    byte & 0xC0 != 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters() {
        let (mut line, mut column) = (1, 1);
        advance(&mut line, &mut column, "ab\nسل".as_bytes());
        assert_eq!((line, column), (2, 3));
    }
}
