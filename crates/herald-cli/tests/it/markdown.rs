//! `herald import markdown DIR`: a small Hugo/Zola-style folder (English and
//! Persian, YAML and TOML front matter, a leaf bundle, sections and pages,
//! and some broken files) comes in with its topics, tags, languages, dates,
//! drafts, translations and old addresses; a second run changes nothing;
//! bad files are reported one by one and a missing folder is one line.

use std::path::Path;

use herald_core::{BodyFormat, PAGE_KIND, Post, SiteBundle, Status, Taxonomy};

use crate::{assert_one_line_error, herald};

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The fixture: neutral made-up text.
fn content_folder(root: &Path) {
    write(
        root,
        "posts/first-light.md",
        "---\ntitle: First light\ndate: 2024-03-01\ncategories: [Science, Night Sky]\n\
         tags: [stars]\nsummary: A short summary.\naliases: [/old/first-light/]\nweight: 3\n---\n\
         The telescope saw its first light tonight.\n\n<!--more-->\n\nMore about the night.\n",
    );
    write(
        root,
        "posts/first-light.fa.md",
        "---\ntitle: نخستین نور\ndate: 2024-03-02T08:00:00+03:30\ncategories: [دانش]\n\
         tags: [ستاره]\n---\nتلسکوپ امشب نخستین نور را دید.\n",
    );
    write(
        root,
        "posts/garden/index.md",
        "+++\ntitle = \"Garden notes\"\ndate = 2024-04-05T10:00:00Z\n\
         [taxonomies]\ntags = [\"plants\", \"stars\"]\n+++\nTomatoes and beans.\n",
    );
    write(
        root,
        "posts/draft-idea.md",
        "---\ntitle: An idea\ndate: 2024-05-01\ndraft: true\n---\nNot yet.\n",
    );
    write(
        root,
        "posts/_index.md",
        "---\ntitle: All posts\n---\nThe posts section.\n",
    );
    write(
        root,
        "pages/about.md",
        "---\ntitle: About\n---\nWho we are.\n",
    );
    write(
        root,
        "pages/about/team.md",
        "---\ntitle: Team\n---\nThe people.\n",
    );
    write(
        root,
        "pages/about.fa.md",
        "---\ntitle: درباره\nslug: درباره-ما\n---\nما که هستیم.\n",
    );
    write(
        root,
        "notes/colophon.md",
        "---\ntitle: Colophon\ntype: page\n---\nMade with care.\n",
    );
    write(root, ".drafts/hidden.md", "---\ntitle: Hidden\n---\n");
    // Bad files, each reported on its own.
    write(
        root,
        "posts/broken.md",
        "---\ntitle: [unclosed\n---\nText\n",
    );
    write(
        root,
        "posts/bad-date.md",
        "---\ntitle: Bad date\ndate: 2024-13-45\n---\nText\n",
    );
    write(root, "posts/latin1.md", b"---\ntitle: caf\xe9\n---\n");
    write(
        root,
        "posts/dup.md",
        "---\ntitle: Duplicate\nslug: first-light\ndate: 2024-06-01\n---\nSame slug.\n",
    );
    let huge = vec![b'a'; (16 << 20) + 1];
    write(root, "posts/huge.md", huge);
}

fn url(data: &Path) -> String {
    format!("sqlite://{}", data.join("herald.db").display())
}

async fn bundle(data: &Path) -> SiteBundle {
    let store = herald_store::open(&url(data)).await.expect("open");
    store.export_bundle().await.expect("export")
}

fn by_slug<'a>(b: &'a SiteBundle, lang: &str, slug: &str) -> &'a Post {
    b.posts
        .iter()
        .find(|p| p.language == lang && p.slug == slug)
        .unwrap_or_else(|| panic!("no {lang} post {slug}"))
}

fn term_slugs(b: &SiteBundle, post: &Post, taxonomy: Taxonomy) -> Vec<String> {
    let mut slugs: Vec<String> = b
        .terms
        .iter()
        .filter(|t| post.terms.contains(&t.id) && t.taxonomy == taxonomy)
        .map(|t| {
            assert_eq!(t.language, post.language);
            t.slug.clone()
        })
        .collect();
    slugs.sort();
    slugs
}

