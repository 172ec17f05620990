//! Text that came from data files, made safe for a terminal or a spreadsheet: control characters (which can clear
//! the screen or set the window title) are dropped, and spreadsheet formulas are neutralised.

/// Whether `c` is a control character that must not reach a terminal: C0 except tab and line feed, DEL, and C1.
pub fn is_control(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || ('\u{80}'..='\u{9f}').contains(&c)
}

/// The first control character in `text` (a carriage return directly before a line feed is a line break).
pub fn first_control(text: &str) -> Option<char> {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if is_control(c) {
            return Some(c);
        }
    }
    None
}

/// `text` without control characters, for printing to a terminal. Line breaks and tabs stay.
pub fn strip_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if first_control(text).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if !is_control(c) {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A CSV cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab/CR before one) gets a
/// leading apostrophe, so it shows as the text it is (OWASP "CSV injection"). Plain numbers such as `-1.5` stay
/// numbers.
pub fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell
        .chars()
        .next()
        .is_some_and(|c| matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r'));
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_removed() {
        let name = "城镇化率\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}1m";
        assert_eq!(strip_controls(name), "城镇化率[2J]0;pwned1m");
        assert_eq!(strip_controls("a\tb\r\nc"), "a\tb\r\nc");
        assert_eq!(strip_controls("a\rb\u{1b}\r\n"), "ab\n");
        assert_eq!(first_control("ok\r\n"), None);
        assert_eq!(first_control("x\ry"), Some('\r'));
    }

    #[test]
    fn formulas_are_neutralised_but_numbers_kept() {
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_formula("+1+2"), "'+1+2");
        assert_eq!(neutralise_formula("-1.5"), "-1.5");
        assert_eq!(neutralise_formula("城镇化率"), "城镇化率");
    }

    proptest::proptest! {
        #[test]
        fn stripped_text_has_no_controls(text in "\\PC{0,20}[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}]{0,5}\\PC{0,20}") {
            proptest::prop_assert_eq!(first_control(&strip_controls(&text)), None);
        }
    }
}
