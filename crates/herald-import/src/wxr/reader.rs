//! [`WxrReader`]: the document's shape (`rss` › `channel` › entries) and the
//! channel's own fields. Entries are read in `entries.rs`.

use std::io::BufRead;

use super::fields::to_text;
use super::xml::{Element, Event, Ns, Pos, TextSink, Tokenizer};
use super::{Limits, SiteInfo, WxrEntry, WxrError};

/// Reads a WordPress export as a stream of [`WxrEntry`]s.
///
/// Memory is bounded by the largest entry (and by [`Limits`] for each
/// field). After an error the iterator ends.
///
/// ```
/// use herald_import::wxr::{WxrEntry, WxrReader};
/// let export = r#"<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/">
///   <channel><title>Example</title><wp:wxr_version>1.2</wp:wxr_version>
///   <item><title>Hello</title><wp:post_id>7</wp:post_id></item></channel></rss>"#;
/// let entries: Vec<_> = WxrReader::new(export.as_bytes()).collect::<Result<_, _>>().unwrap();
/// assert!(matches!(&entries[0], WxrEntry::Site(site) if site.title == "Example"));
/// assert!(matches!(&entries[1], WxrEntry::Item(item) if item.id == 7));
/// ```
pub struct WxrReader<R: BufRead> {
    pub(super) xml: Tokenizer<R>,
    pub(super) limits: Limits,
    phase: Phase,
    site: SiteInfo,
    site_sent: bool,
    queued: Option<WxrEntry>,
    finished: bool,
    /// Set when a field held invalid UTF-8 (replaced); the entry reports it.
    pub(super) invalid_utf8: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    BeforeRoot,
    InRoot,
    InChannel,
    AfterRoot,
}

type Result<T> = std::result::Result<T, WxrError>;

impl<R: BufRead> WxrReader<R> {
    /// A reader with the default [`Limits`].
    pub fn new(input: R) -> Self {
        Self::with_limits(input, Limits::default())
    }

    /// A reader with the given limits.
    pub fn with_limits(input: R, limits: Limits) -> Self {
        Self {
            xml: Tokenizer::new(input),
            limits,
            phase: Phase::BeforeRoot,
            site: SiteInfo::default(),
            site_sent: false,
            queued: None,
            finished: false,
            invalid_utf8: false,
        }
    }

    fn advance(&mut self) -> Result<Option<WxrEntry>> {
        loop {
            let event = self.xml.next(None)?;
            match (self.phase, event) {
                (Phase::BeforeRoot, Event::Start(root)) => {
                    check_root(&root, self.xml.wp_declared())?;
                    self.phase = Phase::InRoot;
                }
                (Phase::InRoot, Event::Start(element)) if element.is(Ns::None, "channel") => {
                    self.phase = Phase::InChannel;
                }
                (Phase::InChannel, Event::Start(element)) => {
                    if let Some(entry) = self.channel_child(&element)? {
                        return self.after_site(entry, element.pos).map(Some);
                    }
                }
                (Phase::InChannel, Event::End) => {
                    self.phase = Phase::InRoot;
                    if !self.site_sent {
                        return self.site(self.xml.pos()).map(Some);
                    }
                }
                (Phase::InRoot, Event::End) => self.phase = Phase::AfterRoot,
                (_, Event::Start(_)) => self.skip()?,
                (_, Event::Eof) if self.site_sent => return Ok(None),
                (_, Event::Eof) => {
                    let pos = self.xml.pos();
                    return Err(Tokenizer::<R>::error_at(
                        pos,
                        "this is not a WordPress export (WXR) file: an RSS document without a \
                         <channel>",
                    ));
                }
                (_, Event::End) => {}
            }
        }
    }

    /// One child of `<channel>`: an entry, or a site field (`None`).
    fn channel_child(&mut self, element: &Element) -> Result<Option<WxrEntry>> {
        match (element.ns, element.local.as_str()) {
            (Ns::Wp, "author") => return self.author().map(Some),
            (Ns::Wp, "category") => return self.term("category").map(Some),
            (Ns::Wp, "tag") => return self.term("post_tag").map(Some),
            (Ns::Wp, "term") => return self.term("").map(Some),
            (Ns::None, "item") => return self.item().map(Some),
            _ => {}
        }
        if site_field(&mut self.site, element).is_none() {
            self.skip()?;
            return Ok(None);
        }
        let limit = self.limits.max_field_bytes;
        let value = self.text(limit)?.unwrap_or_default();
        if let Some(field) = site_field(&mut self.site, element) {
            *field = value.trim().to_owned();
        }
        Ok(None)
    }

