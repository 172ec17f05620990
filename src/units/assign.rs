//! `units assign`: a 分工表 (序号, 指标, 牵头单位, 责任单位) read against the lines of the period, each row found
//! or refused with its row and column, and the edits it makes: five-year indicators in the plan file
//! (`department`, `responsible` of their `[[indicator]]`), annual-only lines in their `[[annual_target]]`. The
//! edits are made with toml_edit on the files' text, so everything else in them keeps its bytes.

use toml_edit::{Array, DocumentMut, Item, Value};

use super::UnitsView;
use crate::model::Dataset;

/// The columns a 分工表 has.
pub const HEADERS: [&str; 4] = ["序号", "指标", "牵头单位", "责任单位"];

/// A problem in one cell or row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    pub sheet: String,
    pub row: usize,
    /// "C 列（牵头单位）", or empty for the whole row.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for RowProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} 第 {} 行", self.sheet, self.row)?;
        if !self.column.is_empty() {
            write!(f, " {}", self.column)?;
        }
        write!(f, "：{}", self.message)
    }
}

/// Where a line's units are written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// `[[indicator]]` of the plan file, by id.
    Indicator { id: String },
    /// `[[annual_target]]` of `year` in a history file.
    Annual { file: String, year: i32 },
}

/// One row found: the line, its units before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub sheet: String,
    pub row: usize,
    pub number: String,
    pub name: String,
    pub place: Place,
    pub before: (Option<String>, Vec<String>),
    pub lead: String,
    pub shared: Vec<String>,
}

impl Assignment {
    pub fn change_zh(&self) -> &'static str {
        match &self.before {
            (None, s) if s.is_empty() => "新增",
            (Some(l), s) if *l == self.lead && *s == self.shared => "不变",
            _ => "修改",
        }
    }

    pub fn changes(&self) -> bool {
        self.change_zh() != "不变"
    }
}

fn column_name(index: usize, header: &str) -> String {
    format!("{} 列（{header}）", crate::sheets::column_letter(index))
}

/// 责任单位 as a cell writes them: separated by 、，,；; / or line breaks.
pub fn split_units(text: &str) -> Vec<String> {
    let parts = text
        .split(['、', '，', ',', '；', ';', '/', '\n'])
        .map(str::to_string)
        .collect();
    crate::load::unit_names(parts)
}

fn plain(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '▲' | '★'))
        .collect()
}

