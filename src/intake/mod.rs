//! Getting figures in: one figure from the command line or the dashboard, or many from a filled template.
//! Every figure goes the same way: read the data directory, find (or create) the series' history file,
//! append the figure to the file's text ([`edit`]: every byte outside the new entry kept, whatever the layout),
//! check the whole data directory as it would be (with the loader's limits), run the plausibility checks, and only
//! then write every changed file as one change ([`crate::durable::journal`]).
//!
//! A writer takes the data directory's lock ([`crate::durable::DataLock`]) *before* it reads, and writes under
//! it: [`record`] does the whole of it for one figure, for both the command line and the dashboard.

pub mod edit;
pub mod parse;

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use toml_edit::{DocumentMut, Item};

use crate::check::{Warning, check_dataset};
use crate::durable::{DataLock, journal, lock::Holder};
use crate::error::Error;
use crate::load::{DataSource, Problem, load, load_with_changes, max_file_bytes, plan_years};
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
    /// 情况说明 sent with the figure (原因及下一步措施); kept with this vintage.
    pub explanation: Option<String>,
}

/// The series a figure names: a plan indicator (by 序号 or name), or a series outside the plan's table — an
/// annual-plan-only line or a context series — by its id or its name (or the name its annual lines give it).
#[derive(Debug, Clone)]
pub struct Series<'a> {
    pub series: String,
    pub name: String,
    pub unit: String,
    pub indicator: Option<&'a Indicator>,
}

/// Finds the series `wanted` names in `dataset`; None where nothing has that id or name.
pub fn resolve<'a>(dataset: &'a Dataset, wanted: &str) -> Option<Series<'a>> {
    let wanted = wanted.trim();
    let plan = &dataset.plan;
    let indicator = plan.indicator(wanted).or_else(|| {
        plan.indicators
            .iter()
            .find(|i| i.name == wanted || i.display_name() == wanted)
    });
    if let Some(i) = indicator {
        return Some(Series {
            series: i.series_id().to_string(),
            name: i.display_name(),
            unit: i.unit.clone(),
            indicator: Some(i),
        });
    }
    let history = &dataset.history;
    history
        .context
        .iter()
        .find(|c| c.id == wanted)
        .or_else(|| history.context.iter().find(|c| c.name == wanted))
        .or_else(|| {
            history.context.iter().find(|c| {
                history
                    .annual_targets(&c.id)
                    .iter()
                    .any(|t| t.name.as_deref() == Some(wanted))
            })
        })
        .map(|c| Series {
            series: c.id.clone(),
            name: c.name.clone(),
            unit: c.unit.clone(),
            indicator: None,
        })
}

/// The refusal of a name that is no series: what can be named instead.
fn unknown(dataset: &Dataset, wanted: &str) -> String {
    let shown: String = wanted.chars().take(40).collect();
    format!(
        "指标“{shown}”不在规划“{}”中，也不是年度计划或背景数据中的指标：请用规划中的指标序号（如 3、17.1），或年度计划指标的名称",
        dataset.plan.short_name
    )
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
    /// For a figure refused as a repeat: the index of the figure it repeats (same series, same period).
    pub duplicate_of: Option<usize>,
    /// The figure is of a plan indicator (its 序号 is shown), not of a line outside the plan's table.
    pub in_plan: bool,
}

impl Planned {
    /// How a person names the row's series: 指标 3 常住人口城镇化率, or 指标 一般公共预算收入增长 for a line outside
    /// the plan's table (whose series id is internal).
    pub fn label(&self) -> String {
        if self.name.is_empty() {
            format!("指标 {}", self.figure.indicator)
        } else if self.in_plan {
            format!("指标 {} {}", self.figure.indicator, self.name)
        } else {
            format!("指标 {}", self.name)
        }
    }

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

    /// Writes every changed file as one change, under the lock taken before the proposal was made. A proposal
    /// that is not [`ready`](Proposal::ready) writes nothing.
    pub fn apply(&self, lock: &DataLock) -> Result<(), Error> {
        if !self.ready() {
            return Err(Error::Usage(
                "有问题或需要确认的数值，未写入任何数据".to_string(),
            ));
        }
        journal::commit(lock, &self.writes)
    }
}

/// Longest text a field may hold (source, quote, note, reason), in characters.
pub const MAX_TEXT_CHARS: usize = 4000;

