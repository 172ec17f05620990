//! Getting figures in: one figure from the command line or the dashboard, or many from a filled template.
//! Every figure goes the same way: read the data directory, find (or create) the series' history file,
//! append the figure with toml_edit (comments and layout kept), check the whole data directory as it would be,
//! run the plausibility checks, and only then write every changed file as one change ([`journal`]).

pub mod journal;
pub mod parse;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use crate::check::{Warning, check_dataset};
use crate::error::Error;
use crate::load::{DataSource, Problem, load, load_with_changes, plan_years};
use crate::model::{Dataset, Indicator, ObservationStatus, Period};

/// One figure to record, as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The plan indicator's id (序号).
    pub indicator: String,
    pub period: Period,
    pub value: f64,
    pub status: ObservationStatus,
    pub source: String,
    pub quote: String,
    pub published: Option<NaiveDate>,
    pub note: String,
    /// Why the figure is kept although a plausibility check fires; None: not accepted (yet).
    pub accepted: Option<String>,
}

/// What a figure would do to the data.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A period without any value yet.
    New,
    /// A new vintage of a period that has one: the value in use before.
    Revised {
        old_value: f64,
        old_status: ObservationStatus,
    },
    /// The same value and status as the vintage in use: nothing to write.
    Unchanged,
    /// The figure cannot be recorded; `field` names the field at fault (period, value, status, source …).
    Problem { field: String, message: String },
}

/// One figure with what it would change, where, and the plausibility warnings it raises.
#[derive(Debug, Clone)]
pub struct Planned {
    pub figure: Figure,
    pub name: String,
    pub unit: String,
    /// The history file (relative to the data directory) the figure goes to.
    pub file: String,
    pub change: Change,
    pub warnings: Vec<Warning>,
}

impl Planned {
    /// Warnings not silenced by an accepted reason.
    pub fn open_warnings(&self) -> impl Iterator<Item = &Warning> {
        self.warnings
            .iter()
            .filter(|_| self.figure.accepted.is_none())
    }

    pub fn is_problem(&self) -> bool {
        matches!(self.change, Change::Problem { .. })
    }
}

/// Everything a batch of figures would change, checked, not yet written.
#[derive(Debug)]
pub struct Proposal {
    pub rows: Vec<Planned>,
    /// New texts of the history files, relative to the data directory.
    pub writes: Vec<(String, String)>,
    /// Problems of the data directory as it would be that belong to no single figure.
    pub other_problems: Vec<Problem>,
}

impl Proposal {
    /// Whether the figures can be written: no problem, and every plausibility warning accepted.
    pub fn ready(&self) -> bool {
        self.other_problems.is_empty()
            && self
                .rows
                .iter()
                .all(|r| !r.is_problem() && r.open_warnings().next().is_none())
    }

    /// Writes every changed file as one change.
    pub fn apply(&self, dir: &Path) -> Result<(), Error> {
        journal::commit(dir, &self.writes)
    }
}

/// Today, as the date figures are recorded on.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// A history file's header: which series it holds.
struct SeriesFile {
    relative: String,
    series: String,
}

