//! The discovery files at fixed paths: `/robots.txt`, `/manifest.webmanifest`,
//! the sitemap index `/sitemap.xml` and the sitemaps it lists:
//!
//! | path | holds |
//! |---|---|
//! | `/sitemaps/{lang}/posts-{n}.xml` | public posts of `lang` with ids `(n-1)·50000+1 ..= n·50000` |
//! | `/sitemaps/{lang}/pages.xml` | the language home and its public static pages |
//! | `/sitemaps/{lang}/topics.xml`, `…/tags.xml` | archives with public posts |
//! | `/sitemaps/news.xml` | Google News: public posts of the last 48 hours, every language |

use herald_core::pagination::parse_page_number;

/// A discovery file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discovery {
    Robots,
    Manifest,
    SitemapIndex,
    Posts { lang: String, file: u32 },
    Pages { lang: String },
    Topics { lang: String },
    Tags { lang: String },
    News,
}

impl Discovery {
    /// The file named by decoded path `segments`, if any (never with a trailing slash).
    pub fn resolve(segments: &[String], trailing: bool) -> Option<Self> {
        if trailing {
            return None;
        }
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        Some(match segments.as_slice() {
            ["robots.txt"] => Self::Robots,
            ["manifest.webmanifest"] => Self::Manifest,
            ["sitemap.xml"] => Self::SitemapIndex,
            ["sitemaps", "news.xml"] => Self::News,
            ["sitemaps", lang, file] => {
                let lang = (*lang).to_owned();
                match *file {
                    "pages.xml" => Self::Pages { lang },
                    "topics.xml" => Self::Topics { lang },
                    "tags.xml" => Self::Tags { lang },
                    other => {
                        let n = other.strip_prefix("posts-")?.strip_suffix(".xml")?;
                        Self::Posts {
                            lang,
                            file: parse_page_number(n)?,
                        }
                    }
                }
            }
            _ => return None,
        })
    }

    /// The path of a language's sitemap file (the inverse of [`Self::resolve`]).
    pub fn path(&self) -> String {
        let lang = |l: &str| herald_core::permalink::encode_segment(l);
        match self {
            Self::Robots => "/robots.txt".into(),
            Self::Manifest => "/manifest.webmanifest".into(),
            Self::SitemapIndex => "/sitemap.xml".into(),
            Self::News => "/sitemaps/news.xml".into(),
            Self::Posts { lang: l, file } => format!("/sitemaps/{}/posts-{file}.xml", lang(l)),
            Self::Pages { lang: l } => format!("/sitemaps/{}/pages.xml", lang(l)),
            Self::Topics { lang: l } => format!("/sitemaps/{}/topics.xml", lang(l)),
            Self::Tags { lang: l } => format!("/sitemaps/{}/tags.xml", lang(l)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(path: &str) -> Option<Discovery> {
        let trailing = path.ends_with('/');
        let segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect();
        Discovery::resolve(&segments, trailing)
    }

    #[test]
    fn files_and_their_paths() {
        let en = || "en".to_owned();
        for file in [
            Discovery::Robots,
            Discovery::Manifest,
            Discovery::SitemapIndex,
            Discovery::News,
            Discovery::Posts {
                lang: en(),
                file: 1,
            },
            Discovery::Posts {
                lang: en(),
                file: 12,
            },
            Discovery::Pages { lang: en() },
            Discovery::Topics { lang: en() },
            Discovery::Tags { lang: en() },
        ] {
            assert_eq!(resolve(&file.path()), Some(file.clone()), "{file:?}");
        }
    }

    #[test]
    fn other_spellings_are_not_discovery_files() {
        for path in [
            "/sitemap.xml/",
            "/sitemaps/en/posts-0.xml",
            "/sitemaps/en/posts-01.xml",
            "/sitemaps/en/posts-x.xml",
            "/sitemaps/en/posts.xml",
            "/sitemaps/en/other.xml",
            "/en/sitemap.xml",
            "/robots.txt/",
        ] {
            assert_eq!(resolve(path), None, "{path}");
        }
    }
}
