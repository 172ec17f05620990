//! Numbers as an official document writes them: no trailing zeros, a sensible number of decimals.

/// A value with up to `decimals` decimals, trailing zeros removed (29.60 → 29.6; 23011.0 → 23011).
pub fn fmt_number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let s = format!("{value:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// A percentage with two decimals: 5.45%.
pub fn fmt_pct(pct: f64) -> String {
    if pct.is_finite() {
        format!("{pct:.2}%")
    } else {
        "—".to_string()
    }
}

/// A signed percentage: +5.45% / −1.20%.
pub fn fmt_signed_pct(pct: f64) -> String {
    if !pct.is_finite() {
        "—".to_string()
    } else if pct < 0.0 {
        format!("−{:.2}%", -pct)
    } else {
        format!("+{pct:.2}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_the_plan_table() {
        assert_eq!(fmt_number(29.6, 2), "29.6");
        assert_eq!(fmt_number(23011.0, 2), "23011");
        assert_eq!(fmt_number(10.04, 2), "10.04");
        assert_eq!(fmt_number(-0.0001, 2), "0");
        assert_eq!(fmt_number(f64::NAN, 2), "—");
        assert_eq!(fmt_pct(5.4535), "5.45%");
        assert_eq!(fmt_signed_pct(-1.2), "−1.20%");
    }
}
