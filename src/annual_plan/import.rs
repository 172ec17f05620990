//! A year's annual plan read from its table (表1 主要目标): each line checked, its target words understood, placed
//! in a series (the five-year indicator's where the line names one in 规划指标, else the annual-only series of the
//! same name, else a new one), and compared with what the data already hold for that year. Nothing is written
//! until [`Proposal::apply`], under the data directory's lock, as one change.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use sha2::Digest;
use toml_edit::{DocumentMut, Item};

use super::target_words::{self, Understood, WordsKind};
use crate::durable::{DataLock, journal};
use crate::error::Error;
use crate::intake::edit::{self, Field, toml_float, toml_string};
use crate::intake::{SeriesFile, new_file_name, new_file_text, series_files};
use crate::load::{DataSource, load, load_with_changes};
use crate::model::{AnnualKind, AnnualTarget, Attribute, Better, Dataset, Frequency};
use crate::sheets::column_letter;
use crate::sheets::read::{CellProblem, Table, tables};

/// The sheet's columns, as the header names them; the first six are required.
pub const HEADERS: [&str; 9] = [
    "序号",
    "指标",
    "单位",
    "年度目标",
    "属性",
    "牵头单位",
    "规划指标",
    "频率",
    "来源",
];
const REQUIRED: usize = 6;
/// The sheet read where a workbook has several.
pub const SHEET: &str = "年度计划";

/// What importing a line changes.
#[derive(Debug, Clone, PartialEq)]
pub enum LineChange {
    New,
    /// The year's target is there already with other words or settings: which fields differ.
    Changed(Vec<&'static str>),
    Unchanged,
}

impl LineChange {
    pub fn label_zh(&self) -> String {
        match self {
            LineChange::New => "新增".into(),
            LineChange::Changed(f) => format!("修改（{}）", f.join("、")),
            LineChange::Unchanged => "不变".into(),
        }
    }
}

/// One line of the annual plan as understood.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLine {
    pub row: usize,
    pub number: u32,
    pub name: String,
    pub unit: String,
    pub words: String,
    pub understood: Understood,
    /// The target as it will be stored (value in the line's unit; 提高x个百分点 made a level).
    pub target: AnnualTarget,
    /// The five-year indicator the line is (its id), if any.
    pub indicator: Option<String>,
    /// The series the target is stored with, and the file.
    pub series: String,
    /// The series is made by this import (an annual-only line seen for the first time).
    pub new_series: bool,
    pub file: String,
    pub change: LineChange,
}

/// Everything a sheet would change, checked, not yet written.
#[derive(Debug)]
pub struct Proposal {
    pub year: i32,
    pub sheet: String,
    pub lines: Vec<PlanLine>,
    pub problems: Vec<CellProblem>,
    pub writes: Vec<(String, String)>,
}