/// Reads the rows of each sheet whose header row holds the four columns (sheets without it are skipped) against
/// the lines of `view`, where the units of `dataset`'s annual-only lines are recorded. Returns the rows found and
/// every problem; a workbook without the header anywhere is one problem.
pub fn read_rows(
    dataset: &Dataset,
    view: &UnitsView,
    sheets: &[(String, Vec<Vec<String>>)],
) -> (Vec<Assignment>, Vec<RowProblem>) {
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let mut any = false;
    for (sheet, rows) in sheets {
        let header = rows.iter().enumerate().find_map(|(n, r)| {
            let at: Vec<Option<usize>> = HEADERS
                .iter()
                .map(|h| r.iter().position(|c| c.trim() == *h))
                .collect();
            (at[1].is_some() && at[2].is_some()).then_some((n, at))
        });
        let Some((header_row, at)) = header else {
            continue;
        };
        any = true;
        let cell = |r: &[String], k: usize| -> String {
            at[k]
                .and_then(|i| r.get(i))
                .map_or(String::new(), |c| c.trim().to_string())
        };
        for (n, r) in rows.iter().enumerate().skip(header_row + 1) {
            if r.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let row = n + 1;
            let problem = |k: usize, message: String| RowProblem {
                sheet: sheet.clone(),
                row,
                column: at[k].map_or(String::new(), |i| column_name(i, HEADERS[k])),
                message,
            };
            let (number, name, lead) = (cell(r, 0), cell(r, 1), cell(r, 2));
            let shared: Vec<String> = split_units(&cell(r, 3))
                .into_iter()
                .filter(|s| *s != lead)
                .collect();
            let by_name: Vec<usize> = (0..view.lines.len())
                .filter(|&i| !name.is_empty() && plain(&view.lines[i].name) == plain(&name))
                .collect();
            let by_number: Vec<usize> = (0..view.lines.len())
                .filter(|&i| !number.is_empty() && view.lines[i].number == number)
                .collect();
            let line = match (by_name.as_slice(), by_number.as_slice()) {
                ([one], _) => {
                    if !number.is_empty() && view.lines[*one].number != number {
                        problems.push(problem(
                            0,
                            format!(
                                "序号“{number}”与指标“{name}”不一致：该指标的序号是 {}",
                                view.lines[*one].number
                            ),
                        ));
                        continue;
                    }
                    *one
                }
                ([], [one]) if name.is_empty() => *one,
                _ => {
                    let known: Vec<String> =
                        view.lines.iter().take(8).map(|l| l.name.clone()).collect();
                    let message = if name.is_empty() && by_number.len() > 1 {
                        format!("序号“{number}”对应多个指标，请同时写明指标名称")
                    } else {
                        format!(
                            "找不到指标“{}”：应为规划或本年度计划中的指标名称（如 {} 等）",
                            if name.is_empty() { &number } else { &name },
                            known.join("、")
                        )
                    };
                    problems.push(problem(1, message));
                    continue;
                }
            };
            if lead.is_empty() {
                problems.push(problem(2, "牵头单位不能为空".to_string()));
                continue;
            }
            if found
                .iter()
                .any(|a: &Assignment| a.name == view.lines[line].name)
            {
                problems.push(problem(
                    1,
                    format!(
                        "指标“{}”在表中出现多次：每个指标只能写一行",
                        view.lines[line].name
                    ),
                ));
                continue;
            }
            let l = &view.lines[line];
            let place = place_of(dataset, view, line);
            let Some(place) = place else {
                problems.push(problem(1, format!("指标“{}”没有可写入的记录", l.name)));
                continue;
            };
            found.push(Assignment {
                sheet: sheet.clone(),
                row,
                number: l.number.clone(),
                name: l.name.clone(),
                before: (l.lead.clone(), l.shared.clone()),
                place,
                lead,
                shared,
            });
        }
    }
    if !any {
        problems.push(RowProblem {
            sheet: sheets.first().map_or(String::new(), |s| s.0.clone()),
            row: 1,
            column: String::new(),
            message: format!(
                "没有找到分工表的表头：应有“{}”列（至少“指标”“牵头单位”）",
                HEADERS.join("”“")
            ),
        });
    }
    (found, problems)
}

/// Where line `i` of the view is written: its indicator in the plan file, else its annual target's file.
fn place_of(dataset: &Dataset, view: &UnitsView, i: usize) -> Option<Place> {
    let line = &view.lines[i];
    if dataset.plan.indicators.iter().any(|ind| ind.id == line.id) {
        return Some(Place::Indicator {
            id: line.id.clone(),
        });
    }
    let year = view.as_of.year;
    let (_, target) = dataset
        .history
        .annual_targets_for(year)
        .into_iter()
        .find(|(series, _)| *series == line.id)?;
    Some(Place::Annual {
        file: target.origin.file.clone(),
        year: target.year,
    })
}

fn set_units(table: &mut dyn toml_edit::TableLike, lead: &str, shared: &[String]) {
    table.insert("department", Item::Value(Value::from(lead)));
    if shared.is_empty() {
        table.remove("responsible");
    } else {
        let array: Array = shared.iter().map(String::as_str).collect();
        table.insert("responsible", Item::Value(Value::Array(array)));
    }
}