    /// The first entry comes after the site's description.
    fn after_site(&mut self, entry: WxrEntry, pos: Pos) -> Result<WxrEntry> {
        if self.site_sent {
            return Ok(entry);
        }
        let site = self.site(pos)?;
        self.queued = Some(entry);
        Ok(site)
    }

    fn site(&mut self, pos: Pos) -> Result<WxrEntry> {
        if self.site.wxr_version.is_empty() {
            let found = if self.xml.wp_declared() {
                "an RSS feed with the WordPress namespace but no <wp:wxr_version>"
            } else {
                "an RSS feed without the WordPress export namespace \
                 (http://wordpress.org/export/1.2/) and no <wp:wxr_version>"
            };
            return Err(Tokenizer::<R>::error_at(
                pos,
                format!("this is not a WordPress export (WXR) file: {found}"),
            ));
        }
        self.site_sent = true;
        Ok(WxrEntry::Site(self.site.clone()))
    }

    /// The text of the element just opened, up to `limit` bytes (`None`
    /// when longer); the text of child elements is skipped.
    pub(super) fn text(&mut self, limit: usize) -> Result<Option<String>> {
        let mut sink = TextSink::new(limit);
        let mut depth = 0usize;
        loop {
            let text = if depth == 0 { Some(&mut sink) } else { None };
            match self.xml.next(text)? {
                Event::Start(_) => depth += 1,
                Event::End if depth == 0 => break,
                Event::End => depth -= 1,
                Event::Eof => break,
            }
        }
        if sink.overflowed {
            return Ok(None);
        }
        let (text, valid) = to_text(sink.bytes);
        self.invalid_utf8 |= !valid;
        Ok(Some(text))
    }

    /// Skip the rest of the element just opened.
    pub(super) fn skip(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.xml.next(None)? {
                Event::Start(_) => depth += 1,
                Event::End if depth == 0 => return Ok(()),
                Event::End => depth -= 1,
                Event::Eof => return Ok(()),
            }
        }
    }
}

fn site_field<'a>(site: &'a mut SiteInfo, element: &Element) -> Option<&'a mut String> {
    Some(match (element.ns, element.local.as_str()) {
        (Ns::None, "title") => &mut site.title,
        (Ns::None, "link") => &mut site.link,
        (Ns::None, "description") => &mut site.description,
        (Ns::None, "language") => &mut site.language,
        (Ns::Wp, "wxr_version") => &mut site.wxr_version,
        (Ns::Wp, "base_site_url") => &mut site.base_site_url,
        (Ns::Wp, "base_blog_url") => &mut site.base_blog_url,
        _ => return None,
    })
}

fn check_root(root: &Element, wp_declared: bool) -> Result<()> {
    let found = if root.is(Ns::None, "rss") {
        if wp_declared {
            return Ok(());
        }
        "an RSS feed without the WordPress export namespace (http://wordpress.org/export/1.2/)"
            .to_owned()
    } else if root.is(Ns::Atom, "feed") {
        "an Atom feed (<feed>)".to_owned()
    } else {
        format!("the document's root element is <{}>, not <rss>", root.local)
    };
    Err(WxrError {
        line: root.pos.line,
        column: root.pos.column,
        message: format!("this is not a WordPress export (WXR) file: {found}"),
    })
}

impl<R: BufRead> Iterator for WxrReader<R> {
    type Item = Result<WxrEntry>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(entry) = self.queued.take() {
            return Some(Ok(entry));
        }
        if self.finished {
            return None;
        }
        match self.advance() {
            Ok(Some(entry)) => Some(Ok(entry)),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(error) => {
                self.finished = true;
                Some(Err(error))
            }
        }
    }
}

impl<R: BufRead> std::iter::FusedIterator for WxrReader<R> {}