/// Takes the lock of the data directory `dir` for a writer, waiting a few seconds (`waiting` is told once when
/// another writer holds it). A directory that is no data directory is left alone: reading it says what is wrong.
pub fn lock(dir: &Path, waiting: impl FnOnce(&Holder)) -> Result<Option<DataLock>, Error> {
    if !dir.join("indicators").is_dir() {
        return Ok(None);
    }
    DataLock::acquire(dir, waiting).map(Some)
}

/// What became of one figure.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The figure itself cannot be recorded: the field at fault and why.
    Refused { field: String, message: String },
    /// The data directory would have problems with it.
    Invalid(Vec<Problem>),
    /// Plausibility checks fired and no reason to keep it was given.
    Unsure(Vec<Warning>),
    /// The same value and status are there already: nothing written.
    Unchanged,
    /// Written (`row.change` says whether as a new period or a new vintage).
    Written,
}

/// One figure recorded (or not), with its row as planned.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub row: Planned,
    pub outcome: Outcome,
}

/// Records one figure, the one decision the command line and the dashboard share: the lock is taken, the data are
/// read and checked under it, then problem → plausibility → unchanged → write, still under the lock.
pub fn record(
    dir: &Path,
    plan: Option<&str>,
    figure: Figure,
    today: NaiveDate,
    waiting: impl FnOnce(&Holder),
) -> Result<Recorded, Error> {
    let lock = lock(dir, waiting)?;
    let proposal = propose(dir, plan, vec![figure], today)?;
    let Some(row) = proposal.rows.first().cloned() else {
        return Err(Error::Usage("没有要录入的数据".to_string()));
    };
    let outcome = if let Change::Problem { field, message } = &row.change {
        Outcome::Refused {
            field: field.clone(),
            message: message.clone(),
        }
    } else if !proposal.other_problems.is_empty() {
        Outcome::Invalid(proposal.other_problems.clone())
    } else if row.open_warnings().next().is_some() {
        Outcome::Unsure(row.warnings.clone())
    } else if row.change == Change::Unchanged {
        Outcome::Unchanged
    } else {
        let Some(lock) = &lock else {
            return Err(Error::NoPlanDir(dir.join("indicators")));
        };
        proposal.apply(lock)?;
        Outcome::Written
    };
    Ok(Recorded { row, outcome })
}

/// An entry to take back: the indicator (序号), the period, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Withdrawal {
    pub indicator: String,
    pub period: Period,
    pub reason: String,
}

/// What a withdrawal did: the entry taken back and where, or why nothing was written.
#[derive(Debug, Clone, PartialEq)]
pub struct WithdrawOutcome {
    pub name: String,
    pub unit: String,
    pub file: String,
    /// The value and status taken back (None where none was found).
    pub withdrawn: Option<(f64, ObservationStatus)>,
    /// The value in use after the withdrawal, if any.
    pub now_in_use: Option<(f64, ObservationStatus)>,
    /// Why nothing was written: the field at fault and the message.
    pub refused: Option<(String, String)>,
}

