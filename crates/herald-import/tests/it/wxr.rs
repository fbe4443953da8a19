//! The WXR reader on a hand-written multilingual export and on exports built
//! here for each edge case.

use herald_import::wxr::{Limits, WxrEntry, WxrError, WxrItem, WxrReader};

const FIXTURE: &str = include_str!("../fixtures/multilingual.xml");

/// A WXR 1.2 document around `body` (authors, terms, items).
fn export(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n\
         <channel>\n<title>Test</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n{body}\n</channel>\n</rss>\n"
    )
}

/// An item with the given id and extra elements.
fn item(id: &str, extra: &str) -> String {
    format!("<item><title>Post {id}</title><wp:post_id>{id}</wp:post_id>{extra}</item>")
}

fn read_all(xml: &str) -> Vec<Result<WxrEntry, WxrError>> {
    WxrReader::new(xml.as_bytes()).collect()
}

fn entries(xml: &str) -> Vec<WxrEntry> {
    read_all(xml)
        .into_iter()
        .collect::<Result<_, _>>()
        .expect("reads")
}

fn items(xml: &str) -> Vec<WxrItem> {
    entries(xml)
        .into_iter()
        .filter_map(|entry| match entry {
            WxrEntry::Item(item) => Some(*item),
            _ => None,
        })
        .collect()
}

fn error(xml: &str) -> WxrError {
    let all = read_all(xml);
    let last = all.last().expect("something");
    assert!(
        all[..all.len() - 1].iter().all(Result::is_ok),
        "only the last is an error"
    );
    last.clone().expect_err("an error")
}

#[test]
fn fixture_site_authors_and_terms() {
    let all = entries(FIXTURE);
    let WxrEntry::Site(site) = &all[0] else {
        panic!("site first: {:?}", all[0]);
    };
    assert_eq!(site.title, "Valley Courier");
    assert_eq!(site.description, "News from the river towns & beyond");
    assert_eq!(site.language, "en-US");
    assert_eq!(site.wxr_version, "1.2");
    assert_eq!(site.base_site_url, "https://valley.example.org");
    let WxrEntry::Author(reza) = &all[2] else {
        panic!("author: {:?}", all[2]);
    };
    assert_eq!(reza.id, Some(2));
    assert_eq!(reza.login, "reza");
    assert_eq!(reza.display_name, "رضا نویسنده");
    let terms: Vec<_> = all
        .iter()
        .filter_map(|entry| match entry {
            WxrEntry::Term(term) => Some(term),
            _ => None,
        })
        .collect();
    assert_eq!(terms.len(), 7);
    assert_eq!(terms[1].parent_slug.as_deref(), Some("news"));
    assert_eq!(terms[0].parent_slug, None);
    assert_eq!(terms[2].slug, "سیاست");
    assert_eq!(terms[2].taxonomy, "category");
    assert_eq!(terms[3].taxonomy, "post_tag");
    assert_eq!(terms[3].slug, "bridges");
    assert_eq!(terms[5].taxonomy, "language");
    assert_eq!(terms[5].name, "فارسی");
    assert_eq!(terms[6].taxonomy, "post_translations");
    assert_eq!(
        terms[6].description,
        "a:2:{s:2:\"en\";i:12;s:2:\"fa\";i:15;}"
    );
}

