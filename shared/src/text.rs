//! What the rules do to text before judging it, so a citizen may type it the way they write it:
//! Unicode's NFC (a name typed or pasted decomposed, as macOS and PDFs give it, is the same name),
//! and a domain's ASCII form (`żółw.pl` is `xn--w-uga1v8h.pl` on the wire). Natively the
//! `unicode-normalization` and `idna` crates; in wasm the browser's own `String.prototype.normalize`
//! and `URL` (no Unicode table in the download). `tests/browser_patterns.rs` proves they agree.

/// `input` in Unicode's composed form (NFC).
pub fn nfc(input: &str) -> String {
    #[cfg(not(target_arch = "wasm32"))]
    return unicode_normalization::UnicodeNormalization::nfc(input).collect();
    #[cfg(target_arch = "wasm32")]
    return js_sys::JsString::from(input).normalize("NFC").into();
}

/// The ASCII (punycode, lower-case) form of a domain, by UTS 46 as browsers read a host; none when
/// it has anything but letters, digits, hyphens and dots, a label already in punycode (`xn--`:
/// the browser takes a broken one the crate refuses), or UTS 46 refuses it.
pub fn domain_to_ascii(domain: &str) -> Option<String> {
    // Only what a domain can hold reaches the engines: the browser's URL would read '%', '/', ':' …
    if !is_typed_domain(domain) {
        return None;
    }
    #[cfg(not(target_arch = "wasm32"))]
    let ascii = idna::domain_to_ascii(domain).ok()?;
    #[cfg(target_arch = "wasm32")]
    let ascii = web_sys::Url::new(&format!("http://{domain}/")).ok()?.hostname();
    Some(ascii).filter(|a| !a.is_empty() && a.is_ascii())
}

/// Letters, digits, hyphens and dots, with no label already in punycode.
pub fn is_typed_domain(domain: &str) -> bool {
    let punycode = domain.split('.').any(|label| label.get(..4).is_some_and(|start| start.eq_ignore_ascii_case("xn--")));
    !domain.is_empty() && !punycode && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

/// Runs of white space inside `input` made one space, and none around it.
pub fn collapse_spaces(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `input` without spaces and dashes (hyphen, en dash, minus): how numbers are often grouped.
pub fn without_separators(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '–' | '—' | '−')).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decomposed_name_composes() {
        assert_eq!(nfc("Zaz\u{307}o\u{301}łc\u{301}"), "Zażółć");
    }

    #[test]
    fn an_international_domain_has_its_punycode_form() {
        assert_eq!(domain_to_ascii("żółw.pl").as_deref(), Some("xn--w-uga1v8h.pl"));
        assert_eq!(domain_to_ascii("Example.PL").as_deref(), Some("example.pl"));
        for bad in ["", "a b.pl", "a%41.pl", "a/b.pl", "a:1", "x@y", "żółw.xn--zz.pl"] {
            assert_eq!(domain_to_ascii(bad), None, "{bad}");
        }
    }

    #[test]
    fn separators_go_and_spaces_collapse() {
        assert_eq!(without_separators(" 440 514-013 59 "), "44051401359");
        assert_eq!(collapse_spaces("  Anna \t Maria  "), "Anna Maria");
    }
}