/// The text of a file with the units of `rows` written into the array of tables `key` (`indicator` by `id`,
/// `annual_target` by `year`); everything else keeps its bytes.
pub fn edit_text(
    text: &str,
    key: &str,
    matches: &dyn Fn(&toml_edit::Table) -> Option<usize>,
    rows: &[&Assignment],
) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let Some(tables) = doc.get_mut(key).and_then(Item::as_array_of_tables_mut) else {
        return Err(format!("文件中没有 [[{key}]]"));
    };
    let mut done = vec![false; rows.len()];
    for table in tables.iter_mut() {
        if let Some(n) = matches(table) {
            set_units(table, &rows[n].lead, &rows[n].shared);
            done[n] = true;
        }
    }
    if let Some(n) = done.iter().position(|d| !d) {
        return Err(format!("文件中找不到指标“{}”的记录", rows[n].name));
    }
    Ok(doc.to_string())
}

/// The plan file's text with the units of the five-year indicators among `rows`.
pub fn edit_plan(text: &str, rows: &[&Assignment]) -> Result<String, String> {
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|a| match &a.place {
            Place::Indicator { id } => Some(id.as_str()),
            Place::Annual { .. } => None,
        })
        .collect();
    edit_text(
        text,
        "indicator",
        &|t| {
            let id = t.get("id").and_then(Item::as_str)?;
            ids.iter().position(|i| *i == id)
        },
        rows,
    )
}

/// A history file's text with the units of its annual lines among `rows` (all in this file, of one year).
pub fn edit_history(text: &str, year: i32, rows: &[&Assignment]) -> Result<String, String> {
    edit_text(
        text,
        "annual_target",
        &|t| (t.get("year").and_then(Item::as_integer) == Some(i64::from(year))).then_some(0),
        rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(place: Place, lead: &str, shared: &[&str]) -> Assignment {
        Assignment {
            sheet: "分工".into(),
            row: 2,
            number: "1".into(),
            name: "甲".into(),
            place,
            before: (None, Vec::new()),
            lead: lead.into(),
            shared: shared.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn units_are_written_into_the_indicator_and_the_rest_keeps_its_bytes() {
        let text = "# 注释\n[plan]\nid = \"p\"\n\n[[indicator]]\nid = \"1\"   # 序号\nname = \"甲\"\n\n[[indicator]]\nid = \"2\"\nname = \"乙\"\n";
        let a = row(
            Place::Indicator { id: "1".into() },
            "市发改委",
            &["市统计局"],
        );
        let out = edit_plan(text, &[&a]).unwrap();
        assert!(out.starts_with(
            "# 注释\n[plan]\nid = \"p\"\n\n[[indicator]]\nid = \"1\"   # 序号\nname = \"甲\"\n"
        ));
        assert!(
            out.contains("department = \"市发改委\"\nresponsible = [\"市统计局\"]"),
            "{out}"
        );
        assert!(
            out.ends_with("[[indicator]]\nid = \"2\"\nname = \"乙\"\n"),
            "{out}"
        );
        // Written again with no 责任单位: the old list goes.
        let b = row(Place::Indicator { id: "1".into() }, "市商务局", &[]);
        let again = edit_plan(&out, &[&b]).unwrap();
        assert!(again.contains("department = \"市商务局\"") && !again.contains("responsible"));
    }

    #[test]
    fn an_annual_line_is_written_into_its_year() {
        let text = "context = \"t\"\n\n[[annual_target]]\nyear = 2026\ntext = \"5%\"\n\n[[annual_target]]\nyear = 2027\ntext = \"6%\"\n";
        let a = row(
            Place::Annual {
                file: "history/t.toml".into(),
                year: 2027,
            },
            "市财政局",
            &[],
        );
        let out = edit_history(text, 2027, &[&a]).unwrap();
        assert!(out.contains("year = 2026\ntext = \"5%\"\n\n"), "{out}");
        assert!(
            out.ends_with("year = 2027\ntext = \"6%\"\ndepartment = \"市财政局\"\n"),
            "{out}"
        );
        assert!(edit_history(text, 2030, &[&a]).is_err());
    }

    #[test]
    fn shared_units_split_on_the_usual_separators() {
        assert_eq!(
            split_units("市建委、市交通运输局；市建委, "),
            ["市建委", "市交通运输局"]
        );
    }
}