#[test]
fn fixture_items() {
    let items = items(FIXTURE);
    assert_eq!(
        items.iter().map(|item| item.id).collect::<Vec<_>>(),
        [12, 15, 16, 30, 2]
    );
    let post = &items[0];
    assert_eq!(post.title, "The new bridge opens");
    assert_eq!(post.creator, "editor");
    assert_eq!(post.slug, "new-bridge-opens");
    assert!(post.sticky);
    assert_eq!(post.post_date_gmt, Some(1_551_700_800));
    assert_eq!(post.post_date, Some(1_551_700_800 + 3 * 3600 + 1800));
    assert_eq!(post.modified_gmt, Some(1_551_767_400));
    assert!(post.content.starts_with("The council opened"));
    assert!(post.content.contains("if (a[i]]>0)"), "split CDATA joined");
    assert!(post.content.contains("🚲"));
    assert!(
        post.content.ends_with("[poll id=\"4\"]"),
        "content verbatim"
    );
    assert_eq!(post.excerpt, "A footbridge for the valley.");
    assert_eq!(post.terms.len(), 4);
    assert_eq!(post.terms[2].domain, "language");
    assert_eq!(post.terms[2].slug, "en");
    assert_eq!(post.meta[0], ("_thumbnail_id".to_owned(), "30".to_owned()));
    assert_eq!(post.comments.len(), 3);
    assert_eq!(post.comments[1].parent, 101);
    assert_eq!(post.comments[1].user_id, 1);
    assert_eq!(post.comments[0].meta.len(), 1);
    assert_eq!(
        post.comments[0].content,
        "Finally! I cross it every day.\nThanks to the builders."
    );
    assert_eq!(post.comments[2].approved, "spam");
    assert!(post.warnings.is_empty(), "{:?}", post.warnings);

    let persian = &items[1];
    assert_eq!(persian.slug, "پل-تازه");
    assert_eq!(persian.title, "پل تازه باز شد");
    assert_eq!(persian.terms[0].slug, "سیاست");
    assert!(persian.content.contains("<!-- wp:paragraph"));

    let draft = &items[2];
    assert_eq!(draft.status, "draft");
    assert_eq!(draft.post_date_gmt, None);
    assert_eq!(draft.post_date, None);
    assert_eq!(draft.warnings.len(), 1, "{:?}", draft.warnings);
    assert!(draft.warnings[0].contains("2019-13-45"));

    let attachment = &items[3];
    assert_eq!(attachment.post_type, "attachment");
    assert_eq!(attachment.parent, 12);
    assert_eq!(
        attachment.attachment_url.as_deref(),
        Some("https://valley.example.org/wp-content/uploads/2019/03/bridge.jpg")
    );
    let page = &items[4];
    assert_eq!(page.password, "open sesame");
    assert_eq!(page.menu_order, 1);
}

#[test]
fn site_comes_first_even_without_entries() {
    let all = entries(&export(""));
    assert_eq!(all.len(), 1);
    assert!(matches!(&all[0], WxrEntry::Site(site) if site.title == "Test"));
}

#[test]
fn other_namespace_prefixes_and_wxr_1_0() {
    let xml = "<rss xmlns:x=\"http://wordpress.org/export/1.0/\" \
               xmlns:body=\"http://purl.org/rss/1.0/modules/content/\">\
               <channel><x:wxr_version>1.0</x:wxr_version>\
               <item><x:post_id>3</x:post_id><body:encoded>Hi</body:encoded>\
               <wp:status>draft</wp:status></item></channel></rss>";
    let items = items(xml);
    assert_eq!(items[0].content, "Hi");
    assert_eq!(items[0].id, 3);
    assert_eq!(
        items[0].status, "draft",
        "an undeclared wp: prefix is still WordPress's"
    );
}

#[test]
fn entities_and_whitespace() {
    let xml = export(&item(
        "5",
        "<link>  https://a.example/?a=1&amp;b=2  </link>\
         <content:encoded>  &lt;p&gt;caf&#233; &#x1F600; &quot;q&quot; &apos;s&apos;  </content:encoded>\
         <category domain=\"post_tag\" nicename=\"a&amp;b\">A &amp; B</category>",
    ));
    let item = &items(&xml)[0];
    assert_eq!(item.link, "https://a.example/?a=1&b=2");
    assert_eq!(item.content, "  <p>café 😀 \"q\" 's'  ");
    assert_eq!(item.terms[0].slug, "a&b");
    assert_eq!(item.terms[0].name, "A & B");
}

#[test]
fn crlf_line_ends_become_newlines() {
    let xml = export(&item("5", "<content:encoded>a\r\nb\rc</content:encoded>"));
    assert_eq!(items(&xml)[0].content, "a\nb\nc");
}