/// Takes back the entry in use for one period (`record --withdraw`, the dashboard form): a new entry with
/// `withdrawn = "理由"` is appended under the lock, so that the figure is never used again and reports list it as
/// 已撤回; the older vintage of the period, if any, is used again.
pub fn withdraw(
    dir: &Path,
    plan: Option<&str>,
    withdrawal: &Withdrawal,
    today: NaiveDate,
    waiting: impl FnOnce(&Holder),
) -> Result<WithdrawOutcome, Error> {
    let lock = lock(dir, waiting)?;
    let Some(lock) = lock else {
        return Err(Error::NoPlanDir(dir.join("indicators")));
    };
    let dataset = load(&DataSource::Dir(dir.to_path_buf()), plan)?;
    let mut out = WithdrawOutcome {
        name: String::new(),
        unit: String::new(),
        file: String::new(),
        withdrawn: None,
        now_in_use: None,
        refused: None,
    };
    let refuse = |mut out: WithdrawOutcome, field: &str, message: String| {
        out.refused = Some((field.to_string(), message));
        Ok(out)
    };
    let reason = withdrawal.reason.trim();
    if reason.is_empty() {
        return refuse(
            out,
            "withdrawn",
            "撤回理由为空：请用 --reason 写明为何撤回".into(),
        );
    }
    if reason.chars().count() > MAX_TEXT_CHARS {
        return refuse(
            out,
            "withdrawn",
            format!("撤回理由过长（上限 {MAX_TEXT_CHARS} 个字符）"),
        );
    }
    let Some(found) = resolve(&dataset, &withdrawal.indicator) else {
        let message = unknown(&dataset, &withdrawal.indicator);
        return refuse(out, "indicator", message);
    };
    out.name = found.name.clone();
    out.unit = found.unit.clone();
    let series = found.series.clone();
    let Some(in_use) = dataset.history.period_value(&series, withdrawal.period) else {
        let message = format!(
            "{} 没有已录入的数值，无需撤回",
            withdrawal.period.label_zh()
        );
        return refuse(out, "period", message);
    };
    let Some(file) = series_files(dir, &dataset.plan.id)
        .into_iter()
        .find(|f| f.series == series)
        .map(|f| f.relative)
    else {
        return refuse(out, "file", "找不到该指标的数据文件".into());
    };
    out.file = file.clone();
    out.withdrawn = Some((in_use.value, in_use.status));
    let path = dir.join(&file);
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    use edit::{toml_float, toml_string};
    let fields = vec![
        ("period", toml_string(&withdrawal.period.to_string())),
        ("value", toml_float(in_use.value)),
        ("status", toml_string(status_name(in_use.status))),
        ("source", toml_string(in_use.source.trim())),
        ("recorded", today.format("%Y-%m-%d").to_string()),
        ("withdrawn", toml_string(reason)),
    ];
    let appended = match edit::append(&text, &fields) {
        Ok(a) => a,
        Err(why) => return refuse(out, "file", format!("{file} 无法追加：{why}")),
    };
    let writes = vec![(file.clone(), appended.text)];
    let changed = match load_with_changes(dir, plan, &writes) {
        Ok(changed) => changed,
        Err(Error::Invalid(problems)) => {
            let message = problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("；");
            return refuse(out, "file", message);
        }
        Err(other) => return Err(other),
    };
    out.now_in_use = changed
        .history
        .period_value(&series, withdrawal.period)
        .map(|o| (o.value, o.status));
    journal::commit(&lock, &writes)?;
    Ok(out)
}

/// The Chinese name of a history field.
pub fn field_zh(field: &str) -> &str {
    match field {
        "indicator" => "指标",
        "period" => "时期",
        "value" => "数值",
        "status" => "状态",
        "source" => "来源",
        "quote" => "原文",
        "published" => "发布日期",
        "recorded" => "录入日期",
        "note" => "备注",
        "accepted" => "确认理由",
        "withdrawn" => "撤回理由",
        "explanation" => "情况说明",
        "file" => "数据文件",
        other => other,
    }
}

/// The first text field of a figure longer than [`MAX_TEXT_CHARS`] (or a reason to keep it left empty), with why.
fn too_long(figure: &Figure) -> Option<(String, String)> {
    if figure
        .accepted
        .as_deref()
        .is_some_and(|a| a.trim().is_empty())
    {
        return Some((
            "accepted".to_string(),
            "确认理由为空：请写明为何保留这个数值（如“已与统计公报核对”）".to_string(),
        ));
    }
    let fields = [
        ("source", figure.source.as_str()),
        ("quote", figure.quote.as_str()),
        ("note", figure.note.as_str()),
        ("accepted", figure.accepted.as_deref().unwrap_or("")),
        ("explanation", figure.explanation.as_deref().unwrap_or("")),
    ];
    fields.iter().find_map(|(field, text)| {
        let n = text.chars().count();
        (n > MAX_TEXT_CHARS).then(|| {
            (
                field.to_string(),
                format!("过长（{n} 个字符，上限 {MAX_TEXT_CHARS}）：请只摘录与数值有关的部分"),
            )
        })
    })
}

/// A history file's header: which series it holds.
pub(crate) struct SeriesFile {
    pub relative: String,
    pub series: String,
}

