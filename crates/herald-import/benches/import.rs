//! Hot paths of a WordPress import: reading WXR and converting post bodies.
//! `cargo bench -p herald-import`. The ignored streaming test in
//! `tests/it/streaming.rs` gives whole-file figures (MB/s, peak memory).

use herald_import::content::{rewrite_links, to_html};
use herald_import::wxr::WxrReader;

fn main() {
    divan::main();
}

const FIXTURE: &str = include_str!("../tests/fixtures/multilingual.xml");

fn classic_post() -> String {
    let paragraph = "The council met on Tuesday to discuss <a href=\"https://example.org/2019/03/04/river/\">the river</a>,\n\
                     the new bridge and the budget.\n\n\
                     شورای شهر سه‌شنبه دربارهٔ رودخانه و پل تازه گفت‌وگو کرد.\n\n";
    format!(
        "{}[caption id=\"attachment_3\" align=\"alignright\" width=\"300\"]<img src=\"/a.jpg\" alt=\"\"> A caption[/caption]\n\n{}",
        paragraph.repeat(6),
        paragraph.repeat(6)
    )
}

#[divan::bench]
fn read_fixture(bencher: divan::Bencher) {
    bencher
        .counter(divan::counter::BytesCount::new(FIXTURE.len()))
        .bench(|| WxrReader::new(divan::black_box(FIXTURE.as_bytes())).count());
}

#[divan::bench]
fn to_html_classic(bencher: divan::Bencher) {
    let post = classic_post();
    bencher
        .counter(divan::counter::BytesCount::new(post.len()))
        .bench(|| to_html(divan::black_box(&post), &|_| None));
}

#[divan::bench]
fn rewrite_links_classic(bencher: divan::Bencher) {
    let html = to_html(&classic_post(), &|_| None).html;
    let bases = vec!["https://example.org".to_owned()];
    bencher
        .counter(divan::counter::BytesCount::new(html.len()))
        .bench(|| {
            rewrite_links(divan::black_box(&html), &bases, &|rest: &str| {
                Some(format!("/en{rest}"))
            })
        });
}
