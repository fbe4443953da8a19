//! Any input, however odd, converts without a panic, and the reader never
//! panics on arbitrary bytes.

use herald_import::content::{Attachment, decode_slug, rewrite_links, to_html};
use herald_import::wxr::WxrReader;
use proptest::prelude::*;

fn attachment(id: i64) -> Option<Attachment> {
    (id % 2 == 0).then(|| Attachment {
        url: format!("/{id}.jpg"),
        ..Attachment::default()
    })
}

/// Strings made of the pieces that matter to the converters.
fn wordpressish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("[".to_owned()),
        Just("]".to_owned()),
        Just("[[".to_owned()),
        Just("[caption".to_owned()),
        Just("[/caption]".to_owned()),
        Just("[gallery ids=\"1,2".to_owned()),
        Just("[embed]".to_owned()),
        Just("[/embed]".to_owned()),
        Just("[video mp4=".to_owned()),
        Just("[audio src='".to_owned()),
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<pre>".to_owned()),
        Just("</pre>".to_owned()),
        Just("<!--more-->".to_owned()),
        Just("<!-- wp:paragraph -->".to_owned()),
        Just("<!--".to_owned()),
        Just("-->".to_owned()),
        Just("<img src=\"".to_owned()),
        Just("<a href='https://www.example.org/".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("https://example.org/x".to_owned()),
        Just("%d8%".to_owned()),
        Just("&amp;".to_owned()),
        "[a-z \"'=/<>\\[\\]]{0,6}",
        "\\PC{0,4}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
}

proptest! {
    #[test]
    fn converters_never_panic(text in prop_oneof![wordpressish(), any::<String>()]) {
        let converted = to_html(&text, &attachment);
        let bases = vec!["https://example.org".to_owned()];
        let resolve = |rest: &str| Some(format!("/new{rest}"));
        let _ = rewrite_links(&converted.html, &bases, &resolve);
        let _ = rewrite_links(&text, &bases, &resolve);
        let _ = decode_slug(&text);
    }

    #[test]
    fn reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), text in wordpressish()) {
        let _ = WxrReader::new(&bytes[..]).count();
        let xml = format!(
            "<rss xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel><wp:wxr_version>1.2</wp:wxr_version>\
             <item><wp:post_id>1</wp:post_id><title>{text}</title></item></channel></rss>"
        );
        let _ = WxrReader::new(xml.as_bytes()).count();
    }
}
