//! A large generated export read as a stream: throughput and peak memory.
//!
//! `cargo test --release -p herald-import -- --ignored --nocapture streaming`
//!
//! The file starts with one 40 MiB item, over the 16 MiB content limit:
//! peak memory shows it was passed over, not buffered.

use std::io::{BufReader, BufWriter, Write};
use std::time::{Duration, Instant};

use herald_import::content::to_html;
use herald_import::wxr::{WxrEntry, WxrReader};

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
    xmlns:excerpt=\"http://wordpress.org/export/1.2/excerpt/\" \
    xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
    xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:wp=\"http://wordpress.org/export/1.2/\">\n\
    <channel>\n<title>Generated</title>\n<wp:wxr_version>1.2</wp:wxr_version>\n";

fn write_item(out: &mut impl Write, id: usize) -> std::io::Result<()> {
    let paragraph = "The council met on Tuesday to discuss the river &amp; the new bridge.\n\
                     شورای شهر سه‌شنبه دربارهٔ رودخانه و پل تازه گفت‌وگو کرد.\n\n";
    write!(
        out,
        "<item>\n<title><![CDATA[Post number {id}]]></title>\n\
         <link>https://example.org/{id}/</link>\n<dc:creator><![CDATA[editor]]></dc:creator>\n\
         <guid isPermaLink=\"false\">https://example.org/?p={id}</guid>\n\
         <content:encoded><![CDATA[{}]]></content:encoded>\n\
         <excerpt:encoded><![CDATA[]]></excerpt:encoded>\n<wp:post_id>{id}</wp:post_id>\n\
         <wp:post_date><![CDATA[2020-01-02 03:04:05]]></wp:post_date>\n\
         <wp:post_date_gmt><![CDATA[2020-01-02 03:04:05]]></wp:post_date_gmt>\n\
         <wp:post_name><![CDATA[post-{id}]]></wp:post_name>\n<wp:status><![CDATA[publish]]></wp:status>\n\
         <wp:post_type><![CDATA[post]]></wp:post_type>\n\
         <category domain=\"category\" nicename=\"news\"><![CDATA[News]]></category>\n\
         <wp:postmeta><wp:meta_key><![CDATA[_edit_last]]></wp:meta_key><wp:meta_value><![CDATA[1]]></wp:meta_value></wp:postmeta>\n\
         <wp:comment><wp:comment_id>{id}</wp:comment_id><wp:comment_author><![CDATA[Reader]]></wp:comment_author>\
         <wp:comment_content><![CDATA[Thanks!]]></wp:comment_content><wp:comment_approved>1</wp:comment_approved></wp:comment>\n\
         </item>\n",
        paragraph.repeat(12)
    )
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
#[ignore = "writes and reads an 80 MB file; run with --release --ignored"]
fn streaming_a_large_export() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.xml");
    let items = 25_000;
    {
        let mut out = BufWriter::new(std::fs::File::create(&path).expect("create"));
        out.write_all(HEADER.as_bytes()).expect("write");
        // One item far over the content limit: it must be passed over, not held.
        write!(
            out,
            "<item><title>Huge</title><wp:post_id>{}</wp:post_id><content:encoded><![CDATA[",
            items + 1
        )
        .expect("write");
        let block = "x".repeat(1 << 20);
        for _ in 0..40 {
            out.write_all(block.as_bytes()).expect("write");
        }
        out.write_all(b"]]></content:encoded></item>\n")
            .expect("write");
        for id in 1..=items {
            write_item(&mut out, id).expect("write");
        }
        out.write_all(b"</channel>\n</rss>\n").expect("write");
    }
    let bytes = std::fs::metadata(&path).expect("size").len();
    let before = peak_rss_kib();
    let started = Instant::now();
    let file = std::fs::File::open(&path).expect("open");
    let mut count = 0;
    let (mut converting, mut content_bytes) = (Duration::ZERO, 0);
    let mut skipped = 0;
    for entry in WxrReader::new(BufReader::with_capacity(64 << 10, file)) {
        let entry = entry.expect("reads");
        if let WxrEntry::Skipped(_) = entry {
            skipped += 1;
        }
        if let WxrEntry::Item(item) = entry {
            // Convert one item in twenty, to time the content pipeline too.
            if count % 20 == 0 {
                let converting_started = Instant::now();
                assert!(to_html(&item.content, &|_| None).html.starts_with("<p>"));
                converting += converting_started.elapsed();
                content_bytes += item.content.len();
            }
            count += 1;
        }
    }
    let seconds = (started.elapsed() - converting).as_secs_f64();
    assert_eq!(count, items);
    assert_eq!(skipped, 1, "the 40 MiB item is skipped");
    println!(
        "streamed {:.1} MB (one 40 MiB item skipped), {count} items in {seconds:.2} s: {:.0} MB/s, {:.0} items/s; \
         peak RSS {:?} KiB before reading, {:?} KiB after; \
         to_html: {:.1} MB/s of post content",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds,
        count as f64 / seconds,
        before,
        peak_rss_kib(),
        content_bytes as f64 / 1e6 / converting.as_secs_f64()
    );
}