/// Every history file of the plan with the series it holds (files whose header cannot be read are skipped:
/// the loader reports them).
pub(crate) fn series_files(dir: &Path, plan_id: &str) -> Vec<SeriesFile> {
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
pub(crate) fn new_file_name(
    dataset: &Dataset,
    indicator: &Indicator,
    taken: &[SeriesFile],
) -> String {
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
pub(crate) fn new_file_text(indicator: &Indicator) -> String {
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

/// The fields of a figure's new observation, as TOML values, in the shipped files' order.
fn entry_fields(figure: &Figure, recorded: NaiveDate) -> Vec<edit::Field> {
    use edit::{toml_float, toml_string};
    let date = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let mut fields = vec![
        ("period", toml_string(&figure.period.to_string())),
        ("value", toml_float(figure.value)),
        ("status", toml_string(status_name(figure.status))),
        ("source", toml_string(figure.source.trim())),
    ];
    if !figure.quote.trim().is_empty() {
        fields.push(("quote", toml_string(figure.quote.trim())));
    }
    if let Some(p) = figure.published {
        fields.push(("published", date(p)));
    }
    fields.push(("recorded", date(recorded)));
    if !figure.note.trim().is_empty() {
        fields.push(("note", toml_string(figure.note.trim())));
    }
    if let Some(why) = &figure.accepted {
        fields.push(("accepted", toml_string(why.trim())));
    }
    if let Some(e) = figure.explanation.as_deref().map(str::trim)
        && !e.is_empty()
    {
        fields.push(("explanation", toml_string(e)));
    }
    fields
}

/// Appends one observation to a history file's text, keeping everything already in it; the new text and the
/// line the entry starts on.
fn append(text: &str, figure: &Figure, recorded: NaiveDate) -> Result<edit::Appended, String> {
    edit::append(text, &entry_fields(figure, recorded))
}

/// The status as written in history files.
pub fn status_name(status: ObservationStatus) -> &'static str {
    ObservationStatus::NAMES[status as usize]
}

/// The history field a loader problem names, as the column a person filled.
fn field_of(problem_field: &str) -> String {
    problem_field
        .rsplit('.')
        .next()
        .unwrap_or(problem_field)
        .to_string()
}

/// A row for a figure refused before anything is worked out for it.
fn refused(figure: Figure, name: String, unit: String, field: &str, message: String) -> Planned {
    Planned {
        figure,
        name,
        unit,
        file: String::new(),
        change: Change::Problem {
            field: field.into(),
            message,
        },
        warnings: Vec::new(),
        duplicate_of: None,
        in_plan: false,
    }
}

/// Checks a batch of figures against a data directory and works out what each would change.
/// Nothing is written; the data directory must read cleanly as it is. A writer calls this under the data
/// directory's lock ([`lock`]), so that what it reads is what it changes.
pub fn propose(
    dir: &Path,
    plan: Option<&str>,
    figures: Vec<Figure>,
    today: NaiveDate,
) -> Result<Proposal, Error> {
    let source = DataSource::Dir(dir.to_path_buf());
    let dataset = load(&source, plan)?;
    let mut files = series_files(dir, &dataset.plan.id);
    // The new text of every file changed, and where each appended observation starts: (file, line, row index).
    let mut texts: BTreeMap<String, String> = BTreeMap::new();
    let mut starts: Vec<(String, usize, usize)> = Vec::new();
    let mut seen: BTreeMap<(String, Period), usize> = BTreeMap::new();
    let mut rows = Vec::new();
    for (index, figure) in figures.into_iter().enumerate() {
        let Some(found) = resolve(&dataset, &figure.indicator) else {
            let message = unknown(&dataset, &figure.indicator);
            rows.push(refused(
                figure,
                String::new(),
                String::new(),
                "indicator",
                message,
            ));
            continue;
        };
        let Series {
            series,
            name,
            unit,
            indicator,
        } = found;
        if let Some((field, message)) = too_long(&figure) {
            rows.push(refused(figure, name, unit, &field, message));
            continue;
        }
        // One key for repeats, whoever asks: the series and the period.
        let key = (series.clone(), figure.period);
        if let Some(&first) = seen.get(&key) {
            let message = format!("与第 {} 条重复：同一指标同一时期只能填一个数值", first + 1);
            let mut row = refused(figure, name, unit, "period", message);
            row.duplicate_of = Some(first);
            rows.push(row);
            continue;
        }
        seen.insert(key, index);
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
                rows.push(refused(figure, name, unit, "status", message));
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
                let Some(indicator) = indicator else {
                    let message = format!("找不到“{name}”的数据文件");
                    rows.push(refused(figure, name, unit, "file", message));
                    continue;
                };
                let relative = new_file_name(&dataset, indicator, &files);
                files.push(SeriesFile {
                    relative: relative.clone(),
                    series: series.clone(),
                });
                relative
            }
        };
        if change != Change::Unchanged {
            let text = match texts.get(&file) {
                Some(text) => text.clone(),
                None => {
                    let path = dir.join(&file);
                    if std::fs::symlink_metadata(&path).is_ok() {
                        let bytes = std::fs::read(&path).map_err(|source| Error::Io {
                            path: path.clone(),
                            source,
                        })?;
                        String::from_utf8(bytes).map_err(|_| {
                            Error::Usage(format!("{file} 不是 UTF-8 编码的文本，无法追加"))
                        })?
                    } else if let Some(indicator) = indicator {
                        new_file_text(indicator)
                    } else {
                        String::new()
                    }
                }
            };
            match append(&text, &figure, today) {
                Ok(appended) => {
                    starts.push((file.clone(), appended.line, index));
                    texts.insert(file.clone(), appended.text);
                }
                Err(why) => {
                    let message = format!("{file} 无法追加新的观测值：{why}");
                    rows.push(refused(figure, name, unit, "file", message));
                    continue;
                }
            }
        }
        rows.push(Planned {
            figure,
            name,
            unit,
            file,
            change,
            warnings: Vec::new(),
            duplicate_of: None,
            in_plan: false,
        });
    }

    let writes: Vec<(String, String)> = texts.into_iter().collect();
    let row_at = |file: &str, line: usize| {
        starts
            .iter()
            .filter(|(f, start, _)| f == file && *start <= line)
            .max_by_key(|(_, start, _)| *start)
            .map(|(_, _, index)| *index)
    };

    // No write may make a file the loader would refuse: the same size limit on the way in as on the way out.
    let limit = max_file_bytes();
    for (file, text) in &writes {
        if text.len() as u64 > limit {
            let message = format!(
                "录入后 {file} 将有 {:.1} MiB，超过数据文件的读取上限 {} MiB（超过后 validate、status 等都无法读取它）：未写入",
                text.len() as f64 / 1_048_576.0,
                limit / 1_048_576
            );
            for (f, _, index) in &starts {
                if f == file
                    && let Some(row) = rows.get_mut(*index)
                {
                    row.change = Change::Problem {
                        field: "file".into(),
                        message: message.clone(),
                    };
                }
            }
        }
    }
    let too_large = writes.iter().any(|(_, t)| t.len() as u64 > limit);

    let mut other_problems = Vec::new();
    if !writes.is_empty() && !too_large {
        match load_with_changes(dir, plan, &writes) {
            Ok(changed) => {
                let years = plan_years(&source);
                for warning in check_dataset(&changed, &years, today) {
                    if let Some(index) = row_at(&warning.origin.file, warning.origin.line)
                        && let Some(row) = rows.get_mut(index)
                        && warning.period == row.figure.period
                        && !row.is_problem()
                    {
                        if warning.impossible {
                            // No reason keeps an impossible figure: it is refused like a bad field.
                            let field = match warning.check {
                                crate::check::Check::FutureDate
                                | crate::check::Check::PublishedEarly => "published",
                                _ => "value",
                            };
                            row.change = Change::Problem {
                                field: field.into(),
                                message: format!(
                                    "{}（{}；不可能的数值，加 --accept 也不能录入）",
                                    warning.reason,
                                    warning.check.label_zh()
                                ),
                            };
                            row.warnings.clear();
                        } else {
                            row.warnings.push(warning);
                        }
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
    if !needless.is_empty() && other_problems.is_empty() && !too_large {
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
    for row in &mut rows {
        let id = row.figure.indicator.trim();
        row.in_plan = dataset.plan.indicator(id).is_some();
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

    /// 1-based lines of every `[[observation]]` header in a text.
    fn observation_lines(text: &str) -> Vec<usize> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.trim_start().starts_with("[[observation]]"))
            .map(|(i, _)| i + 1)
            .collect()
    }

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
                explanation: None,
            };
            let text = append(FILE, &figure, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
                .unwrap()
                .text;
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