/// Every history file of the plan with the series it holds (files whose header cannot be read are skipped:
/// the loader reports them).
fn series_files(dir: &Path, plan_id: &str) -> Vec<SeriesFile> {
    let history = dir.join("history");
    let mut paths = Vec::new();
    if history.is_dir() && crate::load::walk(&history, &mut paths, true).is_err() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for path in paths {
        let Ok(relative) = path.strip_prefix(dir) else {
            continue;
        };
        let inside = path.strip_prefix(&history).unwrap_or(&path);
        let mut parts = inside.components();
        let top = match (parts.next(), parts.next()) {
            (Some(first), Some(_)) => first.as_os_str().to_string_lossy().to_string(),
            _ => String::new(),
        };
        if !(top.is_empty() || top == "context" || top == plan_id) {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(doc) = text.parse::<DocumentMut>() else {
            continue;
        };
        let series = doc
            .get("indicator")
            .or_else(|| doc.get("context"))
            .and_then(Item::as_str);
        if let Some(series) = series {
            out.push(SeriesFile {
                relative: relative.display().to_string(),
                series: series.to_string(),
            });
        }
    }
    out
}

/// The file name for a new indicator history file: `history/<plan>/<id>.toml` (17.1 → 17-1).
fn new_file_name(dataset: &Dataset, indicator: &Indicator, taken: &[SeriesFile]) -> String {
    let stem = if indicator.id.len() == 1 {
        format!("0{}", indicator.id)
    } else {
        indicator.id.replace('.', "-")
    };
    let mut name = format!("history/{}/{stem}.toml", dataset.plan.id);
    let mut n = 2;
    while taken.iter().any(|f| f.relative == name) {
        name = format!("history/{}/{stem}-{n}.toml", dataset.plan.id);
        n += 1;
    }
    name
}

/// The header of a new history file, written like the shipped ones.
fn new_file_text(indicator: &Indicator) -> String {
    format!(
        "# 指标 {id}「{name}」的观测值（由 planwatch 录入时创建）。\n\
         # 每条 [[observation]] 是某一时期的一个数值版本：period 时期、value 数值、status 状态、source 来源、\n\
         # quote 原文摘录、published 发布日期（来源写明时才有）、recorded 录入日期。修订时另加一条，不删旧条目。\n\
         indicator = \"{id}\"\n\
         unit = \"{unit}\"\n",
        id = indicator.id,
        name = indicator.display_name(),
        unit = indicator.unit.replace('\\', "\\\\").replace('"', "\\\""),
    )
}

fn toml_date(d: NaiveDate) -> toml_edit::Datetime {
    let text = d.format("%Y-%m-%d").to_string();
    text.parse().expect("a NaiveDate prints as a TOML date")
}

/// Appends one `[[observation]]` to a history file, keeping everything already in it.
fn append(doc: &mut DocumentMut, figure: &Figure, recorded: NaiveDate) {
    let mut table = Table::new();
    table.insert("period", value(figure.period.to_string()));
    table.insert("value", value(figure.value));
    table.insert("status", value(status_name(figure.status)));
    table.insert("source", value(figure.source.trim()));
    if !figure.quote.trim().is_empty() {
        table.insert("quote", value(figure.quote.trim()));
    }
    if let Some(p) = figure.published {
        table.insert("published", value(toml_date(p)));
    }
    table.insert("recorded", value(toml_date(recorded)));
    if !figure.note.trim().is_empty() {
        table.insert("note", value(figure.note.trim()));
    }
    if let Some(why) = &figure.accepted {
        table.insert("accepted", value(why.trim()));
    }
    table.decor_mut().set_prefix("\n");
    match doc.get_mut("observation") {
        Some(Item::ArrayOfTables(array)) => array.push(table),
        _ => {
            let mut array = ArrayOfTables::new();
            array.push(table);
            doc.insert("observation", Item::ArrayOfTables(array));
        }
    }
}

/// The status as written in history files.
pub fn status_name(status: ObservationStatus) -> &'static str {
    ObservationStatus::NAMES[status as usize]
}

/// 1-based lines of every `[[observation]]` header in a text.
fn observation_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[observation]]"))
        .map(|(i, _)| i + 1)
        .collect()
}

/// The history field a loader problem names, as the column a person filled.
fn field_of(problem_field: &str) -> String {
    problem_field
        .rsplit('.')
        .next()
        .unwrap_or(problem_field)
        .to_string()
}