impl Proposal {
    pub fn ready(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn apply(&self, lock: &DataLock) -> Result<(), Error> {
        if !self.ready() {
            return Err(Error::Usage("年度计划表有问题，未写入任何数据".into()));
        }
        journal::commit(lock, &self.writes)
    }
}

/// The id of an annual-only line, from its name alone: the same 指标 gets the same series every year.
pub fn line_id(name: &str) -> String {
    let digest = sha2::Sha256::digest(name.trim().as_bytes());
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    format!("annual_{hex}")
}

/// The sheet to read: 年度计划, else the first with the header, else the first.
fn pick(tables: Vec<Table>) -> Option<(Table, usize)> {
    let has_header = |t: &Table| {
        t.header_at()
            .and_then(|h| t.cells.get(h))
            .is_some_and(|row| row.iter().any(|c| c.trim() == "年度目标"))
    };
    let mut tables = tables;
    let index = tables
        .iter()
        .position(|t| t.name == SHEET)
        .or_else(|| tables.iter().position(has_header))
        .unwrap_or(0);
    if tables.is_empty() {
        return None;
    }
    let t = tables.swap_remove(index);
    let h = t.header_at().unwrap_or(0);
    Some((t, h))
}

/// Reads, checks and places every line of the sheet at `path` for `year`. Call under the data lock to apply.
pub fn propose(
    dir: &Path,
    plan: Option<&str>,
    path: &Path,
    year: i32,
    today: NaiveDate,
) -> Result<Proposal, Error> {
    let dataset = load(&DataSource::Dir(dir.to_path_buf()), plan)?;
    let (table, header_at) = pick(tables(path, "年度计划表")?)
        .ok_or_else(|| Error::Usage(format!("{} 中没有工作表", path.display())))?;
    let mut problems = Vec::new();
    let sheet = table.name.clone();
    let headers = table.cells.get(header_at).cloned().unwrap_or_default();
    let mut columns: BTreeMap<&'static str, usize> = BTreeMap::new();
    for h in HEADERS {
        if let Some(i) = headers.iter().position(|c| c.trim() == h) {
            columns.insert(h, i);
        }
    }
    let missing: Vec<&str> = HEADERS[..REQUIRED]
        .iter()
        .filter(|h| !columns.contains_key(*h))
        .copied()
        .collect();
    if !missing.is_empty() {
        return Err(Error::Usage(format!(
            "{} 工作表“{sheet}”第 {} 行的表头缺少 {}：表头应有 {}（可选 {}）",
            path.display(),
            header_at + 1,
            missing.join("、"),
            HEADERS[..REQUIRED].join("、"),
            HEADERS[REQUIRED..].join("、")
        )));
    }
    let mut files = series_files(dir, &dataset.plan.id);
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut lines: Vec<PlanLine> = Vec::new();
    let mut seen_numbers: BTreeMap<u32, usize> = BTreeMap::new();
    let mut seen_series: BTreeMap<String, usize> = BTreeMap::new();
    for (r, cells) in table.cells.iter().enumerate().skip(header_at + 1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = r + 1;
        let cell = |h: &str| {
            columns
                .get(h)
                .and_then(|i| cells.get(*i))
                .map_or("", |c| c.trim())
        };
        let problem = |h: &str, message: String| CellProblem {
            sheet: sheet.clone(),
            row,
            column: columns.get(h).map_or_else(
                || format!("“{h}”列"),
                |i| format!("{} 列（{h}）", column_letter(*i)),
            ),
            message,
        };
        let before = problems.len();
        for (h, i) in &columns {
            if table.flag(r, *i) == Some(crate::sheets::read::CellFlag::Uncached) {
                problems.push(problem(
                    h,
                    "公式没有计算结果：请在 Excel 中重新计算并保存".into(),
                ));
            }
        }
        let number = match cell("序号").trim_end_matches(".0").parse::<u32>() {
            Ok(n) if n > 0 => Some(n),
            _ => {
                problems.push(problem(
                    "序号",
                    format!("“{}”不是序号：应为 1、2、3 这样的正整数", cell("序号")),
                ));
                None
            }
        };
        if let Some(n) = number
            && let Some(first) = seen_numbers.insert(n, row)
        {
            problems.push(problem("序号", format!("序号 {n} 与第 {first} 行重复")));
        }
        let name = cell("指标").to_string();
        if name.is_empty() {
            problems.push(problem("指标", "指标名称为空".into()));
        }
        // A ratio (城乡收入倍差) has no unit: an empty 单位 is allowed.
        let unit = cell("单位").to_string();
        let words = cell("年度目标").to_string();
        let understood = match target_words::parse(&words, &name) {
            Ok(u) => Some(u),
            Err(e) => {
                problems.push(problem("年度目标", e.to_string()));
                None
            }
        };
        let attribute = match cell("属性") {
            "" | "预期性" => Some(Attribute::Expected),
            "约束性" => Some(Attribute::Binding),
            other => {
                problems.push(problem(
                    "属性",
                    format!("“{other}”无效：应为 约束性 或 预期性"),
                ));
                None
            }
        };
        let department = cell("牵头单位").to_string();
        if department.is_empty() {
            problems.push(problem(
                "牵头单位",
                "牵头单位为空：应写明报送并负责该指标的单位".into(),
            ));
        }
        let indicator = match cell("规划指标").trim_end_matches(".0") {
            "" => None,
            n => match dataset.plan.find(n) {
                Some(i) => Some(i),
                None => {
                    problems.push(problem(
                        "规划指标",
                        format!(
                            "“{n}”不是规划“{}”的指标序号：请填五年规划指标的序号（如 1、17.1），年度计划独有的指标留空",
                            dataset.plan.short_name
                        ),
                    ));
                    None
                }
            },
        };
        let frequency = match cell("频率") {
            "" => None,
            f => match Frequency::from_name(f) {
                Some(f) => Some(f),
                None => {
                    problems.push(problem(
                        "频率",
                        format!("“{f}”无效：应为 {}", Frequency::NAMES.join("、")),
                    ));
                    None
                }
            },
        };
        let source = cell("来源").to_string();
        if source.is_empty() {
            problems.push(problem(
                "来源",
                "来源为空：请写明年度计划的文件名称（如“2027年国民经济和社会发展计划”）".into(),
            ));
        }
        for (h, text) in [
            ("指标", &name),
            ("年度目标", &words),
            ("来源", &source),
            ("牵头单位", &department),
        ] {
            if text.chars().count() > crate::intake::MAX_TEXT_CHARS {
                problems.push(problem(h, "过长".into()));
            }
        }
        if problems.len() > before {
            continue;
        }
        let (Some(number), Some(understood), Some(attribute)) = (number, understood, attribute)
        else {
            continue;
        };
        // The series: the five-year indicator's, else the annual-only line of the same name, else a new one.
        let series = match indicator {
            Some(i) => i.series_id().to_string(),
            None => existing_line(&dataset, &name).unwrap_or_else(|| line_id(&name)),
        };
        if let Some(first) = seen_series.insert(series.clone(), row) {
            problems.push(problem(
                "指标",
                format!("与第 {first} 行是同一指标（同一数据序列只能有一个年度目标）"),
            ));
            continue;
        }
        let known_unit = indicator.map(|i| i.unit.clone()).or_else(|| {
            dataset
                .history
                .context_series(&series)
                .map(|c| c.unit.clone())
        });
        if let Some(u) = &known_unit
            && u != &unit
        {
            problems.push(problem(
                "单位",
                format!("单位“{unit}”与数据中该指标的单位“{u}”不一致"),
            ));
            continue;
        }
        let target = match stored_target(&dataset, &series, year, &understood, &unit) {
            Ok(mut fields) => {
                fields.year = year;
                fields.text = words.clone();
                fields.name =
                    (indicator.is_none_or(|i| i.display_name() != name)).then(|| name.clone());
                fields.attribute = Some(attribute);
                fields.order = Some(number);
                fields.department = Some(department.clone());
                fields.frequency = frequency;
                fields.source = source.clone();
                fields.recorded = today;
                fields
            }
            Err(message) => {
                problems.push(problem("年度目标", message));
                continue;
            }
        };
        let old = dataset.history.annual_target(&series, year);
        let change = match old {
            None => LineChange::New,
            Some(old) => {
                let differs = differences(old, &target);
                if differs.is_empty() {
                    LineChange::Unchanged
                } else {
                    LineChange::Changed(differs)
                }
            }
        };
        let file = match files.iter().find(|f| f.series == series) {
            Some(f) => f.relative.clone(),
            None => {
                let relative = match indicator {
                    Some(i) => new_file_name(&dataset, i, &files),
                    None => format!("history/context/{}.toml", series.replace('_', "-")),
                };
                files.push(SeriesFile {
                    relative: relative.clone(),
                    series: series.clone(),
                });
                relative
            }
        };
        if change != LineChange::Unchanged {
            let text = match texts.get(&file) {
                Some(t) => t.clone(),
                None => read_or_new(dir, &file, indicator, &series, &name, &unit)?,
            };
            match write_target(&text, &target, old.is_some()) {
                Ok(t) => {
                    texts.insert(file.clone(), t);
                }
                Err(why) => {
                    problems.push(problem("年度目标", format!("{file} 无法写入：{why}")));
                    continue;
                }
            }
        }
        lines.push(PlanLine {
            row,
            number,
            name,
            unit,
            words,
            understood,
            target,
            indicator: indicator.map(|i| i.id.clone()),
            new_series: indicator.is_none() && dataset.history.context_series(&series).is_none(),
            series,
            file,
            change,
        });
    }
    if lines.is_empty() && problems.is_empty() {
        problems.push(CellProblem {
            sheet: sheet.clone(),
            row: header_at + 2,
            column: String::new(),
            message: "表头下没有任何指标行".into(),
        });
    }
    let writes: Vec<(String, String)> = texts.into_iter().collect();
    if problems.is_empty() && !writes.is_empty() {
        match load_with_changes(dir, plan, &writes) {
            Ok(_) => {}
            Err(Error::Invalid(found)) => {
                for p in found {
                    let row = lines.iter().find(|l| l.file == p.file).map_or(0, |l| l.row);
                    problems.push(CellProblem {
                        sheet: sheet.clone(),
                        row,
                        column: String::new(),
                        message: p.to_string(),
                    });
                }
            }
            Err(other) => return Err(other),
        }
    }
    Ok(Proposal {
        year,
        sheet,
        lines,
        problems,
        writes,
    })
}

/// An annual-only series already in the data whose name, or whose annual lines' name, is `name`.
fn existing_line(dataset: &Dataset, name: &str) -> Option<String> {
    dataset
        .history
        .context
        .iter()
        .find(|c| {
            c.name == name
                || dataset
                    .history
                    .annual_targets(&c.id)
                    .iter()
                    .any(|t| t.name.as_deref() == Some(name))
        })
        .map(|c| c.id.clone())
}

/// The stored kind, number, range and direction of understood words, in the line's unit.
fn stored_target(
    dataset: &Dataset,
    series: &str,
    year: i32,
    u: &Understood,
    unit: &str,
) -> Result<AnnualTarget, String> {
    let kind = match u.kind {
        WordsKind::Growth => AnnualKind::Growth,
        WordsKind::Level | WordsKind::Points => AnnualKind::Level,
        WordsKind::Amount => AnnualKind::Amount,
        WordsKind::Direction => AnnualKind::Direction,
        WordsKind::InStep => AnnualKind::InStep,
        WordsKind::Assigned => AnnualKind::Assigned,
    };
    let mut factor = 1.0;
    if let Some(words_unit) = u.unit.as_deref()
        && !matches!(words_unit, "%" | "个百分点")
    {
        factor = target_words::scale(words_unit, unit).ok_or_else(|| {
            format!("目标写的单位“{words_unit}”与单位列“{unit}”不是同一计量单位，无法换算")
        })?;
    }
    if matches!(u.kind, WordsKind::Growth) && unit != "%" {
        return Err(format!(
            "增速目标的数据序列应以 % 为单位（累计增长），单位列为“{unit}”：请另列一行“…增长”，单位 %"
        ));
    }
    // Sums and unit changes of decimals are kept to the decimals written (85.6 + 0.3 is 85.9, not 85.8999…).
    let tidy = |v: f64| (v * 1e6).round() / 1e6;
    let (mut value, mut upper) = (
        u.value.map(|v| tidy(v * factor)),
        u.upper.map(|v| tidy(v * factor)),
    );
    if u.kind == WordsKind::Points {
        let prev = dataset.history.year_value(series, year - 1).ok_or_else(|| {
            format!(
                "“提高…个百分点”需要上年（{}年）的全年数值作基数，数据中还没有：请先录入上年数值",
                year - 1
            )
        })?;
        value = value.map(|d| tidy(prev + d));
        upper = None;
    }
    Ok(AnnualTarget {
        year,
        value,
        upper,
        text: String::new(),
        kind,
        better: Some(u.better),
        tolerance: None,
        name: None,
        attribute: None,
        order: None,
        department: None,
        responsible: Vec::new(),
        frequency: None,
        due: Vec::new(),
        weight: None,
        source: String::new(),
        reliability: String::new(),
        recorded: NaiveDate::MIN,
        origin: crate::model::Origin {
            file: String::new(),
            line: 0,
        },
    })
}

/// Which stored fields of a target differ (the recording date and place aside).
fn differences(old: &AnnualTarget, new: &AnnualTarget) -> Vec<&'static str> {
    let mut out = Vec::new();
    if old.text != new.text {
        out.push("年度目标");
    }
    if old.kind != new.kind || old.value != new.value || old.upper != new.upper {
        out.push("目标数值");
    }
    if old.better.is_some() && old.better != new.better {
        out.push("方向");
    }
    if old.attribute.unwrap_or(Attribute::Expected) != new.attribute.unwrap_or(Attribute::Expected)
    {
        out.push("属性");
    }
    if old.order != new.order {
        out.push("序号");
    }
    if old.department != new.department {
        out.push("牵头单位");
    }
    if old.frequency != new.frequency {
        out.push("频率");
    }
    if old.name.is_some() && new.name.is_some() && old.name != new.name {
        out.push("指标");
    }
    if old.source != new.source {
        out.push("来源");
    }
    out
}