#[test]
fn unknown_elements_are_skipped() {
    let xml = export(&item(
        "5",
        "<media:thumbnail xmlns:media=\"http://search.yahoo.com/mrss/\"><x>deep<y/></x></media:thumbnail>\
         <wp:future_field><wp:title>no</wp:title></wp:future_field><dc:creator>me</dc:creator>",
    ));
    let item = &items(&xml)[0];
    assert_eq!(item.creator, "me");
    assert_eq!(item.title, "Post 5");
}

#[test]
fn absurd_ids_are_skipped_with_a_reason() {
    let body = [item("-4", ""), item("9007199254740993", ""), item("x", "")].concat()
        + "<item><title>No id</title></item>"
        + &item("8", "<wp:post_parent>-1</wp:post_parent>");
    let all = entries(&export(&body));
    let skipped: Vec<_> = all
        .iter()
        .filter_map(|entry| match entry {
            WxrEntry::Skipped(skipped) => Some(skipped),
            _ => None,
        })
        .collect();
    assert_eq!(skipped.len(), 4);
    assert!(skipped[0].reason.contains("'-4'"), "{}", skipped[0].reason);
    assert_eq!(skipped[3].title, "No id");
    assert!(skipped[3].reason.contains("no <wp:post_id>"));
    let WxrEntry::Item(last) = all.last().expect("last") else {
        panic!("item");
    };
    assert_eq!(last.parent, 0);
    assert_eq!(last.warnings.len(), 1);
}

#[test]
fn field_over_limit_skips_the_item_and_goes_on() {
    let big = "x".repeat(5000);
    let body = item(
        "1",
        &format!("<content:encoded><![CDATA[{big}]]></content:encoded>"),
    ) + &item("2", &format!("<title>{big}</title>"))
        + &item("3", "<content:encoded>short</content:encoded>");
    let limits = Limits {
        max_content_bytes: 1000,
        max_field_bytes: 100,
        ..Limits::default()
    };
    let all: Vec<_> = WxrReader::with_limits(export(&body).as_bytes(), limits)
        .collect::<Result<_, _>>()
        .expect("reads");
    let WxrEntry::Skipped(first) = &all[1] else {
        panic!("skipped: {:?}", all[1]);
    };
    assert_eq!(first.id, Some(1));
    assert_eq!(first.title, "Post 1");
    assert!(
        first.reason.contains("<content:encoded>"),
        "{}",
        first.reason
    );
    assert!(first.reason.contains("1000"));
    assert!(matches!(&all[2], WxrEntry::Skipped(s) if s.reason.contains("<title>")));
    assert!(matches!(&all[3], WxrEntry::Item(item) if item.content == "short"));
}

#[test]
fn too_many_comments_or_meta_skip_the_item() {
    let comment = "<wp:comment><wp:comment_id>1</wp:comment_id></wp:comment>";
    let meta =
        "<wp:postmeta><wp:meta_key>k</wp:meta_key><wp:meta_value>v</wp:meta_value></wp:postmeta>";
    let body = item("1", &comment.repeat(4)) + &item("2", &meta.repeat(4)) + &item("3", comment);
    let limits = Limits {
        max_comments_per_item: 3,
        max_meta_per_item: 3,
        ..Limits::default()
    };
    let all: Vec<_> = WxrReader::with_limits(export(&body).as_bytes(), limits)
        .collect::<Result<_, _>>()
        .expect("reads");
    assert!(matches!(&all[1], WxrEntry::Skipped(s) if s.reason.contains("more than 3 comments")));
    assert!(matches!(&all[2], WxrEntry::Skipped(s) if s.reason.contains("postmeta")));
    assert!(matches!(&all[3], WxrEntry::Item(item) if item.comments.len() == 1));
}

#[test]
fn comment_without_usable_id_is_left_out_with_a_warning() {
    let xml = export(&item(
        "1",
        "<wp:comment><wp:comment_id>0</wp:comment_id><wp:comment_author>Ann</wp:comment_author></wp:comment>",
    ));
    let item = &items(&xml)[0];
    assert!(item.comments.is_empty());
    assert!(item.warnings[0].contains("Ann"));
}

#[test]
fn doctype_is_refused() {
    let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaa\">]>\n<rss/>";
    let error = error(xml);
    assert_eq!((error.line, error.column), (2, 1));
    assert!(error.message.contains("DOCTYPE"), "{error}");
}