/// Checks a batch of figures against a data directory and works out what each would change.
/// Nothing is written; the data directory must read cleanly as it is.
pub fn propose(
    dir: &Path,
    plan: Option<&str>,
    figures: Vec<Figure>,
    today: NaiveDate,
) -> Result<Proposal, Error> {
    let source = DataSource::Dir(dir.to_path_buf());
    let dataset = load(&source, plan)?;
    let mut files = series_files(dir, &dataset.plan.id);
    let mut docs: BTreeMap<String, DocumentMut> = BTreeMap::new();
    // Per file: the row index of each appended observation, in order.
    let mut appended: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut seen: BTreeMap<(String, Period), usize> = BTreeMap::new();
    let mut rows = Vec::new();
    for (index, figure) in figures.into_iter().enumerate() {
        let Some(indicator) = dataset.plan.indicator(&figure.indicator) else {
            rows.push(Planned {
                name: String::new(),
                unit: String::new(),
                file: String::new(),
                change: Change::Problem {
                    field: "indicator".into(),
                    message: format!(
                        "指标“{}”不在规划“{}”中：请用规划中的指标序号（如 3、17.1）",
                        figure.indicator, dataset.plan.short_name
                    ),
                },
                figure,
                warnings: Vec::new(),
            });
            continue;
        };
        let series = indicator.series_id().to_string();
        let name = indicator.display_name();
        let unit = indicator.unit.clone();
        if let Some(first) = seen.insert((series.clone(), figure.period), index) {
            rows.push(Planned {
                name,
                unit,
                file: String::new(),
                change: Change::Problem {
                    field: "period".into(),
                    message: format!("与第 {} 条重复：同一指标同一时期只能填一个数值", first + 1),
                },
                figure,
                warnings: Vec::new(),
            });
            continue;
        }
        let newest = dataset
            .history
            .series(&series)
            .into_iter()
            .find(|o| o.period == figure.period);
        let change = match newest {
            Some(o) if o.value == figure.value && o.status == figure.status => Change::Unchanged,
            // The newer vintage wins (see `Observation::vintage`): a figure that would not be used is refused
            // rather than kept unseen.
            Some(o) if (figure.status, figure.published.unwrap_or(today)) <= o.vintage() => {
                let message = format!(
                    "该时期已有{}数 {}（{}），新数值不会被采用：如为修订，状态请填“修订”",
                    o.status.label_zh(),
                    crate::text::fmt_number(o.value, 6),
                    o.published.unwrap_or(o.recorded)
                );
                rows.push(Planned {
                    name,
                    unit,
                    file: String::new(),
                    change: Change::Problem {
                        field: "status".into(),
                        message,
                    },
                    figure,
                    warnings: Vec::new(),
                });
                continue;
            }
            Some(o) => Change::Revised {
                old_value: o.value,
                old_status: o.status,
            },
            None => Change::New,
        };
        let file = match files.iter().find(|f| f.series == series) {
            Some(f) => f.relative.clone(),
            None => {
                let relative = new_file_name(&dataset, indicator, &files);
                files.push(SeriesFile {
                    relative: relative.clone(),
                    series: series.clone(),
                });
                relative
            }
        };
        if change != Change::Unchanged {
            let doc = match docs.entry(file.clone()) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    let path = dir.join(&file);
                    let text = if path.exists() {
                        std::fs::read_to_string(&path).map_err(|source| Error::Io {
                            path: path.clone(),
                            source,
                        })?
                    } else {
                        new_file_text(indicator)
                    };
                    let doc = text.parse::<DocumentMut>().map_err(|e| {
                        Error::Usage(format!("{file} 无法按 TOML 读取：{}", e.message()))
                    })?;
                    e.insert(doc)
                }
            };
            append(doc, &figure, today);
            appended.entry(file.clone()).or_default().push(index);
        }
        rows.push(Planned {
            figure,
            name,
            unit,
            file,
            change,
            warnings: Vec::new(),
        });
    }

    let writes: Vec<(String, String)> = docs
        .iter()
        .map(|(file, doc)| (file.clone(), doc.to_string()))
        .collect();
    // Where each appended observation starts: (file, line of its [[observation]]) → row index.
    let mut starts: Vec<(String, usize, usize)> = Vec::new();
    for (file, text) in &writes {
        let lines = observation_lines(text);
        let indices = &appended[file];
        let first = lines.len().saturating_sub(indices.len());
        for (line, index) in lines[first..].iter().zip(indices) {
            starts.push((file.clone(), *line, *index));
        }
    }
    let row_at = |file: &str, line: usize| {
        starts
            .iter()
            .filter(|(f, start, _)| f == file && *start <= line)
            .max_by_key(|(_, start, _)| *start)
            .map(|(_, _, index)| *index)
    };

    let mut other_problems = Vec::new();
    if !writes.is_empty() {
        match load_with_changes(dir, plan, &writes) {
            Ok(changed) => {
                let years = plan_years(&source);
                for warning in check_dataset(&changed, &years, today) {
                    if let Some(index) = row_at(&warning.origin.file, warning.origin.line)
                        && let Some(row) = rows.get_mut(index)
                        && warning.period == row.figure.period
                        && !row.is_problem()
                    {
                        row.warnings.push(warning);
                    }
                }
            }
            Err(Error::Invalid(problems)) => {
                for problem in problems {
                    match row_at(&problem.file, problem.line).and_then(|i| rows.get_mut(i)) {
                        Some(row) if !row.is_problem() => {
                            row.change = Change::Problem {
                                field: field_of(&problem.field),
                                message: problem.message,
                            };
                        }
                        Some(_) => {}
                        None => other_problems.push(problem),
                    }
                }
            }
            Err(other) => return Err(other),
        }
    }
    // A reason to keep a figure is written only with a figure that needed one.
    let needless: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.figure.accepted.is_some() && r.warnings.is_empty() && !r.is_problem())
        .map(|(i, _)| i)
        .collect();
    if !needless.is_empty() && other_problems.is_empty() {
        let figures = rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let mut figure = r.figure;
                if needless.contains(&i) {
                    figure.accepted = None;
                }
                figure
            })
            .collect();
        return propose(dir, plan, figures, today);
    }
    Ok(Proposal {
        rows,
        writes,
        other_problems,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const FILE: &str = "# 注释保留\ncontext = \"x\" # 行尾注释\nname = \"测试\"\nunit = \"%\"\n\n[[observation]]\nperiod = \"2024\"\nvalue = 1.5 # 原值\nstatus = \"final\"\nsource = \"s\"\nrecorded = 2025-01-01\n";

    proptest! {
        /// Whatever the value and the texts, the appended entry reads back exactly and the file's earlier text is
        /// kept byte for byte.
        #[test]
        fn appended_figures_read_back_exactly(
            value in prop::num::f64::NORMAL | prop::num::f64::ZERO,
            source in "\\PC{1,40}",
            quote in "[\"'\\\\#=\\[\\]a-z中文\n\t ]{0,30}",
            year in 2000i32..2100,
        ) {
            prop_assume!(!source.trim().is_empty());
            let mut doc: DocumentMut = FILE.parse().unwrap();
            let figure = Figure {
                indicator: "x".into(),
                period: Period::year(year),
                value,
                status: ObservationStatus::Preliminary,
                source: source.clone(),
                quote: quote.clone(),
                published: NaiveDate::from_ymd_opt(year, 3, 1),
                note: String::new(),
                accepted: Some("理由 \"引号\"".into()),
            };
            append(&mut doc, &figure, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
            let text = doc.to_string();
            prop_assert!(text.starts_with(FILE));
            let table: toml::Table = text.parse().unwrap();
            let last = table["observation"].as_array().unwrap().last().unwrap();
            prop_assert_eq!(last["value"].as_float(), Some(value));
            prop_assert_eq!(last["source"].as_str(), Some(source.trim()));
            if quote.trim().is_empty() {
                prop_assert!(last.get("quote").is_none());
            } else {
                prop_assert_eq!(last["quote"].as_str(), Some(quote.trim()));
            }
            let period = year.to_string();
            prop_assert_eq!(last["period"].as_str(), Some(period.as_str()));
            prop_assert_eq!(last["accepted"].as_str(), Some("理由 \"引号\""));
            prop_assert_eq!(observation_lines(&text).len(), 2);
        }
    }
}