#[tokio::test(flavor = "multi_thread")]
async fn a_content_folder_imports_with_its_old_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    content_folder(&content);
    let data = dir.path().join("data");
    let dir_arg = content.to_str().unwrap();

    let dry = tokio::task::block_in_place(|| {
        herald(&data, &["import", "markdown", dir_arg, "--dry-run"])
    });
    assert!(dry.status.success(), "{dry:?}");
    assert!(String::from_utf8_lossy(&dry.stdout).contains("nothing was written"));
    assert!(
        bundle(&data).await.posts.is_empty(),
        "a dry run writes nothing"
    );

    let out = tokio::task::block_in_place(|| herald(&data, &["import", "markdown", dir_arg]));
    assert!(out.status.success(), "{out:?}");
    let report = String::from_utf8_lossy(&out.stdout).into_owned();
    for bad in [
        "posts/broken.md: YAML front matter",
        "posts/bad-date.md: `date: 2024-13-45` is not a date",
        "posts/latin1.md: it is not UTF-8",
        "posts/huge.md: it is larger than 16 MiB",
        "posts/dup.md: the slug `first-light` is already used by posts/first-light.md, so it is `first-light-2`",
    ] {
        assert!(report.contains(bad), "`{bad}` not in:\n{report}");
    }
    assert!(!report.contains("hidden"), "{report}");

    let b = bundle(&data).await;
    let mut languages: Vec<&str> = b.languages.iter().map(|l| l.code.as_str()).collect();
    languages.sort_unstable();
    assert_eq!(languages, ["en", "fa"]);
    assert_eq!(b.settings.as_ref().unwrap().default_language, "en");
    assert_eq!(
        b.posts.len(),
        10,
        "{:#?}",
        b.posts.iter().map(|p| &p.slug).collect::<Vec<_>>()
    );

    let first = by_slug(&b, "en", "first-light");
    assert_eq!(first.title, "First light");
    assert_eq!(first.format, BodyFormat::Markdown);
    assert!(first.body.contains("<!--more-->"));
    assert!(first.body_html.contains("<p>The telescope"));
    assert_eq!(first.excerpt, "A short summary.");
    assert_eq!(first.status, Status::Published);
    assert_eq!(first.publish_at, 1_709_251_200, "2024-03-01 UTC");
    assert_eq!(
        term_slugs(&b, first, Taxonomy::Topic),
        ["night-sky", "science"]
    );
    assert_eq!(term_slugs(&b, first, Taxonomy::Tag), ["stars"]);

    let fa = by_slug(&b, "fa", "first-light");
    assert_eq!(fa.title, "نخستین نور");
    assert_eq!(fa.publish_at, 1_709_353_800, "2024-03-02 04:30 UTC");
    assert_eq!(term_slugs(&b, fa, Taxonomy::Topic), ["دانش"]);
    assert!(fa.translation_group.is_some());
    assert_eq!(fa.translation_group, first.translation_group);

    let garden = by_slug(&b, "en", "garden");
    assert_eq!(garden.kind, "post");
    assert_eq!(term_slugs(&b, garden, Taxonomy::Tag), ["plants", "stars"]);
    let stars: Vec<_> = b.terms.iter().filter(|t| t.slug == "stars").collect();
    assert_eq!(stars.len(), 1, "one tag shared by two posts");
    assert_eq!(by_slug(&b, "en", "draft-idea").status, Status::Draft);
    assert_eq!(by_slug(&b, "en", "first-light-2").title, "Duplicate");

    let about = by_slug(&b, "en", "about");
    let team = by_slug(&b, "en", "team");
    assert_eq!(
        (about.kind.as_str(), team.kind.as_str()),
        (PAGE_KIND, PAGE_KIND)
    );
    assert_eq!(team.parent, Some(about.id));
    assert_eq!(by_slug(&b, "fa", "درباره-ما").kind, PAGE_KIND);
    assert_eq!(by_slug(&b, "en", "colophon").kind, PAGE_KIND);
    assert_eq!(
        by_slug(&b, "en", "posts").kind,
        PAGE_KIND,
        "a section's _index.md"
    );

    let store = herald_store::open(&url(&data)).await.unwrap();
    let post_url = |p: &Post| format!("/{}/posts/{}", p.language, p.id);
    for (old, want) in [
        ("/old/first-light/", post_url(first)),
        ("/posts/first-light/", post_url(first)),
        ("/fa/posts/first-light/", post_url(fa)),
        ("/posts/garden/", post_url(garden)),
        ("/pages/about/team/", "/en/about/team/".to_owned()),
    ] {
        let from = herald_core::redirect::normalise(old).unwrap();
        assert_eq!(store.redirect(&from).await.unwrap(), Some(want), "{old}");
    }

    // Again, a moment later: the same rows (undated files keep their
    // file's time), nothing added.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let again = tokio::task::block_in_place(|| herald(&data, &["import", "markdown", dir_arg]));
    assert!(again.status.success(), "{again:?}");
    let b2 = bundle(&data).await;
    assert_eq!(b2.posts, b.posts);
    assert_eq!(b2.terms, b.terms);
    assert_eq!(b2.redirects, b.redirects);
    assert_eq!(b2.import_origins, b.import_origins);
}

#[test]
fn a_missing_folder_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let out = herald(
        &dir.path().join("data"),
        &["import", "markdown", missing.to_str().unwrap()],
    );
    assert_one_line_error(&out, "is not a folder");
    let out = herald(
        &dir.path().join("data"),
        &[
            "import",
            "markdown",
            dir.path().to_str().unwrap(),
            "--lang",
            "Persian",
        ],
    );
    assert_one_line_error(&out, "--lang `Persian`");
}
