//! Character references (`&amp;`, `&#1600;`, `&#x200C;`) as they appear in post
//! bodies imported from WordPress and friends.
//!
//! Only well-formed references (ending in `;`) are decoded; anything else is
//! left to the caller to keep as literal text, so "AT&T" and "&bogus;" survive
//! unchanged. Numeric references follow the HTML standard: 128–159 mean the
//! Windows-1252 characters that old editors produced (`&#150;` is "–"), and
//! zero, surrogates and values past U+10FFFF become U+FFFD.

/// Longest reference body we look at; the longest name we know is far shorter.
const MAX_REFERENCE_LEN: usize = 32;

/// Decode the character reference at the start of `s` (which starts with `&`).
///
/// Returns the character and the number of bytes the reference takes, or `None`
/// when `s` does not start with a well-formed, known reference.
pub(crate) fn decode_entity(s: &str) -> Option<(char, usize)> {
    let body = s.strip_prefix('&')?;
    let semicolon = body
        .bytes()
        .take(MAX_REFERENCE_LEN)
        .position(|b| b == b';')?;
    let name = body.get(..semicolon)?;
    let c = match name.strip_prefix('#') {
        Some(number) => numeric(number)?,
        None => named(name)?,
    };
    Some((c, semicolon + 2))
}

fn numeric(number: &str) -> Option<char> {
    let (digits, radix) = match number.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16),
        None => (number, 10),
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    // Well-formed but too big for a u32: still a reference, to nothing valid.
    let code = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
    Some(code_point(code))
}

