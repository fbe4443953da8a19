//! References: the five XML entities and character references, and
//! nothing else (no entity is ever declared, fetched or expanded).

/// The character an entity or character reference stands for.
pub(super) fn resolve_reference(name: &[u8]) -> std::result::Result<char, String> {
    let shown = String::from_utf8_lossy(name);
    let code = match name {
        b"amp" => return Ok('&'),
        b"lt" => return Ok('<'),
        b"gt" => return Ok('>'),
        b"quot" => return Ok('"'),
        b"apos" => return Ok('\''),
        [b'#', b'x' | b'X', hex @ ..] => parse_code(hex, 16),
        [b'#', decimal @ ..] => parse_code(decimal, 10),
        _ => {
            return Err(format!(
                "the entity reference &{shown}; is not allowed: only &amp; &lt; &gt; &quot; \
                 &apos; and character references are read, and entities are never expanded"
            ));
        }
    };
    code.and_then(char::from_u32)
        .filter(|c| is_xml_char(*c))
        .ok_or_else(|| format!("&{shown}; is not a valid XML character reference"))
}

fn parse_code(digits: &[u8], radix: u32) -> Option<u32> {
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(digits).ok()?, radix).ok()
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(resolve_reference(b"amp"), Ok('&'));
        assert_eq!(resolve_reference(b"#x1F600"), Ok('😀'));
        assert_eq!(resolve_reference(b"#1583"), Ok('د'));
        assert!(resolve_reference(b"#0").is_err());
        assert!(resolve_reference(b"#x110000").is_err());
        assert!(resolve_reference(b"#xD800").is_err());
        assert!(resolve_reference(b"#").is_err());
        assert!(resolve_reference(b"nbsp").is_err());
    }
}
