//! The report as a sequence of blocks, written once and rendered as Markdown and as HTML, so that both documents
//! say exactly the same. Every string is plain text: each renderer escapes it for its format.

/// One block of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; level 1 is the title.
    Heading {
        level: u8,
        text: String,
    },
    Paragraph(String),
    /// Facts about the document itself (plan, date, data), as the sentences of one 说明 paragraph after the title.
    Meta(Vec<String>),
    Bullets(Vec<String>),
    Table(Table),
    /// A chart by its file stem (`charts/<stem>.svg`).
    Chart {
        stem: String,
        caption: String,
    },
    /// Text the authors still have to write.
    Placeholder(String),
    /// 发文机关署名 and 成文日期 at the end of the text (GB/T 9704-2012 7.3.5), before the appendices; a part not
    /// given is left for the authors.
    Signature(Signature),
}

/// Who issues the document and when: `report --issuer 杭州市发展和改革委员会 --date 2026-12-03`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Signature {
    pub issuer: Option<String>,
    /// 成文日期 as the document prints it: 2026年12月3日.
    pub date: Option<String>,
}

impl Signature {
    /// The two lines, with what is not given left to fill in: (text, given).
    pub fn lines(&self) -> [(String, bool); 2] {
        [
            match &self.issuer {
                Some(i) => (i.clone(), true),
                None => ("【待填写】发文机关署名".to_string(), false),
            },
            match &self.date {
                Some(d) => (d.clone(), true),
                None => ("【待填写】成文日期".to_string(), false),
            },
        ]
    }
}

/// "说明：" and the sentences of a [`Block::Meta`], as one paragraph.
pub fn note(sentences: &[String]) -> String {
    format!("说明：{}", sentences.concat())
}

/// The official title of a report on `subject` (GB/T 9704): "关于…的报告".
pub fn official_title(subject: &str) -> String {
    format!("关于{subject}的报告")
}

/// A table of text cells; numeric columns are right-aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// Columns as (header, numeric).
    pub fn new(columns: &[(&str, bool)]) -> Self {
        Table {
            headers: columns.iter().map(|(h, _)| h.to_string()).collect(),
            numeric: columns.iter().map(|(_, n)| *n).collect(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
}

/// The whole document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn heading(&mut self, level: u8, text: impl Into<String>) {
        self.blocks.push(Block::Heading {
            level,
            text: text.into(),
        });
    }

    pub fn paragraph(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(text.into()));
    }

    pub fn bullets(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::Bullets(items));
        }
    }

    pub fn table(&mut self, table: Table) {
        self.blocks.push(Block::Table(table));
    }

    pub fn chart(&mut self, stem: impl Into<String>, caption: impl Into<String>) {
        self.blocks.push(Block::Chart {
            stem: stem.into(),
            caption: caption.into(),
        });
    }

    pub fn placeholder(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Placeholder(text.into()));
    }

    /// Signs the document: the signature after the text, before the first appendix (or at the end).
    pub fn sign(&mut self, signature: &Signature) {
        let at = self
            .blocks
            .iter()
            .position(
                |b| matches!(b, Block::Heading { level: 2, text } if text.starts_with("附录")),
            )
            .unwrap_or(self.blocks.len());
        self.blocks.insert(at, Block::Signature(signature.clone()));
    }

    /// Headings of one level, in order (for tests and a table of contents).
    pub fn headings(&self, level: u8) -> Vec<&str> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level: l, text } if *l == level => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// A text as readers get it: no number with more than two decimals (rounded, trailing zeros dropped: 34.0079 →