fn read_or_new(
    dir: &Path,
    file: &str,
    indicator: Option<&crate::model::Indicator>,
    series: &str,
    name: &str,
    unit: &str,
) -> Result<String, Error> {
    let path = dir.join(file);
    if std::fs::symlink_metadata(&path).is_ok() {
        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        return String::from_utf8(bytes)
            .map_err(|_| Error::Usage(format!("{file} 不是 UTF-8 编码的文本，无法写入")));
    }
    Ok(match indicator {
        Some(i) => new_file_text(i),
        None => format!(
            "# 年度计划指标「{name}」的数据（由 planwatch annual-plan import 创建）：年度目标在 [[annual_target]]，\n\
             # 年内及全年数值在 [[observation]]（录入：planwatch record 或报送表导入）。\n\
             context = {}\n\
             name = {}\n\
             unit = {}\n",
            toml_string(series),
            toml_string(name),
            toml_string(unit)
        ),
    })
}

/// The target's fields as a history file writes them.
fn fields(t: &AnnualTarget) -> Vec<Field> {
    let mut out: Vec<Field> = vec![
        ("year", t.year.to_string()),
        ("order", t.order.unwrap_or(0).to_string()),
        ("kind", toml_string(t.kind.name())),
    ];
    if let Some(v) = t.value {
        out.push(("value", toml_float(v)));
    }
    if let Some(u) = t.upper {
        out.push(("upper", toml_float(u)));
    }
    out.push(("text", toml_string(&t.text)));
    if let Some(b) = t.better {
        out.push((
            "better",
            toml_string(match b {
                Better::Higher => "higher",
                Better::Lower => "lower",
            }),
        ));
    }
    if let Some(n) = &t.name {
        out.push(("name", toml_string(n)));
    }
    if let Some(a) = t.attribute {
        out.push((
            "attribute",
            toml_string(match a {
                Attribute::Binding => "binding",
                Attribute::Expected => "expected",
            }),
        ));
    }
    if let Some(d) = &t.department {
        out.push(("department", toml_string(d)));
    }
    if let Some(f) = t.frequency {
        out.push(("frequency", toml_string(f.label_zh())));
    }
    out.push(("source", toml_string(&t.source)));
    out.push(("recorded", t.recorded.format("%Y-%m-%d").to_string()));
    out
}

