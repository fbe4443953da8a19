//! The WXR writer against the crate's own reader and a real XML parser: any
//! text Herald holds (CDATA end markers, markup, quotes, RTL, emoji, control
//! characters) is written as well-formed XML and read back the same, less
//! the characters XML 1.0 cannot carry.

use herald_core::{
    BodyFormat, Comment, CommentStatus, POST_KIND, Post, Role, SiteBundle, SiteSettings, Status,
    Taxonomy, Term, User,
};
use herald_import::wordpress::{ExportOptions, new_language, write_wxr};
use herald_import::wxr::{WxrEntry, WxrReader};
use proptest::prelude::*;

fn site(text: &str) -> SiteBundle {
    SiteBundle {
        settings: Some(SiteSettings {
            default_language: "fa".into(),
            time_zone: "Asia/Tehran".into(),
        }),
        languages: vec![new_language("fa", 0, text)],
        users: vec![User {
            id: 3,
            login: "writer".into(),
            slug: "writer".into(),
            display_name: text.into(),
            email: "writer@example.org".into(),
            role: Role::Author,
            bio: String::new(),
        }],
        terms: vec![Term {
            id: 4,
            language: "fa".into(),
            taxonomy: Taxonomy::Tag,
            slug: "برچسب".into(),
            name: text.into(),
            description: text.into(),
            parent: None,
        }],
        posts: vec![Post {
            id: 5,
            kind: POST_KIND.into(),
            language: "fa".into(),
            status: Status::Published,
            title: text.into(),
            slug: "نوشته".into(),
            body: text.into(),
            format: BodyFormat::Html,
            excerpt: text.into(),
            author: Some(3),
            parent: None,
            publish_at: 1_700_000_000,
            updated_at: 1_700_000_000,
            sticky: false,
            comments_open: true,
            featured_image: None,
            featured_alt: String::new(),
            terms: vec![4],
            translation_group: None,
            body_html: String::new(),
            excerpt_text: String::new(),
        }],
        comments: vec![Comment {
            id: 6,
            post_id: 5,
            parent: None,
            author_name: text.into(),
            author_email: String::new(),
            author_url: String::new(),
            author_ip: String::new(),
            user_id: None,
            created_at: 1_700_000_100,
            body: text.into(),
            status: CommentStatus::Approved,
            kind: "comment".into(),
        }],
        ..SiteBundle::default()
    }
}

/// What XML 1.0 keeps of `text`.
fn xml_kept(text: &str) -> String {
    text.chars()
        .filter(|c| {
            matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && *c != '\u{FFFE}' && *c != '\u{FFFF}')
        })
        .collect()
}

fn export(text: &str) -> String {
    let mut out = Vec::new();
    let options = ExportOptions {
        base_url: "https://news.example".into(),
    };
    write_wxr(&site(text), &options, &mut out).expect("write");
    String::from_utf8(out).expect("UTF-8")
}

fn check_round_trip(text: &str) {
    let xml = export(text);
    roxmltree::Document::parse(&xml).expect("well-formed");
    // XML parsers turn \r\n and lone \r into \n.
    let want = xml_kept(text).replace("\r\n", "\n").replace('\r', "\n");
    // The reader trims every field but bodies, excerpts and meta values.
    let trimmed = want.trim();
    let mut seen = 0;
    for entry in WxrReader::new(xml.as_bytes()) {
        match entry.expect("reads") {
            WxrEntry::Author(a) => assert_eq!(a.display_name, trimmed),
            WxrEntry::Term(t) if t.taxonomy == "post_tag" => {
                assert_eq!((t.slug.as_str(), t.name.as_str()), ("برچسب", trimmed));
                assert_eq!(t.description, trimmed);
            }
            WxrEntry::Item(item) => {
                assert_eq!(item.title, trimmed);
                assert_eq!(item.content, want);
                assert_eq!(item.excerpt, want);
                assert_eq!(item.slug, "نوشته");
                assert_eq!(item.comments[0].content, want);
                assert_eq!(item.comments[0].author, trimmed);
                assert_eq!(item.post_date_gmt, Some(1_700_000_000));
                seen += 1;
            }
            WxrEntry::Skipped(s) => panic!("skipped {s:?}"),
            _ => {}
        }
    }
    assert_eq!(seen, 1);
}

#[test]
fn awkward_text_survives() {
    for text in [
        "plain",
        "]]>",
        "a]]>b]]]]>c<![CDATA[d",
        "<p>\"quotes\" & 'apostrophes' &amp; &lt;</p>",
        "متن فارسی با ‌نیم‌فاصله و 🌱",
        "control \u{1}\u{8}\u{B} and \u{FFFF} dropped",
        "line\r\nbreaks\rand\ttabs",
    ] {
        check_round_trip(text);
    }
}

proptest! {
    #[test]
    fn any_text_survives(text in "\\PC*|[\\]>< &\"'\\u{1}\\r\\n]*") {
        check_round_trip(&text);
    }
}

/// Polylang reads a translation group with PHP's `unserialize`; when PHP is
/// installed, it must read ours. Skipped (passes) without PHP.
#[test]
fn php_reads_the_translation_groups() {
    let php = std::process::Command::new("php").arg("-v").output();
    if !php.is_ok_and(|version| version.status.success()) {
        eprintln!("skipping php_reads_the_translation_groups: php is not installed");
        return;
    }
    let mut bundle = site("x");
    let mut english = bundle.posts[0].clone();
    english.id = 50;
    english.language = "en".into();
    english.slug = "english".into();
    english.terms.clear();
    bundle.languages.push(new_language("en", 1, "x"));
    bundle.posts.push(english);
    for post in &mut bundle.posts {
        post.translation_group = Some(9);
    }
    let mut out = Vec::new();
    write_wxr(&bundle, &ExportOptions::default(), &mut out).expect("write");
    let description = WxrReader::new(out.as_slice())
        .filter_map(|e| match e.expect("reads") {
            WxrEntry::Term(t) if t.taxonomy == "post_translations" => Some(t.description),
            _ => None,
        })
        .next()
        .expect("a group");
    let php = std::process::Command::new("php")
        .args(["-r", "echo json_encode(unserialize($argv[1]));", "--"])
        .arg(&description)
        .output()
        .expect("php");
    assert_eq!(String::from_utf8_lossy(&php.stdout), r#"{"fa":5,"en":50}"#);
}