fn code_point(code: u32) -> char {
    match code {
        0 => char::REPLACEMENT_CHARACTER,
        0x80..=0x9F => windows_1252(code),
        _ => char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

/// The HTML standard's reading of 128–159 as Windows-1252.
fn windows_1252(code: u32) -> char {
    const TABLE: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    code.checked_sub(0x80)
        .and_then(|i| usize::try_from(i).ok())
        .and_then(|i| TABLE.get(i).copied())
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Named references that turn up in news copy: markup escapes, spaces,
/// invisible joiners and direction marks, typography, signs, arrows and the
/// Latin-1 letters. (The full HTML list has over two thousand; these cover
/// what editors and importers actually write.)
#[rustfmt::skip]
const NAMED: &[(&str, char)] = &[
    ("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\''),
    ("nbsp", '\u{A0}'), ("ensp", '\u{2002}'), ("emsp", '\u{2003}'), ("thinsp", '\u{2009}'),
    ("shy", '\u{AD}'), ("zwnj", '\u{200C}'), ("zwj", '\u{200D}'), ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("hellip", '…'), ("mdash", '—'), ("ndash", '–'), ("minus", '−'), ("lsquo", '‘'),
    ("rsquo", '’'), ("sbquo", '‚'), ("ldquo", '“'), ("rdquo", '”'), ("bdquo", '„'),
    ("laquo", '«'), ("raquo", '»'), ("lsaquo", '‹'), ("rsaquo", '›'), ("prime", '′'),
    ("Prime", '″'), ("bull", '•'), ("middot", '·'), ("dagger", '†'), ("Dagger", '‡'),
    ("permil", '‰'), ("copy", '©'), ("reg", '®'), ("trade", '™'), ("deg", '°'),
    ("times", '×'), ("divide", '÷'), ("plusmn", '±'), ("micro", 'µ'), ("para", '¶'),
    ("sect", '§'), ("euro", '€'), ("pound", '£'), ("yen", '¥'), ("cent", '¢'),
    ("curren", '¤'), ("iexcl", '¡'), ("iquest", '¿'), ("ordf", 'ª'), ("ordm", 'º'),
    ("sup1", '¹'), ("sup2", '²'), ("sup3", '³'), ("frac14", '¼'), ("frac12", '½'),
    ("frac34", '¾'), ("larr", '←'), ("rarr", '→'), ("uarr", '↑'), ("darr", '↓'),
    ("Agrave", 'À'), ("Aacute", 'Á'), ("Acirc", 'Â'), ("Atilde", 'Ã'), ("Auml", 'Ä'),
    ("Aring", 'Å'), ("AElig", 'Æ'), ("Ccedil", 'Ç'), ("Egrave", 'È'), ("Eacute", 'É'),
    ("Ecirc", 'Ê'), ("Euml", 'Ë'), ("Igrave", 'Ì'), ("Iacute", 'Í'), ("Icirc", 'Î'),
    ("Iuml", 'Ï'), ("ETH", 'Ð'), ("Ntilde", 'Ñ'), ("Ograve", 'Ò'), ("Oacute", 'Ó'),
    ("Ocirc", 'Ô'), ("Otilde", 'Õ'), ("Ouml", 'Ö'), ("Oslash", 'Ø'), ("Ugrave", 'Ù'),
    ("Uacute", 'Ú'), ("Ucirc", 'Û'), ("Uuml", 'Ü'), ("Yacute", 'Ý'), ("THORN", 'Þ'),
    ("szlig", 'ß'), ("agrave", 'à'), ("aacute", 'á'), ("acirc", 'â'), ("atilde", 'ã'),
    ("auml", 'ä'), ("aring", 'å'), ("aelig", 'æ'), ("ccedil", 'ç'), ("egrave", 'è'),
    ("eacute", 'é'), ("ecirc", 'ê'), ("euml", 'ë'), ("igrave", 'ì'), ("iacute", 'í'),
    ("icirc", 'î'), ("iuml", 'ï'), ("eth", 'ð'), ("ntilde", 'ñ'), ("ograve", 'ò'),
    ("oacute", 'ó'), ("ocirc", 'ô'), ("otilde", 'õ'), ("ouml", 'ö'), ("oslash", 'ø'),
    ("ugrave", 'ù'), ("uacute", 'ú'), ("ucirc", 'û'), ("uuml", 'ü'), ("yacute", 'ý'),
    ("thorn", 'þ'), ("yuml", 'ÿ'), ("OElig", 'Œ'), ("oelig", 'œ'), ("Scaron", 'Š'),
    ("scaron", 'š'), ("Yuml", 'Ÿ'), ("fnof", 'ƒ'),
];

fn named(name: &str) -> Option<char> {
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Option<(char, usize)> {
        decode_entity(s)
    }

    #[test]
    fn named_references() {
        assert_eq!(decode("&amp;rest"), Some(('&', 5)));
        assert_eq!(decode("&nbsp;"), Some(('\u{A0}', 6)));
        assert_eq!(decode("&zwnj;"), Some(('\u{200C}', 6)));
        assert_eq!(decode("&laquo;"), Some(('«', 7)));
        assert_eq!(decode("&eacute;"), Some(('é', 8)));
        assert_eq!(decode("&Eacute;"), Some(('É', 8)));
    }

    #[test]
    fn numeric_references() {
        assert_eq!(decode("&#1601;"), Some(('ف', 7)));
        assert_eq!(decode("&#x200C;"), Some(('\u{200C}', 8)));
        assert_eq!(decode("&#X1F600;"), Some(('😀', 9)));
        assert_eq!(decode("&#150;"), Some(('–', 6)));
        assert_eq!(decode("&#0;"), Some((char::REPLACEMENT_CHARACTER, 4)));
        assert_eq!(decode("&#xD800;"), Some((char::REPLACEMENT_CHARACTER, 8)));
        assert_eq!(
            decode("&#99999999999999999999;"),
            Some((char::REPLACEMENT_CHARACTER, 23))
        );
    }

    #[test]
    fn names_are_unique() {
        let mut names: Vec<_> = NAMED.iter().map(|(n, _)| n).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), NAMED.len());
    }

    #[test]
    fn broken_or_unknown_references_are_not_decoded() {
        for s in [
            "&amp", "& amp;", "&bogus;", "&#;", "&#x;", "&#12a;", "&#xZZ;", "&", "&;", "&AMP;",
            "&#-5;", "&ampx",
        ] {
            assert_eq!(decode(s), None, "{s}");
        }
        let long = format!("&{};", "a".repeat(40));
        assert_eq!(decode(&long), None);
    }
}