/// The file's text with the year's target appended, or (`replace`) the year's existing entry's fields set anew,
/// every other byte kept.
fn write_target(text: &str, t: &AnnualTarget, replace: bool) -> Result<String, String> {
    let fields = fields(t);
    if !replace {
        return edit::append_entry(text, "annual_target", &fields).map(|a| a.text);
    }
    let (bom, body) = match text.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", text),
    };
    let mut doc: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
    let Some(Item::ArrayOfTables(array)) = doc.get_mut("annual_target") else {
        return Err("annual_target 不是 [[annual_target]] 表数组".into());
    };
    let entry = array
        .iter_mut()
        .find(|e| e.get("year").and_then(Item::as_integer) == Some(t.year.into()))
        .ok_or("找不到该年的 [[annual_target]]")?;
    for key in [
        "value",
        "upper",
        "better",
        "name",
        "frequency",
        "department",
    ] {
        if !fields.iter().any(|(k, _)| *k == key) {
            entry.remove(key);
        }
    }
    for (key, value) in &fields {
        let parsed: toml_edit::Value = value
            .parse()
            .map_err(|e: toml_edit::TomlError| e.message().to_string())?;
        match entry.get_mut(key).and_then(Item::as_value_mut) {
            Some(old) => {
                let decor = old.decor().clone();
                *old = parsed;
                *old.decor_mut() = decor;
            }
            None => {
                entry.insert(key, toml_edit::value(parsed));
            }
        }
    }
    Ok(format!("{bom}{doc}"))
}
