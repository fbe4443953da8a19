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

/// Deepest element nesting accepted; WXR needs five levels.
const MAX_DEPTH: usize = 256;
/// Longest element or attribute name accepted.
const MAX_NAME: usize = 1024;
/// Largest attribute value accepted.
const MAX_ATTRIBUTE: usize = 64 << 10;

/// Where something is in the file: 1-based line, 1-based character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos {
    pub line: u64,
    pub column: u64,
}

/// The namespaces WXR uses, recognised by URI (any prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ns {
    /// No namespace: RSS's own elements.
    None,
    /// `http://wordpress.org/export/1.x/`
    Wp,
    /// `http://purl.org/rss/1.0/modules/content/`
    Content,
    /// `http://wordpress.org/export/1.x/excerpt/`
    Excerpt,
    /// `http://purl.org/dc/elements/1.1/`
    Dc,
    /// `http://www.w3.org/2005/Atom`
    Atom,
    Other,
}

impl Ns {
    fn from_uri(uri: &[u8]) -> Self {
        let uri = uri.trim_ascii();
        let wp = uri
            .strip_prefix(b"http://wordpress.org/export/")
            .or_else(|| uri.strip_prefix(b"https://wordpress.org/export/"));
        if let Some(rest) = wp {
            let version_end = rest.iter().position(|b| *b == b'/');
            return match version_end.map(|end| (&rest[..end], &rest[end + 1..])) {
                Some((version, b"")) if is_version(version) => Ns::Wp,
                Some((version, b"excerpt/")) if is_version(version) => Ns::Excerpt,
                _ => Ns::Other,
            };
        }
        match uri {
            b"http://purl.org/rss/1.0/modules/content/" => Ns::Content,
            b"http://purl.org/dc/elements/1.1/" => Ns::Dc,
            b"http://www.w3.org/2005/Atom" => Ns::Atom,
            b"" => Ns::None,
            _ => Ns::Other,
        }
    }

    /// The namespace an undeclared prefix conventionally stands for (some
    /// hand-edited exports lose their declarations).
    fn conventional(prefix: &[u8]) -> Self {
        match prefix {
            b"wp" => Ns::Wp,
            b"content" => Ns::Content,
            b"excerpt" => Ns::Excerpt,
            b"dc" => Ns::Dc,
            _ => Ns::Other,
        }
    }
}

fn is_version(version: &[u8]) -> bool {
    !version.is_empty() && version.iter().all(|b| b.is_ascii_digit() || *b == b'.')
}

/// A start tag.
#[derive(Debug)]
pub(crate) struct Element {
    pub ns: Ns,
    pub local: String,
    pub attributes: Vec<(String, String)>,
    pub pos: Pos,
}

