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