#[test]
fn entities_other_than_xml_ones_are_refused() {
    let xml = export(&item("1", "<title>a &nbsp; b</title>"));
    let error = error(&xml);
    assert!(error.message.contains("&nbsp;"), "{error}");
    assert!(error.message.contains("never expanded"));
    assert_eq!((error.line, error.column), (6, 63), "{error}");
}

#[test]
fn bad_character_references_are_refused() {
    for bad in [
        "&#0;",
        "&#x110000;",
        "&#xD800;",
        "&#;",
        "&#xZZ;",
        "& b",
        "&#99999999999;",
    ] {
        let xml = export(&item("1", &format!("<title>{bad}</title>")));
        let error = error(&xml);
        assert_eq!((error.line, error.column), (6, 61), "{bad}: {error}");
    }
}

#[test]
fn line_and_column_of_a_mismatched_tag() {
    let xml = "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n  <title>ok</titel>\n</channel></rss>";
    let error = error(xml);
    assert_eq!((error.line, error.column), (3, 12), "{error}");
    assert!(error.message.contains("</titel>"));
    assert!(error.message.contains("<title> opened at line 3, column 3"));
}

#[test]
fn columns_count_characters_not_bytes() {
    let xml = "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel><title>سلام</bad>";
    let error = error(xml);
    assert_eq!((error.line, error.column), (2, 21), "{error}");
}

#[test]
fn truncated_file() {
    let full = export(&item(
        "1",
        "<content:encoded><![CDATA[long text]]></content:encoded>",
    ));
    for cut in [full.len() - 20, full.find("long").expect("text") + 2, 60] {
        let error = error(&full[..cut]);
        assert!(
            error.message.contains("unexpected end of file"),
            "{cut}: {error}"
        );
        let text_before = &full[..cut];
        let line = 1 + text_before.matches('\n').count() as u64;
        assert_eq!(error.line, line, "{cut}: {error}");
    }
}

#[test]
fn bad_attributes() {
    for (attribute, expected) in [
        ("domain=category", "quoted"),
        ("domain", "'='"),
        ("domain=\"a<b\"", "'<'"),
        ("domain=\"a\"nicename=\"b\"", "whitespace"),
    ] {
        let xml = export(&item("1", &format!("<category {attribute}>x</category>")));
        let error = error(&xml);
        assert!(error.message.contains(expected), "{attribute}: {error}");
        assert_eq!(error.line, 6);
    }
}

#[test]
fn iterator_ends_after_an_error() {
    let xml = export(&format!(
        "{}<item><title>x</item>{}",
        item("1", ""),
        item("2", "")
    ));
    let mut reader = WxrReader::new(xml.as_bytes());
    assert!(matches!(reader.next(), Some(Ok(WxrEntry::Site(_)))));
    assert!(matches!(reader.next(), Some(Ok(WxrEntry::Item(_)))));
    assert!(matches!(reader.next(), Some(Err(_))));
    assert!(reader.next().is_none());
    assert!(reader.next().is_none());
}

#[test]
fn not_wxr_files_say_what_they_are() {
    let cases = [
        ("", "empty"),
        ("   \n", "empty"),
        ("{\"posts\": []}", "JSON"),
        ("hello", "does not start with XML"),
        (
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>",
            "Atom feed",
        ),
        (
            "<rss version=\"2.0\"><channel><title>x</title><item/></channel></rss>",
            "without the WordPress export namespace",
        ),
        (
            "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><item/></channel></rss>",
            "no <wp:wxr_version>",
        ),
        ("<html><body/></html>", "<html>"),
    ];
    for (input, expected) in cases {
        let all = read_all(input);
        assert_eq!(all.len(), 1, "{input}: {all:?}");
        let error = error(input);
        assert!(
            error
                .message
                .starts_with("this is not a WordPress export (WXR) file: "),
            "{input}: {error}"
        );
        assert!(error.message.contains(expected), "{input}: {error}");
    }
}

#[test]
fn trailing_garbage_and_second_root() {
    let xml = export("") + "oops";
    assert!(error(&xml).message.contains("after the end"));
    let xml = export("") + "<rss/>";
    assert!(error(&xml).message.contains("second root"));
}