impl Element {
    pub fn is(&self, ns: Ns, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// The value of an unprefixed attribute.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

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

    // ----- markup ------------------------------------------------------------

    /// After `<!`: a comment, CDATA, or a refused DOCTYPE.
    fn bang(&mut self, start: Pos, sink: Option<&mut TextSink>) -> Result<()> {
        if self.peek()? == Some(b'-') {
            self.expect_literal(b"--", "a comment ('<!--')")?;
            return self.skip_until(b'-', 2, None, start, "comment");
        }
        if self.peek()? == Some(b'[') {
            self.expect_literal(b"[CDATA[", "a CDATA section ('<![CDATA[')")?;
            if self.open.is_empty() {
                return Err(Self::error_at(start, "CDATA outside the root element"));
            }
            return self.skip_until(b']', 2, sink, start, "CDATA section");
        }
        let mut word = Vec::new();
        while let Some(byte) = self.peek()? {
            if !byte.is_ascii_alphabetic() || word.len() > 16 {
                break;
            }
            self.bump(byte);
            word.push(byte);
        }
        if word.eq_ignore_ascii_case(b"DOCTYPE") {
            return Err(Self::error_at(
                start,
                "a <!DOCTYPE> declaration is refused: a WordPress export has none, and DTDs \
                 and the entities they declare are never fetched or expanded",
            ));
        }
        Err(Self::error_at(
            start,
            format!(
                "<!{}…> is not allowed here (declarations are refused)",
                String::from_utf8_lossy(&word)
            ),
        ))
    }

    fn expect_literal(&mut self, literal: &[u8], what: &str) -> Result<()> {
        for expected in literal {
            match self.peek()? {
                Some(byte) if byte == *expected => self.bump(byte),
                _ => return Err(self.unexpected(format!("malformed markup: expected {what}"))),
            }
        }
        Ok(())
    }

    /// Skip (or collect into `sink`) up to and including a terminator made
    /// of at least `count` times `repeated` followed by `>` (`]]>`, `-->`,
    /// `?>`), across buffer boundaries.
    fn skip_until(
        &mut self,
        repeated: u8,
        count: usize,
        mut sink: Option<&mut TextSink>,
        start: Pos,
        what: &str,
    ) -> Result<()> {
        let mut run = 0usize;
        loop {
            let pos = self.pos();
            let buf = self.input.fill_buf().map_err(|e| io_error(pos, &e))?;
            if buf.is_empty() {
                return Err(self.error(format!(
                    "unexpected end of file inside a {what} that starts at line {}, column {} \
                     (is the file truncated?)",
                    start.line, start.column
                )));
            }
            let mut end = None;
            let mut at = 0;
            while at < buf.len() {
                let byte = buf[at];
                if byte == repeated {
                    run += 1;
                    at += 1;
                } else if byte == b'>' && run >= count {
                    end = Some(at);
                    break;
                } else {
                    run = 0;
                    at = memchr::memchr(repeated, &buf[at + 1..]).map_or(buf.len(), |n| at + 1 + n);
                }
            }
            match end {
                Some(at) => {
                    self.take(at, sink.as_deref_mut())?;
                    self.bump(b'>');
                    if let Some(sink) = sink {
                        sink.drop_last(count);
                    }
                    return Ok(());
                }
                None => {
                    let len = buf.len();
                    self.take(len, sink.as_deref_mut())?;
                }
            }
        }
    }

    fn skip_whitespace(&mut self) -> Result<bool> {
        let mut skipped = false;
        while let Some(byte) = self.peek()? {
            if !byte.is_ascii_whitespace() {
                break;
            }
            self.bump(byte);
            skipped = true;
        }
        Ok(skipped)
    }

    fn name(&mut self, what: &str) -> Result<Vec<u8>> {
        let mut name = Vec::with_capacity(16);
        while let Some(byte) = self.peek()? {
            if byte.is_ascii_whitespace() || b"/>=<\"'&".contains(&byte) {
                break;
            }
            if name.len() >= MAX_NAME {
                return Err(self.error(format!("{what} is too long")));
            }
            self.bump(byte);
            name.push(byte);
        }
        if name.is_empty() || name[0].is_ascii_digit() || b"-.:".contains(&name[0]) {
            return Err(match self.peek()? {
                None => self.truncated(),
                Some(byte) => self.error(format!(
                    "expected {what}, found '{}'",
                    char::from(byte).escape_default()
                )),
            });
        }
        Ok(name)
    }

    fn truncated(&self) -> WxrError {
        match self.open.last() {
            Some(open) => self.error(format!(
                "unexpected end of file: <{}> opened at line {}, column {} is not closed \
                 (is the file truncated?)",
                String::from_utf8_lossy(&open.qname),
                open.pos.line,
                open.pos.column
            )),
            None => self.error("unexpected end of file (is the file truncated?)"),
        }
    }

    fn start_tag(&mut self, start: Pos) -> Result<Event> {
        if self.open.is_empty() && self.root_seen {
            return Err(Self::error_at(
                start,
                "a second root element after the end of the document",
            ));
        }
        let qname = self.name("an element name after '<'")?;
        let mut attributes = Vec::new();
        let empty = loop {
            let spaced = self.skip_whitespace()?;
            match self.peek()? {
                None => return Err(self.truncated_tag(&qname)),
                Some(b'>') => {
                    self.bump(b'>');
                    break false;
                }
                Some(b'/') => {
                    self.bump(b'/');
                    if self.peek()? != Some(b'>') {
                        return Err(self.unexpected("expected '>' after '/' in a tag".to_owned()));
                    }
                    self.bump(b'>');
                    break true;
                }
                Some(_) if !spaced => {
                    return Err(self.error("expected whitespace between attributes"));
                }
                Some(_) => attributes.push(self.attribute()?),
            }
        };
        if self.open.len() >= MAX_DEPTH {
            return Err(Self::error_at(
                start,
                format!("elements nested deeper than {MAX_DEPTH} levels"),
            ));
        }
        let element = self.open_element(qname, attributes, start);
        self.root_seen = true;
        self.pending_end = empty;
        Ok(Event::Start(element))
    }

    /// `message` at the current position, or "unexpected end of file" when
    /// the problem is that the file ends here.
    fn unexpected(&mut self, message: String) -> WxrError {
        match self.peek() {
            Ok(None) => self.truncated(),
            Ok(Some(_)) => self.error(message),
            Err(error) => error,
        }
    }

    fn truncated_tag(&self, qname: &[u8]) -> WxrError {
        self.error(format!(
            "unexpected end of file inside the tag <{}> (is the file truncated?)",
            String::from_utf8_lossy(qname)
        ))
    }

    fn attribute(&mut self) -> Result<(Vec<u8>, Vec<u8>)> {
        let name = self.name("an attribute name")?;
        self.skip_whitespace()?;
        if self.peek()? != Some(b'=') {
            return Err(self.unexpected(format!(
                "expected '=' after the attribute name '{}'",
                String::from_utf8_lossy(&name)
            )));
        }
        self.bump(b'=');
        self.skip_whitespace()?;
        let quote = match self.peek()? {
            Some(quote @ (b'"' | b'\'')) => quote,
            _ => {
                return Err(self.unexpected(format!(
                    "the value of the attribute '{}' must be quoted",
                    String::from_utf8_lossy(&name)
                )));
            }
        };
        self.bump(quote);
        let mut value = Vec::new();
        loop {
            match self.peek()? {
                None => return Err(self.truncated()),
                Some(byte) if byte == quote => {
                    self.bump(byte);
                    return Ok((name, value));
                }
                Some(b'<') => return Err(self.error("'<' is not allowed in an attribute value")),
                Some(b'&') => {
                    let decoded = self.reference()?;
                    value.extend_from_slice(decoded.encode_utf8(&mut [0; 4]).as_bytes());
                }
                Some(byte) => {
                    self.bump(byte);
                    value.push(if byte.is_ascii_whitespace() {
                        b' '
                    } else {
                        byte
                    });
                }
            }
            if value.len() > MAX_ATTRIBUTE {
                return Err(self.error("an attribute value is too long"));
            }
        }
    }

    fn open_element(
        &mut self,
        qname: Vec<u8>,
        attributes: Vec<(Vec<u8>, Vec<u8>)>,
        pos: Pos,
    ) -> Element {
        let before = self.bindings.len();
        for (name, value) in &attributes {
            if name.as_slice() == b"xmlns" {
                self.bindings
                    .push((Box::from(&b""[..]), Ns::from_uri(value)));
            } else if let Some(prefix) = name.strip_prefix(b"xmlns:") {
                self.bindings.push((Box::from(prefix), Ns::from_uri(value)));
            }
        }
        let (prefix, local) = match qname.iter().position(|b| *b == b':') {
            Some(colon) => (&qname[..colon], &qname[colon + 1..]),
            None => (&b""[..], &qname[..]),
        };
        let ns = self.resolve(prefix);
        let element = Element {
            ns,
            local: String::from_utf8_lossy(local).into_owned(),
            attributes: attributes
                .into_iter()
                .map(|(name, value)| {
                    (
                        String::from_utf8_lossy(&name).into_owned(),
                        String::from_utf8_lossy(&value).into_owned(),
                    )
                })
                .collect(),
            pos,
        };
        self.open.push(Open {
            qname: qname.into_boxed_slice(),
            pos,
            bindings: self.bindings.len() - before,
        });
        element
    }

    fn resolve(&self, prefix: &[u8]) -> Ns {
        match self
            .bindings
            .iter()
            .rev()
            .find(|(bound, _)| **bound == *prefix)
        {
            Some((_, ns)) => *ns,
            None if prefix.is_empty() => Ns::None,
            None => Ns::conventional(prefix),
        }
    }

    fn close_top(&mut self) {
        if let Some(open) = self.open.pop() {
            let keep = self.bindings.len() - open.bindings;
            self.bindings.truncate(keep);
        }
    }

    fn end_tag(&mut self, start: Pos) -> Result<Event> {
        let qname = self.name("an element name after '</'")?;
        self.skip_whitespace()?;
        match self.peek()? {
            Some(b'>') => self.bump(b'>'),
            None => return Err(self.truncated_tag(&qname)),
            Some(_) => return Err(self.error("expected '>' to end a closing tag")),
        }
        let name = String::from_utf8_lossy(&qname);
        match self.open.last() {
            None => Err(Self::error_at(
                start,
                format!("closing tag </{name}> without an opening tag"),
            )),
            Some(open) if *open.qname != *qname => Err(Self::error_at(
                start,
                format!(
                    "closing tag </{name}> does not match <{}> opened at line {}, column {}",
                    String::from_utf8_lossy(&open.qname),
                    open.pos.line,
                    open.pos.column
                ),
            )),
            Some(_) => {
                self.close_top();
                Ok(Event::End)
            }
        }
    }

    fn eof(&mut self) -> Result<Event> {
        if !self.open.is_empty() {
            return Err(self.truncated());
        }
        if !self.root_seen {
            return Err(self.error(format!(
                "{NOT_WXR}: the file is empty or holds no XML element"
            )));
        }
        Ok(Event::Eof)
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

/// The character an entity or character reference stands for.
fn resolve_reference(name: &[u8]) -> std::result::Result<char, String> {
    let shown = String::from_utf8_lossy(name);
    let code = match name {
        b"amp" => return Ok('&'),
        b"lt" => return Ok('<'),
        b"gt" => return Ok('>'),
        b"quot" => return Ok('"'),
        b"apos" => return Ok('\''),
        [b'#', b'x' | b'X', hex @ ..] => parse_code(hex, 16),
        [b'#', decimal @ ..] => parse_code(decimal, 10),
        _ => {
            return Err(format!(
                "the entity reference &{shown}; is not allowed: only &amp; &lt; &gt; &quot; \
                 &apos; and character references are read, and entities are never expanded"
            ));
        }
    };
    code.and_then(char::from_u32)
        .filter(|c| is_xml_char(*c))
        .ok_or_else(|| format!("&{shown}; is not a valid XML character reference"))
}

fn parse_code(digits: &[u8], radix: u32) -> Option<u32> {
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_by_uri() {
        assert_eq!(Ns::from_uri(b"http://wordpress.org/export/1.2/"), Ns::Wp);
        assert_eq!(Ns::from_uri(b"http://wordpress.org/export/1.0/"), Ns::Wp);
        assert_eq!(
            Ns::from_uri(b"http://wordpress.org/export/1.1/excerpt/"),
            Ns::Excerpt
        );
        assert_eq!(Ns::from_uri(b"http://wordpress.org/export/x/"), Ns::Other);
        assert_eq!(Ns::from_uri(b"http://purl.org/dc/elements/1.1/"), Ns::Dc);
    }

    #[test]
    fn references() {
        assert_eq!(resolve_reference(b"amp"), Ok('&'));
        assert_eq!(resolve_reference(b"#x1F600"), Ok('😀'));
        assert_eq!(resolve_reference(b"#1583"), Ok('د'));
        assert!(resolve_reference(b"#0").is_err());
        assert!(resolve_reference(b"#x110000").is_err());
        assert!(resolve_reference(b"#xD800").is_err());
        assert!(resolve_reference(b"#").is_err());
        assert!(resolve_reference(b"nbsp").is_err());
    }

    #[test]
    fn columns_count_characters() {
        let (mut line, mut column) = (1, 1);
        advance(&mut line, &mut column, "ab\nسل".as_bytes());
        assert_eq!((line, column), (2, 3));
    }
}
