//! Wrapping text for a terminal: by display width (a Chinese character takes two columns), never through a
//! character; the one wrapping function every screen uses.

use unicode_width::UnicodeWidthChar;

use super::display_width;

/// Text cut into lines of at most `width` columns, between characters, preferring a break after a space or
/// a Chinese punctuation mark in the last third of the line.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(2);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            let cut = line
                .char_indices()
                .filter(|(_, ch)| matches!(ch, ' ' | '，' | '；' | '、' | '：' | '）'))
                .map(|(i, ch)| i + ch.len_utf8())
                .rfind(|&i| display_width(&line[..i]) * 3 >= width * 2);
            let rest = match cut {
                Some(i) if i < line.len() => line.split_off(i),
                _ => String::new(),
            };
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            line = rest.trim_start().to_string();
            used = display_width(&line);
        }
        line.push(c);
        used += w;
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_and_keep_every_character() {
        let text = "市人代会审定的44项指标中，31项指标有半年度数据，其中22项符合目标时序进度。";
        for width in [2, 7, 10, 33] {
            let lines = wrap(text, width);
            assert!(
                lines.iter().all(|l| display_width(l) <= width.max(2)),
                "{lines:?}"
            );
            assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
        }
    }
}
