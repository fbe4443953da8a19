//! Hot text paths: excerpts and slugs run for every post written and imported.
//! `cargo bench -p herald-core`.

use herald_core::excerpt::excerpt;
use herald_core::slug::slugify;

fn main() {
    divan::main();
}

fn article(paragraph: &str) -> String {
    (0..12)
        .map(|n| format!("<p>{paragraph} <a href=\"/x/{n}\">link {n}</a> &amp; more.</p>\n"))
        .collect()
}

#[divan::bench]
fn excerpt_english(bencher: divan::Bencher) {
    let html = article(
        "The council met on Tuesday to discuss the river, the new bridge and the budget of the valley towns for next year.",
    );
    bencher.bench(|| excerpt("", divan::black_box(&html), 55));
}

#[divan::bench]
fn excerpt_persian(bencher: divan::Bencher) {
    let html = article(
        "شورای شهر سه‌شنبه دربارهٔ رودخانه، پل تازه و بودجهٔ سال آیندهٔ شهرهای دره گفت‌وگو کرد و تصمیم‌هایی گرفت.",
    );
    bencher.bench(|| excerpt("", divan::black_box(&html), 55));
}

#[divan::bench]
fn slug_mixed_title(bencher: divan::Bencher) {
    let title = "فانوس اکنون با Herald به سه زبان منتشر می‌شود: CLIMA-7 & 2026!";
    bencher.bench(|| slugify(divan::black_box(title)));
}
