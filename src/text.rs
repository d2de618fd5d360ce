//! Small text helpers shared by rules.

/// Whether byte offset `at` of `text` lies inside a quotation ("…", “…”, «…»): quoted
/// UI labels, error messages and customer words are not the article's own voice.
pub fn inside_quotes(text: &str, at: usize) -> bool {
    let before = &text[..crate::line_index::clamp_to_char_boundary(text, at)];
    let straight = before.matches('"').count();
    if straight % 2 == 1 {
        return true;
    }
    let open = before.rfind(['“', '«']);
    let close = before.rfind(['”', '»']);
    match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes() {
        let t = r#"The error "item XXX is locked" appears. Then XXX."#;
        assert!(inside_quotes(t, t.find("XXX").unwrap()));
        assert!(!inside_quotes(t, t.rfind("XXX").unwrap()));
        let t = "He said “wait for XXX” and left";
        assert!(inside_quotes(t, t.find("XXX").unwrap()));
        assert!(!inside_quotes(t, t.find("left").unwrap()));
    }
}
