//! Post bodies: Markdown (CommonMark with tables, footnotes and strikethrough) or
//! imported HTML, rendered once when a post is written and sanitised to an
//! allowlist. Readers only ever receive the sanitised HTML; `dir` and `lang`
//! survive so mixed-direction text keeps its meaning.

use std::collections::HashSet;
use std::sync::LazyLock;

use herald_core::excerpt::excerpt;
use herald_core::{BodyFormat, Post};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

/// The body as HTML before sanitising (still holding `<!--more-->`).
pub fn raw_html(body: &str, format: BodyFormat) -> String {
    match format {
        BodyFormat::Html => body.to_owned(),
        BodyFormat::Markdown => {
            let options =
                Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
            let mut out = String::with_capacity(body.len() * 3 / 2);
            html::push_html(&mut out, Parser::new_ext(body, options).map(demote_heading));
            out
        }
    }
}

/// The post title is the page's one `h1`, so a Markdown `# Heading` in a body
/// becomes `h2`; deeper headings stay as written (writers with a separate title
/// field start sections at `##`, and levels must not be skipped).
fn demote_heading(event: Event<'_>) -> Event<'_> {
    let below_title = |level: HeadingLevel| match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        other => other,
    };
    match event {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: below_title(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(below_title(level))),
        other => other,
    }
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    let extra_tags: HashSet<&str> = [
        "figure",
        "figcaption",
        "section",
        "aside",
        "mark",
        "picture",
        "source",
        "audio",
        "video",
        "track",
        "bdi",
        "bdo",
        "details",
        "summary",
        "input",
    ]
    .into_iter()
    .collect();
    builder
        .add_tags(extra_tags)
        .add_generic_attributes(["dir", "lang", "id"])
        .add_tag_attributes("img", ["loading", "width", "height", "srcset", "sizes"])
        .add_tag_attributes(
            "video",
            ["controls", "poster", "src", "width", "height", "preload"],
        )
        .add_tag_attributes("audio", ["controls", "src", "preload"])
        .add_tag_attributes("source", ["src", "type", "srcset", "media"])
        .add_tag_attributes("track", ["src", "kind", "srclang", "label"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_tag_attributes("td", ["style"])
        .add_tag_attributes("th", ["style"])
        .add_tag_attributes("div", ["class"])
        .add_tag_attributes("sup", ["class"])
        .add_tag_attributes("ol", ["class", "start"])
        .add_tag_attributes("li", ["class"])
        .add_tag_attributes("section", ["class"])
        .add_tag_attributes("figure", ["class"])
        .add_tag_attributes("a", ["class"])
        .filter_style_properties(["text-align"].into_iter().collect())
        .link_rel(Some("noopener"));
    builder
});

/// Sanitise HTML to the body allowlist: no script, no event handlers, no
/// `javascript:` links, no styles beyond text alignment.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

static COMMENT_SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    builder
        .add_tags([
            "a",
            "b",
            "strong",
            "i",
            "em",
            "code",
            "blockquote",
            "p",
            "br",
            "q",
        ])
        .add_tag_attributes("a", ["href"])
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("nofollow ugc noopener"));
    builder
});

/// A reader's comment as HTML: blank lines become paragraphs and single line
/// breaks `<br>` (as WordPress shows comments); only links, emphasis, code
/// and quotes survive, links marked `nofollow ugc`.
pub fn comment_html(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("<p>{}</p>", p.replace('\n', "<br>")))
        .collect();
    COMMENT_SANITIZER.clean(&paragraphs.join("\n")).to_string()
}

/// Render and sanitise a body for display.
pub fn render(body: &str, format: BodyFormat) -> String {
    sanitize(&raw_html(body, format))
}

/// Fill a post's derived fields (`body_html`, `excerpt_text`) from its body,
/// format and manual excerpt; `excerpt_words` is the language's setting.
pub fn prepare_post(post: &mut Post, excerpt_words: u32) {
    let raw = raw_html(&post.body, post.format);
    post.excerpt_text = excerpt(&post.excerpt, &raw, excerpt_words as usize);
    post.body_html = sanitize(&raw);
}

/// Prepare every post of a bundle with its language's excerpt length.
pub fn prepare_bundle(bundle: &mut herald_core::SiteBundle) {
    for post in &mut bundle.posts {
        let words = bundle
            .languages
            .iter()
            .find(|l| l.code == post.language)
            .map_or(55, |l| l.excerpt_words);
        prepare_post(post, words);
    }
}

#[cfg(test)]
mod comment_tests {
    use super::comment_html;

    #[test]
    fn comments_keep_paragraphs_and_lose_scripts() {
        assert_eq!(
            comment_html("One\ntwo\n\nThree"),
            "<p>One<br>two</p>\n<p>Three</p>"
        );
        let html = comment_html(
            "<script>alert(1)</script><img src=x onerror=y><a href=\"javascript:z\">l</a>",
        );
        assert!(!html.contains("script") && !html.contains("img") && !html.contains("javascript"));
        let html = comment_html("see <a href=\"https://example.org\">this</a>");
        assert!(html.contains("rel=\"nofollow ugc noopener\""), "{html}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_tables_and_footnotes() {
        let html = render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note.",
            BodyFormat::Markdown,
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("footnote"), "{html}");
    }

    #[test]
    fn body_headings_sit_below_the_title() {
        let html = render("# Part one\n\n## Detail", BodyFormat::Markdown);
        assert!(html.contains("<h2>Part one</h2>"), "{html}");
        assert!(html.contains("<h2>Detail</h2>"), "{html}");
        assert!(!html.contains("<h1"), "{html}");
    }

    #[test]
    fn script_and_handlers_removed_dir_kept() {
        let html = render(
            "<p dir=\"rtl\" lang=\"fa\" onclick=\"x()\">سلام</p><script>alert(1)</script>\
             <a href=\"javascript:alert(1)\">x</a>",
            BodyFormat::Html,
        );
        assert!(html.contains("dir=\"rtl\""), "{html}");
        assert!(html.contains("lang=\"fa\""), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
    }
}
