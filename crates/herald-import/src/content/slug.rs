//! Slugs as WordPress stores them: percent-encoded UTF-8.

/// Percent-decode a WordPress slug (`%d8%b3%d9%84%d8%a7%d9%85` → `سلام`),
/// trim it and lowercase its ASCII letters (other scripts are left as they
/// are). Escapes that do not decode to valid UTF-8 are kept as written, in
/// upper case.
pub fn decode_slug(raw: &str) -> String {
    let raw = raw.trim();
    let mut out = String::with_capacity(raw.len());
    let mut pending: Vec<u8> = Vec::new();
    let bytes = raw.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if let Some(byte) = escaped_byte(bytes, at) {
            pending.push(byte);
            at += 3;
            continue;
        }
        flush(&mut pending, &mut out);
        let Some(c) = raw[at..].chars().next() else {
            break;
        };
        out.push(c.to_ascii_lowercase());
        at += c.len_utf8();
    }
    flush(&mut pending, &mut out);
    out.trim().to_owned()
}

fn escaped_byte(bytes: &[u8], at: usize) -> Option<u8> {
    if bytes.get(at) != Some(&b'%') {
        return None;
    }
    let high = char::from(*bytes.get(at + 1)?).to_digit(16)?;
    let low = char::from(*bytes.get(at + 2)?).to_digit(16)?;
    u8::try_from(high * 16 + low).ok()
}

fn flush(pending: &mut Vec<u8>, out: &mut String) {
    for chunk in pending.utf8_chunks() {
        out.extend(chunk.valid().chars().map(|c| c.to_ascii_lowercase()));
        for byte in chunk.invalid() {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    pending.clear();
}

#[cfg(test)]
mod tests {
    use super::decode_slug;

    #[test]
    fn decodes_persian_and_keeps_invalid_escapes() {
        assert_eq!(decode_slug("%d8%b3%d9%84%d8%a7%d9%85-World"), "سلام-world");
        assert_eq!(decode_slug(" Hello "), "hello");
        assert_eq!(decode_slug("bad%ff%zz"), "bad%FF%zz");
        assert_eq!(decode_slug("%"), "%");
    }
}
