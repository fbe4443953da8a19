//! The formats on a hand-made feed: escaping, dates, direction.

use super::*;

fn sample(rtl: bool) -> Feed {
    Feed {
        title: "Rivers & <dams>".into(),
        description: "Water \"news\"".into(),
        lang: if rtl { "fa".into() } else { "en".into() },
        rtl,
        home: "https://news.example/en/".into(),
        listing_path: "/en/".into(),
        base_url: "https://news.example".into(),
        tz: herald_render::dates::time_zone("Asia/Tehran"),
        publisher: "News".into(),
        entries: vec![Entry {
            url: "https://news.example/en/posts/7".into(),
            title: "A <b>bold</b> & \u{1}odd title".into(),
            published: 1_795_953_600,
            updated: 1_795_953_600 + 3600,
            author: None,
            categories: vec!["Water & rivers".into()],
            summary: "Short.".into(),
            content_html: Some("<p>Hi &amp; bye</p>".into()),
            image: Some(Enclosure {
                url: "https://news.example/media/a.png?x=1&y=2".into(),
                media_type: "image/png",
            }),
        }],
    }
}

#[test]
fn text_and_attributes_are_escaped_and_forbidden_characters_dropped() {
    assert_eq!(
        xml::escape("a<b>&\"'\u{0}\u{b}c\t"),
        "a&lt;b&gt;&amp;&quot;&apos;c\t"
    );
    let rss = sample(false).render(FeedFormat::Rss);
    assert!(
        rss.contains("<title>A &lt;b&gt;bold&lt;/b&gt; &amp; odd title</title>"),
        "{rss}"
    );
    assert!(
        rss.contains("url=\"https://news.example/media/a.png?x=1&amp;y=2\""),
        "{rss}"
    );
    assert!(rss.contains("<content:encoded>&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</content:encoded>"));
    assert!(!rss.contains('\u{1}'));
}

#[test]
fn dates_in_each_format() {
    let feed = sample(false);
    let rss = feed.render(FeedFormat::Rss);
    assert!(
        rss.contains("<pubDate>Sun, 29 Nov 2026 15:30:00 +0330</pubDate>"),
        "{rss}"
    );
    let atom = feed.render(FeedFormat::Atom);
    assert!(
        atom.contains("<published>2026-11-29T15:30:00+03:30</published>"),
        "{atom}"
    );
    assert!(
        atom.contains("<updated>2026-11-29T16:30:00+03:30</updated>"),
        "{atom}"
    );
    let json = feed.render(FeedFormat::Json);
    assert!(
        json.contains("\"date_published\": \"2026-11-29T15:30:00+03:30\""),
        "{json}"
    );
}

#[test]
fn right_to_left_bodies_carry_their_direction() {
    let atom = sample(true).render(FeedFormat::Atom);
    assert!(atom.contains("xml:lang=\"fa\""));
    assert!(
        atom.contains("&lt;div dir=&quot;rtl&quot; lang=&quot;fa&quot;&gt;"),
        "{atom}"
    );
    let json = sample(true).render(FeedFormat::Json);
    assert!(
        json.contains(
            r#""content_html": "<div dir=\"rtl\" lang=\"fa\"><p>Hi &amp; bye</p></div>""#
        ),
        "{json}"
    );
}

#[test]
fn an_empty_feed_does_not_change_with_the_clock() {
    let mut feed = sample(false);
    feed.entries.clear();
    assert_eq!(feed.updated(), 0);
    assert!(
        feed.render(FeedFormat::Atom)
            .contains("<updated>1970-01-01T03:30:00+03:30</updated>")
    );
    assert!(!feed.render(FeedFormat::Rss).contains("lastBuildDate"));
}

#[test]
fn feed_paths_and_image_types() {
    assert_eq!(FeedFormat::Rss.path("/en/"), "/en/feed/");
    assert_eq!(FeedFormat::Atom.path("/en/tag/x/"), "/en/tag/x/feed/atom/");
    assert_eq!(FeedFormat::Json.path("/en/"), "/en/feed.json");
    assert_eq!(image_type("/media/a.PNG"), "image/png");
    assert_eq!(image_type("/media/a.webp?v=2"), "image/webp");
    assert_eq!(image_type("/media/a"), "image/jpeg");
    assert_eq!(FeedContent::parse("excerpt"), Some(FeedContent::Excerpt));
    assert_eq!(FeedContent::parse("summary"), None);
}
