//! Front matter of a Hugo or Zola content file: YAML between `---` lines or
//! TOML between `+++` lines, read into the few fields Herald uses. Unknown
//! keys (`weight`, `extra`, theme settings) are ignored; a key of the wrong
//! shape is an error naming it, so the file is reported rather than
//! imported half right.

use serde_json::{Map, Value};

/// What Herald takes from a file's front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// `date` as written (parsed later, with the site's time zone).
    pub date: Option<String>,
    /// `lastmod`, `updated` or `update_date`.
    pub updated: Option<String>,
    pub slug: Option<String>,
    pub draft: bool,
    /// `categories` or `topics` (Zola: `taxonomies.categories`).
    pub topics: Vec<String>,
    pub tags: Vec<String>,
    /// `lang` or `language`.
    pub lang: Option<String>,
    /// `summary` or `description`: the manual excerpt.
    pub summary: Option<String>,
    /// Old addresses of the page (`aliases`, and Hugo's `url`).
    pub aliases: Vec<String>,
    /// `type: page` or `layout: page`.
    pub page: bool,
    /// Hugo's `translationKey`: files sharing it are translations.
    pub translation_key: Option<String>,
}

/// Split `text` into its front matter and its body.
///
/// # Errors
/// A message for an unclosed block, YAML or TOML that does not parse, or a
/// key of the wrong type.
pub fn split(text: &str) -> Result<(FrontMatter, &str), String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default().trim_end();
    let fence = match first {
        "---" => "---",
        "+++" => "+++",
        _ => return Ok((FrontMatter::default(), text)),
    };
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut at = start;
    let mut end = None;
    for line in text[start..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == fence || (fence == "---" && trimmed == "...") {
            end = Some((at, at + line.len()));
            break;
        }
        at += line.len();
    }
    let Some((block_end, body_start)) = end else {
        return Err(format!(
            "the front matter opened by `{fence}` is never closed"
        ));
    };
    let block = &text[start..block_end];
    let value = if fence == "---" {
        parse_yaml(block)?
    } else {
        parse_toml(block)?
    };
    Ok((read(&value)?, &text[body_start..]))
}

fn parse_yaml(block: &str) -> Result<Value, String> {
    if block.trim().is_empty() {
        return Ok(Value::Object(Map::new()));
    }
    serde_yaml_ng::from_str::<Value>(block).map_err(|e| format!("YAML front matter: {e}"))
}

fn parse_toml(block: &str) -> Result<Value, String> {
    let table = toml::from_str::<toml::Table>(block)
        .map_err(|e| format!("TOML front matter: {}", e.message()))?;
    Ok(toml_to_json(toml::Value::Table(table)))
}

/// TOML's values as JSON's; dates become their text.
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

fn read(value: &Value) -> Result<FrontMatter, String> {
    let empty = Map::new();
    let map = match value {
        Value::Object(map) => map,
        Value::Null => &empty,
        _ => return Err("the front matter is not a set of `key: value` lines".to_owned()),
    };
    let taxonomies = map.get("taxonomies").and_then(Value::as_object);
    let mut topics = list(map, "categories")?;
    topics.extend(list(map, "topics")?);
    let mut tags = list(map, "tags")?;
    if let Some(taxonomies) = taxonomies {
        topics.extend(list(taxonomies, "categories")?);
        topics.extend(list(taxonomies, "topics")?);
        tags.extend(list(taxonomies, "tags")?);
    }
    let mut aliases = list(map, "aliases")?;
    aliases.extend(text(map, "url")?);
    let is_page = |key| -> Result<bool, String> {
        Ok(text(map, key)?.is_some_and(|v| v.eq_ignore_ascii_case("page")))
    };
    Ok(FrontMatter {
        title: text(map, "title")?,
        date: first_text(map, &["date", "publishDate"])?,
        updated: first_text(map, &["lastmod", "updated", "update_date"])?,
        slug: text(map, "slug")?,
        draft: flag(map, "draft")?,
        topics,
        tags,
        lang: first_text(map, &["lang", "language"])?,
        summary: first_text(map, &["summary", "description"])?,
        aliases,
        page: is_page("type")? || is_page("layout")?,
        translation_key: text(map, "translationKey")?,
    })
}

/// A text value; numbers are taken as their digits (`title: 1984`).
fn text(map: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => Err(format!("`{key}` should be text")),
    }
}

fn first_text(map: &Map<String, Value>, keys: &[&str]) -> Result<Option<String>, String> {
    for key in keys {
        if let Some(value) = text(map, key)? {
            return Ok(Some(value));
        }
    }
    Ok(None)
}

fn flag(map: &Map<String, Value>, key: &str) -> Result<bool, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s == "true" || s == "false" => Ok(s == "true"),
        Some(_) => Err(format!("`{key}` should be true or false")),
    }
}

/// A list of texts; one text alone counts as a list of one.
fn list(map: &Map<String, Value>, key: &str) -> Result<Vec<String>, String> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                Value::Number(n) => Ok(n.to_string()),
                _ => Err(format!("`{key}` should be a list of texts")),
            })
            .collect(),
        Some(_) => Err(format!("`{key}` should be a list of texts")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_read_the_same() {
        let yaml = "---\ntitle: Hello\ndate: 2024-03-01\ntags: [a, b]\ndraft: true\n---\nBody\n";
        let toml = "+++\ntitle = \"Hello\"\ndate = 2024-03-01\ntags = [\"a\", \"b\"]\ndraft = true\n+++\nBody\n";
        let (a, body_a) = split(yaml).unwrap();
        let (b, body_b) = split(toml).unwrap();
        assert_eq!(a, b);
        assert_eq!(body_a, "Body\n");
        assert_eq!(body_b, "Body\n");
        assert_eq!(a.date.as_deref(), Some("2024-03-01"));
        assert!(a.draft);
    }

    #[test]
    fn zola_taxonomies_and_single_values() {
        let text =
            "+++\ntitle = \"Z\"\n[taxonomies]\ncategories = [\"News\"]\ntags = [\"x\"]\n+++\n";
        let (fm, _) = split(text).unwrap();
        assert_eq!(fm.topics, vec!["News"]);
        assert_eq!(fm.tags, vec!["x"]);
        let (fm, _) = split("---\ncategories: Solo\ntype: page\n---\n").unwrap();
        assert_eq!(fm.topics, vec!["Solo"]);
        assert!(fm.page);
    }

    #[test]
    fn bad_front_matter_is_an_error() {
        assert!(split("---\ntitle: [unclosed\n---\n").is_err());
        assert!(split("---\ntitle: x\n").is_err());
        assert!(split("+++\ntitle = \n+++\n").is_err());
        assert!(split("---\ntags: {a: 1}\n---\n").is_err());
        assert!(split("---\n- a\n- b\n---\n").is_err());
    }

    #[test]
    fn no_front_matter_is_all_body() {
        let (fm, body) = split("# Title\n\ntext").unwrap();
        assert_eq!(fm, FrontMatter::default());
        assert_eq!(body, "# Title\n\ntext");
    }
}
