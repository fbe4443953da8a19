//! A story as a language-independent plan ([`Spec`]) and its rendering into
//! Markdown or HTML in one language. Because the plan names sentences by their
//! index in the parallel text banks, one plan rendered in English, Persian and
//! Arabic gives three translations of the same story.

use herald_core::PostId;

use super::{Bank, digits};

/// One sentence of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sentence {
    /// The lead sentence that belongs to the title.
    Lead,
    /// A sentence of the story's subject area.
    Area(usize),
    /// A sentence that fits any story.
    Generic(usize),
}

/// One block of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    Para(Vec<Sentence>),
    Heading(usize),
    /// Items of the area's list.
    List(Vec<usize>),
    Quote(usize),
    /// Rows of (town, participants, change in percent).
    Table([(usize, u32, i32); 3]),
    /// The `<!--more-->` marker.
    More,
    /// A link to an earlier post, chosen when ids are known.
    ReadAlso,
}

/// A story, independent of language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Spec {
    pub title: usize,
    pub place: usize,
    pub area: usize,
    pub blocks: Vec<Block>,
    /// A footnote attached to the first paragraph.
    pub footnote: Option<usize>,
    /// A manual excerpt.
    pub dek: Option<usize>,
}

/// The target of a "Read also" link.
pub(crate) struct Link<'a> {
    pub id: PostId,
    pub title: &'a str,
}

impl Spec {
    fn fill(&self, bank: &Bank, text: &str) -> String {
        text.replace("{p}", bank.places[self.place])
    }

    pub(crate) fn title(&self, bank: &Bank) -> String {
        self.fill(bank, bank.titles[self.title].0)
    }

    /// The manual excerpt, or an empty string.
    pub(crate) fn excerpt(&self, bank: &Bank) -> String {
        self.dek
            .map(|d| self.fill(bank, bank.deks[self.area][d]))
            .unwrap_or_default()
    }

    fn paragraph(&self, bank: &Bank, sentences: &[Sentence]) -> String {
        let parts: Vec<String> = sentences
            .iter()
            .map(|s| {
                let text = match s {
                    Sentence::Lead => bank.titles[self.title].1,
                    Sentence::Area(i) => bank.area_sentences[self.area][*i],
                    Sentence::Generic(i) => bank.generic[*i],
                };
                self.fill(bank, text)
            })
            .collect();
        parts.join(" ")
    }

    fn change(bank: &Bank, percent: i32) -> String {
        let (pattern, n) = if percent >= 0 {
            (bank.change.0, percent)
        } else {
            (bank.change.1, -percent)
        };
        pattern.replace("{n}", &digits(n.unsigned_abs(), bank.digits))
    }

    /// The body as Markdown.
    pub(crate) fn markdown(&self, bank: &Bank, link: Option<Link<'_>>) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut first_para = true;
        for block in &self.blocks {
            match block {
                Block::Para(sentences) => {
                    let mut text = self.paragraph(bank, sentences);
                    if first_para && self.footnote.is_some() {
                        text.push_str("[^1]");
                    }
                    first_para = false;
                    parts.push(text);
                }
                Block::Heading(h) => parts.push(format!("## {}", bank.headings[*h])),
                Block::List(items) => {
                    let (intro, all) = &bank.lists[self.area];
                    parts.push((*intro).to_string());
                    let lines: Vec<String> =
                        items.iter().map(|i| format!("- {}", all[*i])).collect();
                    parts.push(lines.join("\n"));
                }
                Block::Quote(q) => {
                    let (quote, who) = bank.quotes[*q];
                    parts.push(format!("> {quote}\n>\n> — {who}"));
                }
                Block::Table(rows) => {
                    parts.push(bank.table[0].to_string());
                    let mut table = format!(
                        "| {} | {} | {} |\n| --- | --- | --- |",
                        bank.table[1], bank.table[2], bank.table[3]
                    );
                    for (place, count, change) in rows {
                        table.push_str(&format!(
                            "\n| {} | {} | {} |",
                            bank.places[*place],
                            digits(*count, bank.digits),
                            Self::change(bank, *change)
                        ));
                    }
                    parts.push(table);
                }
                Block::More => parts.push("<!--more-->".to_string()),
                Block::ReadAlso => {
                    if let Some(link) = &link {
                        parts.push(format!(
                            "{} [{}](/{}/posts/{})",
                            bank.read_also, link.title, bank.code, link.id
                        ));
                    }
                }
            }
        }
        if let Some(f) = self.footnote {
            parts.push(format!("[^1]: {}", bank.footnotes[f]));
        }
        parts.join("\n\n")
    }

    /// The body as simple HTML, as an importer would have stored it. Tables,
    /// footnotes and links are not used in these bodies.
    pub(crate) fn html(&self, bank: &Bank) -> String {
        let mut parts: Vec<String> = Vec::new();
        for block in &self.blocks {
            match block {
                Block::Para(sentences) => {
                    parts.push(format!(
                        "<p>{}</p>",
                        inline_html(&self.paragraph(bank, sentences))
                    ));
                }
                Block::Heading(h) => {
                    parts.push(format!("<h2>{}</h2>", inline_html(bank.headings[*h])))
                }
                Block::List(items) => {
                    let (intro, all) = &bank.lists[self.area];
                    let mut list = format!("<p>{}</p>\n<ul>", inline_html(intro));
                    for i in items {
                        list.push_str(&format!("\n<li>{}</li>", inline_html(all[*i])));
                    }
                    list.push_str("\n</ul>");
                    parts.push(list);
                }
                Block::Quote(q) => {
                    let (quote, who) = bank.quotes[*q];
                    parts.push(format!(
                        "<blockquote>\n<p>{}</p>\n<p>— {}</p>\n</blockquote>",
                        inline_html(quote),
                        inline_html(who)
                    ));
                }
                Block::More => parts.push("<!--more-->".to_string()),
                Block::Table(_) | Block::ReadAlso => {}
            }
        }
        parts.join("\n")
    }
}

/// Escape text for HTML and turn the Markdown emphasis of the text banks
/// (`**strong**`, `*em*`) into tags.
fn inline_html(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut out = String::new();
    let (mut strong, mut em) = (false, false);
    let mut rest = escaped.as_str();
    while let Some(i) = rest.find('*') {
        out.push_str(&rest[..i]);
        if rest[i..].starts_with("**") {
            out.push_str(if strong { "</strong>" } else { "<strong>" });
            strong = !strong;
            rest = &rest[i + 2..];
        } else {
            out.push_str(if em { "</em>" } else { "<em>" });
            em = !em;
            rest = &rest[i + 1..];
        }
    }
    out.push_str(rest);
    out
}