#[test]
fn comments_processing_instructions_and_bom() {
    let xml = format!(
        "\u{feff}{}",
        export(&item(
            "1",
            "<!-- a -- comment --><?pi data?><content:encoded>a<!-- b -->c</content:encoded>"
        ))
    );
    assert_eq!(items(&xml)[0].content, "ac");
}

#[test]
fn display_of_an_error() {
    let error = WxrError {
        line: 3,
        column: 7,
        message: "bad".to_owned(),
    };
    assert_eq!(error.to_string(), "line 3, column 7: bad");
}

/// Reading byte by byte gives the same result (every buffer boundary).
#[test]
fn one_byte_buffers() {
    let reader = std::io::BufReader::with_capacity(1, FIXTURE.as_bytes());
    let small: Vec<_> = WxrReader::new(reader)
        .collect::<Result<_, _>>()
        .expect("reads");
    assert_eq!(small, entries(FIXTURE));
}

#[test]
fn a_huge_comment_is_left_out_not_the_post() {
    let big = "spam ".repeat(100);
    let comments = format!(
        "<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_author>Bot</wp:comment_author>\
         <wp:comment_content>{big}</wp:comment_content></wp:comment>\
         <wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_content>ok</wp:comment_content></wp:comment>"
    );
    let limits = Limits {
        max_field_bytes: 100,
        ..Limits::default()
    };
    let all: Vec<_> = WxrReader::with_limits(export(&item("1", &comments)).as_bytes(), limits)
        .collect::<Result<_, _>>()
        .expect("reads");
    let WxrEntry::Item(item) = &all[1] else {
        panic!("item: {:?}", all[1]);
    };
    assert_eq!(item.comments.len(), 1);
    assert_eq!(item.comments[0].content, "ok");
    assert!(item.warnings[0].contains("'Bot'"), "{:?}", item.warnings);
    assert!(item.warnings[0].contains("<wp:comment_content>"));
}

#[test]
fn wxr_1_0_tags_and_categories_without_domain() {
    let xml = export(&item(
        "1",
        "<category><![CDATA[Plain]]></category><category domain=\"tag\" nicename=\"t\">T</category>",
    ));
    let item = &items(&xml)[0];
    assert_eq!(item.terms[0].domain, "category");
    assert_eq!(item.terms[0].name, "Plain");
    assert_eq!(item.terms[1].domain, "post_tag");
}

#[test]
fn oversized_tags_and_deep_nesting_are_refused() {
    let many = " a=\"x\"".repeat(40_000);
    let wide = error(&export(&format!("<item{many}></item>")));
    assert!(wide.message.contains("attributes of <item>"), "{wide}");
    let deep = "<x>".repeat(300);
    let deep = error(&export(&format!("<item>{deep}")));
    assert!(deep.message.contains("nested deeper"), "{deep}");
}

#[test]
fn too_many_terms_skip_the_item_and_warnings_are_capped() {
    let terms = "<category domain=\"post_tag\" nicename=\"t\">T</category>".repeat(5);
    let dates = "<wp:post_date>bad</wp:post_date>".repeat(150);
    let body = item("1", &terms) + &item("2", &dates);
    let limits = Limits {
        max_meta_per_item: 4,
        ..Limits::default()
    };
    let all: Vec<_> = WxrReader::with_limits(export(&body).as_bytes(), limits)
        .collect::<Result<_, _>>()
        .expect("reads");
    assert!(matches!(&all[1], WxrEntry::Skipped(s) if s.reason.contains("<category>")));
    let WxrEntry::Item(item) = &all[2] else {
        panic!("item");
    };
    assert_eq!(item.warnings.len(), 101);
    assert!(item.warnings[100].contains("left out"));
}

#[test]
fn utf16_files_are_named() {
    let bytes: Vec<u8> = "\u{feff}<rss/>"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let all: Vec<_> = WxrReader::new(&bytes[..]).collect();
    assert_eq!(all.len(), 1);
    let error = all[0].clone().expect_err("an error");
    assert!(error.message.contains("UTF-16"), "{error}");
}
