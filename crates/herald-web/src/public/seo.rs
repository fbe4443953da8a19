//! What search engines and social networks read in a page's head: OpenGraph
//! and Twitter card values ([`Social`]) and JSON-LD documents (`NewsArticle`
//! on posts, `BreadcrumbList` wherever a page shows breadcrumbs). The base
//! template writes them; this module only fills [`HeadExtras`].

use herald_core::{Language, Post, User, permalink};
use herald_render::SiteView;
use herald_render::context::{HeadExtras, Link, Social};
use serde_json::{Value, json};

/// A JSON-LD document ready for `<script type="application/ld+json">`: `<`,
/// `>` and `&` are written as `\u003c`, `\u003e` and `\u0026` (still the same
/// JSON), so no text in it can close the script element.
pub(crate) fn json_ld(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// OpenGraph's `language_TERRITORY` locale for a language code.
pub(crate) fn og_locale(code: &str) -> String {
    let territory = match code {
        "en" => "US",
        "fa" => "IR",
        "ar" => "AR",
        "sq" => "AL",
        "de" => "DE",
        "fr" => "FR",
        "es" => "ES",
        "ru" => "RU",
        "tr" => "TR",
        "ku" => "TR",
        "ps" => "AF",
        "ur" => "PK",
        _ => return code.replace('-', "_"),
    };
    format!("{code}_{territory}")
}

/// An image URL made absolute (uploads are stored as site paths).
fn absolute_image(view: &SiteView<'_>, image: &str) -> String {
    if image.starts_with('/') {
        view.absolute(image)
    } else {
        image.to_owned()
    }
}

/// Social tags of a listing or static page.
pub(crate) fn website(title: &str, description: &str, lang: &Language) -> Social {
    Social {
        kind: "website",
        title: title.to_owned(),
        description: description.to_owned(),
        locale: og_locale(&lang.code),
        ..Social::default()
    }
}

/// `BreadcrumbList` of `crumbs`; the last crumb (the page itself, without a
/// URL) points at `canonical`. `None` when there is nothing to list.
pub(crate) fn breadcrumb_list(
    view: &SiteView<'_>,
    crumbs: &[Link],
    canonical: &str,
) -> Option<String> {
    if crumbs.len() < 2 {
        return None;
    }
    let items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(i, crumb)| {
            let item = if crumb.url.is_empty() {
                canonical.to_owned()
            } else {
                view.absolute(&crumb.url)
            };
            json!({"@type": "ListItem", "position": i + 1, "name": crumb.label, "item": item})
        })
        .collect();
    Some(json_ld(&json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })))
}

/// Everything a post page's head says about the post: social tags with the
/// featured image, `NewsArticle` and `BreadcrumbList`.
pub(crate) fn post_head(
    extras: &mut HeadExtras,
    view: &SiteView<'_>,
    lang: &Language,
    post: &Post,
    author: Option<&User>,
    crumbs: &[Link],
) {
    let canonical = view.absolute(&permalink::post(&lang.code, post.id));
    let image = post
        .featured_image
        .as_deref()
        .filter(|i| !i.is_empty())
        .map(|i| absolute_image(view, i));
    let published = view.dates(post.publish_at, lang).1;
    let modified = view.dates(post.updated_at.max(post.publish_at), lang).1;
    extras.social = Some(Social {
        kind: "article",
        title: post.title.clone(),
        description: post.excerpt_text.clone(),
        image: image.clone(),
        image_alt: post.featured_alt.clone(),
        locale: og_locale(&lang.code),
        published: Some(published.clone()),
        modified: Some(modified.clone()),
    });
    let publisher = json!({
        "@type": "Organization",
        "name": lang.site_name,
        "url": view.absolute(&permalink::home(&lang.code, 1)),
        "logo": {"@type": "ImageObject", "url": view.absolute("/favicon.svg")},
    });
    let author = match author {
        Some(a) => json!([{
            "@type": "Person",
            "name": a.display_name,
            "url": view.absolute(&permalink::author(&lang.code, &a.slug, 1)),
        }]),
        None => json!([{"@type": "Organization", "name": lang.site_name}]),
    };
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline(&post.title),
        "description": post.excerpt_text,
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": lang.code,
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "url": canonical,
        "author": author,
        "publisher": publisher,
    });
    if let (Some(image), Some(map)) = (image, article.as_object_mut()) {
        map.insert("image".into(), json!([image]));
    }
    extras.json_ld.push(json_ld(&article));
    extras
        .json_ld
        .extend(breadcrumb_list(view, crumbs, &canonical));
}

/// Google shows headlines up to 110 characters; longer ones are cut at a word.
fn headline(title: &str) -> String {
    const MAX: usize = 110;
    if title.chars().count() <= MAX {
        return title.to_owned();
    }
    let cut: String = title.chars().take(MAX - 1).collect();
    let at_word = cut
        .rfind(char::is_whitespace)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_cannot_close_its_script() {
        let doc = json_ld(&json!({"headline": "</script><script>alert(1)</script> & co"}));
        assert!(
            !doc.contains('<') && !doc.contains('>') && !doc.contains('&'),
            "{doc}"
        );
        let back: Value = serde_json::from_str(&doc).expect("still JSON");
        assert_eq!(back["headline"], "</script><script>alert(1)</script> & co");
    }

    #[test]
    fn locales_and_headlines() {
        assert_eq!(og_locale("fa"), "fa_IR");
        assert_eq!(og_locale("pt-BR"), "pt_BR");
        let long = "word ".repeat(40);
        let cut = headline(&long);
        assert!(
            cut.chars().count() <= 110 && cut.ends_with("word…"),
            "{cut}"
        );
    }
}
