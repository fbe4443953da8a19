//! Markup: tags, attributes, namespaces, comments, CDATA and the refused
//! declarations.

use std::io::BufRead;

use super::{
    Element, Event, MAX_ATTRIBUTE, MAX_DEPTH, MAX_NAME, NOT_WXR, Ns, Open, Pos, Result, TextSink,
    Tokenizer, WxrError, io_error,
};

impl<R: BufRead> Tokenizer<R> {
    // ----- markup ------------------------------------------------------------

    /// After `<!`: a comment, CDATA, or a refused DOCTYPE.
    pub(super) fn bang(&mut self, start: Pos, sink: Option<&mut TextSink>) -> Result<()> {
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
    pub(super) fn skip_until(
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

    pub(super) fn truncated(&self) -> WxrError {
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

    pub(super) fn start_tag(&mut self, start: Pos) -> Result<Event> {
        if self.open.is_empty() && self.root_seen {
            return Err(Self::error_at(
                start,
                "a second root element after the end of the document",
            ));
        }
        let qname = self.name("an element name after '<'")?;
        let mut attributes: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
        let mut attribute_bytes = 0;
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
                Some(_) => {
                    let (name, value) = self.attribute()?;
                    attribute_bytes += name.len() + value.len();
                    if attribute_bytes > MAX_ATTRIBUTE {
                        return Err(Self::error_at(
                            start,
                            format!(
                                "the attributes of <{}> are longer than {MAX_ATTRIBUTE} bytes",
                                String::from_utf8_lossy(&qname)
                            ),
                        ));
                    }
                    attributes.push((name, value));
                }
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

    pub(super) fn close_top(&mut self) {
        if let Some(open) = self.open.pop() {
            let keep = self.bindings.len() - open.bindings;
            self.bindings.truncate(keep);
        }
    }

    pub(super) fn end_tag(&mut self, start: Pos) -> Result<Event> {
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

    pub(super) fn eof(&mut self) -> Result<Event> {
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
