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
    /// Facts about the document itself (plan, date, data), shown apart from the text.
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