/// 34.01, 1.5958 → 1.6), probabilities to the nearest 5% after 约 ("概率 29.35%" → "概率约30%"), and a minus sign
/// (−) where a hyphen stands before a number. Digits in addresses (after a letter, a slash or an underscore) are
/// left alone. The working in `explain` keeps its digits; the documents do not.
pub fn for_readers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let in_address = |k: usize| {
        k > 0 && {
            let c = chars[k - 1];
            c.is_ascii_alphabetic() || matches!(c, '/' | '_' | '.' | '=' | '?' | '&')
        }
    };
    while i < chars.len() {
        let c = chars[i];
        // A hyphen before a digit, not after a letter, digit or slash, is a minus sign; between a number with
        // its unit and another number it is a range ("10万-50万元") and stays.
        let range = i >= 2 && "万亿千百元%".contains(chars[i - 1]) && chars[i - 2].is_ascii_digit();
        if c == '-'
            && chars.get(i + 1).is_some_and(char::is_ascii_digit)
            && !range
            && (i == 0
                || !(chars[i - 1].is_ascii_alphanumeric()
                    || matches!(chars[i - 1], '/' | '_' | '.' | '-')))
        {
            out.push('−');
            i += 1;
            continue;
        }
        if c.is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) && !in_address(i) {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            let mut end = i;
            if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                end = i + 1;
                while end < chars.len() && chars[end].is_ascii_digit() {
                    end += 1;
                }
            }
            let number: String = chars[start..end].iter().collect();
            // A version or address goes on ("1.2.3", "3.5.html"): leave it.
            let goes_on = chars.get(end) == Some(&'.')
                && chars
                    .get(end + 1)
                    .is_some_and(|c| c.is_ascii_alphanumeric());
            let decimals = end.saturating_sub(i + 1);
            let probability = chars.get(end) == Some(&'%') && out.trim_end().ends_with("概率")
                || chars.get(end) == Some(&'%')
                    && (out.ends_with("概率约") || out.ends_with("概率约为"));
            match number.parse::<f64>() {
                Ok(v) if probability && !goes_on => {
                    let trimmed = out
                        .trim_end()
                        .trim_end_matches("约为")
                        .trim_end_matches('约')
                        .trim_end()
                        .to_string();
                    out = trimmed;
                    let rounded = (v / 5.0).round() * 5.0;
                    if rounded < 5.0 {
                        out.push_str("不足5");
                    } else if rounded > 95.0 {
                        out.push_str("超过95");
                    } else {
                        out.push_str(&format!("约{rounded:.0}"));
                    }
                }
                Ok(v) if decimals > 2 && !goes_on => {
                    let rounded = format!("{v:.2}");
                    out.push_str(rounded.trim_end_matches('0').trim_end_matches('.'));
                }
                _ => out.push_str(&number),
            }
            i = end;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

impl Document {
    /// Every text of the document through [`for_readers`].
    pub fn for_readers(mut self) -> Self {
        let fix = |s: &mut String| *s = for_readers(s);
        self.title = for_readers(&self.title);
        for block in &mut self.blocks {
            match block {
                Block::Heading { text, .. } | Block::Paragraph(text) | Block::Placeholder(text) => {
                    fix(text)
                }
                Block::Meta(lines) | Block::Bullets(lines) => lines.iter_mut().for_each(fix),
                Block::Table(table) => {
                    table.headers.iter_mut().for_each(fix);
                    table.rows.iter_mut().flatten().for_each(fix);
                }
                Block::Chart { caption, .. } => fix(caption),
                Block::Signature(_) => {}
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::for_readers;

    #[test]
    fn readers_get_two_decimals_rounded_probabilities_and_minus_signs() {
        assert_eq!(
            for_readers("90%预测区间 34.0079–41.7921万元/人"),
            "90%预测区间 34.01–41.79万元/人"
        );
        assert_eq!(for_readers("(1.5958/1.63)，86.7857%"), "(1.6/1.63)，86.79%");
        assert_eq!(
            for_readers("达到目标的概率约为29.35%；概率 93.33%，概率约2.1%"),
            "达到目标的概率约30%；概率约95%，概率不足5%"
        );
        assert_eq!(
            for_readers("-1×(8.8 − 10.04)，差 -0.2"),
            "−1×(8.8 − 10.04)，差 −0.2"
        );
        assert_eq!(for_readers("10万-50万元群体比例"), "10万-50万元群体比例");
        assert_eq!(
            for_readers("2026-03-23 show-508194.html content_8680215_0.htm t20230120_1234.5678"),
            "2026-03-23 show-508194.html content_8680215_0.htm t20230120_1234.5678"
        );
    }
}
