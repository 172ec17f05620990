//! History files (`history/**/*.toml`): one series per file, its observations and annual targets.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::document::Document;
use crate::model::{
    AnnualKind, AnnualTarget, Attribute, Better, ContextSeries, History, Observation,
    ObservationStatus, Origin, Period, Plan,
};
use crate::model::{Basis, SeriesBreak};
use crate::problem::Problem;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObservation {
    period: Spanned<String>,
    value: Spanned<f64>,
    status: Spanned<String>,
    source: Spanned<String>,
    #[serde(default)]
    quote: String,
    #[serde(default)]
    reliability: String,
    published: Option<Spanned<Datetime>>,
    recorded: Spanned<Datetime>,
    #[serde(default)]
    note: String,
    accepted: Option<Spanned<String>>,
    /// 年末 or 年均, where the statistic says which.
    basis: Option<Spanned<String>>,
    /// Takes back the earlier entry of this period with this value and status (`record --withdraw`).
    withdrawn: Option<Spanned<String>>,
    /// 情况说明 sent with the figure (原因及下一步措施).
    explanation: Option<String>,
}

/// A series break (`[[break]]`): the first year on a new basis, why, and the comparable growth where published.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBreak {
    year: Spanned<i32>,
    reason: Spanned<String>,
    comparable_growth: Option<Spanned<f64>>,
    #[serde(default)]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnnualTarget {
    year: Spanned<i32>,
    value: Option<Spanned<f64>>,
    upper: Option<Spanned<f64>>,
    text: String,
    kind: Option<Spanned<String>>,
    better: Option<Spanned<String>>,
    tolerance: Option<Spanned<f64>>,
    name: Option<String>,
    attribute: Option<Spanned<String>>,
    order: Option<u32>,
    /// 牵头单位.
    department: Option<String>,
    /// 责任单位.
    #[serde(default)]
    responsible: Vec<String>,
    /// 频率 (月/季/半年/年).
    frequency: Option<Spanned<String>>,
    /// 报送时限 of this line (季后25日).
    due: Option<Spanned<super::plan_file::units::RawDue>>,
    /// 考核权重.
    weight: Option<Spanned<f64>>,
    source: Spanned<String>,
    #[serde(default)]
    reliability: String,
    recorded: Spanned<Datetime>,
}

/// Keeps the first place each (series, period, vintage) was seen, to name both places of a duplicate.
#[derive(Default)]
pub struct DuplicateCheck {
    seen: HashMap<(String, String, ObservationStatus, NaiveDate), Origin>,
    context_units: HashMap<String, (String, Origin)>,
}

/// Reads one history file into `history`, reporting every problem found; `headers_only` reads the series it
/// declares and skips its observations (a shared file already read in full for another plan).
pub fn read_history(
    doc: &Document<'_>,
    plan: &Plan,
    history: &mut History,
    duplicates: &mut DuplicateCheck,
    headers_only: bool,
    problems: &mut Vec<Problem>,
) {
    doc.unknown_keys(
        &[
            "indicator",
            "context",
            "name",
            "unit",
            "additive",
            "observation",
            "annual_target",
            "break",
        ],
        problems,
    );
    let series = read_header(doc, plan, history, duplicates, problems);
    if headers_only {
        return;
    }
    let Some(series) = series else {
        // The header is wrong, but every entry is still checked: all problems in one run.
        for (index, value) in doc.array("observation", problems) {
            let path = format!("observation[{}]", index + 1);
            match doc.read::<RawObservation>(value, &path) {
                Ok(raw) => {
                    check_basis(doc, &path, raw.basis.as_ref(), problems);
                    check_observation(doc, &path, raw, problems);
                }
                Err(p) => problems.push(p),
            }
        }
        read_breaks(doc, None, history, problems);
        for (index, value) in doc.array("annual_target", problems) {
            let path = format!("annual_target[{}]", index + 1);
            match doc.read::<RawAnnualTarget>(value, &path) {
                Ok(raw) => {
                    check_annual_target(doc, &path, raw, problems);
                }
                Err(p) => problems.push(p),
            }
        }
        return;
    };
    for (index, value) in doc.array("observation", problems) {
        let path = format!("observation[{}]", index + 1);
        let raw = match doc.read::<RawObservation>(value, &path) {
            Ok(raw) => raw,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let basis = check_basis(doc, &path, raw.basis.as_ref(), problems);
        let withdrawn = raw.withdrawn.clone();
        if let Some(obs) = check_observation(doc, &path, raw, problems) {
            if let Some(reason) = withdrawn {
                withdraw(
                    doc,
                    &path,
                    &series,
                    (obs, reason),
                    history,
                    duplicates,
                    problems,
                );
                continue;
            }
            let key = (
                series.clone(),
                obs.period.to_string(),
                obs.status,
                obs.vintage().1,
            );
            if let Some(first) = duplicates.seen.get(&key) {
                problems.push(Problem {
                    file: doc.file.name.clone(),
                    line: obs.origin.line,
                    column: 1,
                    field: format!("{path}.period"),
                    message: format!(
                        "“{}”的 {} 在同一版本（{}，{}）中重复出现，首次出现在 {}:{}；修订值请用 status = \"revised\" 并写明 published 日期",
                        series, obs.period, obs.status.label_zh(), key.3, first.file, first.line
                    ),
                });
                continue;
            }
            duplicates.seen.insert(key, obs.origin.clone());
            if let Some(basis) = basis {
                history.set_basis(&obs, basis);
            }
            history.add_observation(&series, obs);
        }
    }
    for (index, value) in doc.array("annual_target", problems) {
        let path = format!("annual_target[{}]", index + 1);
        match doc.read::<RawAnnualTarget>(value, &path) {
            Ok(raw) => {
                if let Some(t) = check_annual_target(doc, &path, raw, problems) {
                    if history.annual_target(&series, t.year).is_some() {
                        problems.push(doc.problem(
                            value.span(),
                            format!("{path}.year"),
                            format!("{} 年的年度目标重复", t.year),
                        ));
                    } else {
                        history.add_annual_target(&series, t);
                    }
                }
            }
            Err(p) => problems.push(p),
        }
    }
    read_breaks(doc, Some(&series), history, problems);
}

/// The basis an observation states (`basis = "年末" | "年均"`), if it states a known one.
fn check_basis(
    doc: &Document<'_>,
    path: &str,
    raw: Option<&Spanned<String>>,
    problems: &mut Vec<Problem>,
) -> Option<Basis> {
    let raw = raw?;
    let basis = Basis::from_name(raw.get_ref().trim());
    if basis.is_none() {
        problems.push(doc.problem(
            raw.span(),
            format!("{path}.basis"),
            format!(
                "统计口径“{}”无法识别：应为 {}",
                raw.get_ref(),
                Basis::NAMES.join(" 或 ")
            ),
        ));
    }
    basis
}

/// The series' breaks (`[[break]]`); `series` None: the header is wrong, the entries are only checked.
fn read_breaks(
    doc: &Document<'_>,
    series: Option<&str>,
    history: &mut History,
    problems: &mut Vec<Problem>,
) {
    for (index, value) in doc.array("break", problems) {
        let path = format!("break[{}]", index + 1);
        let raw = match doc.read::<RawBreak>(value, &path) {
            Ok(raw) => raw,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let before = problems.len();
        let year = *raw.year.get_ref();
        if !super::YEAR_RANGE.contains(&year) {
            problems.push(doc.problem(raw.year.span(), format!("{path}.year"), year_message(year)));
        }
        if raw.reason.get_ref().trim().is_empty() {
            problems.push(doc.problem(
                raw.reason.span(),
                format!("{path}.reason"),
                "reason 写明口径调整的原因（如“第七次全国人口普查后修订”），不能为空",
            ));
        }
        let growth = raw.comparable_growth.as_ref().map(|g| *g.get_ref());
        if let (Some(g), Some(span)) = (growth, raw.comparable_growth.as_ref().map(|g| g.span()))
            && let Some(message) = super::value_problem(g)
        {
            problems.push(doc.problem(span, format!("{path}.comparable_growth"), message));
        }
        let Some(series) = series else {
            continue;
        };
        if history.breaks(series).iter().any(|b| b.year == year) {
            problems.push(doc.problem(
                raw.year.span(),
                format!("{path}.year"),
                format!("{year} 年的口径调整重复"),
            ));
        }
        if problems.len() > before {
            continue;
        }
        history.add_break(
            series,
            SeriesBreak {
                year,
                reason: raw.reason.into_inner(),
                comparable_growth_pct: growth,
                source: raw.source,
                origin: Origin {
                    file: doc.file.name.clone(),
                    line: doc.line_col(raw.year.span().start).0,
                },
            },
        );
    }
}

fn read_header(
    doc: &Document<'_>,
    plan: &Plan,
    history: &mut History,
    duplicates: &mut DuplicateCheck,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    let string = |key: &str, problems: &mut Vec<Problem>| -> Option<Spanned<String>> {
        let v = doc.get(key)?;
        doc.read::<Spanned<String>>(v, key)
            .map_err(|p| problems.push(p))
            .ok()
    };
    let indicator = string("indicator", problems);
    let context = string("context", problems);
    let name = string("name", problems);
    let unit = string("unit", problems);
    match (indicator, context) {
        (Some(id), None) => {
            let Some(ind) = plan.indicator(id.get_ref()) else {
                problems.push(doc.problem(
                    id.span(),
                    "indicator",
                    format!(
                        "指标“{}”不在规划“{}”中：请用规划中的指标序号（如 \"1\"、\"17.1\"），或用 context = \"…\" 记录规划外的背景数据",
                        id.get_ref(),
                        plan.short_name
                    ),
                ));
                return None;
            };
            if let Some(series) = &ind.series {
                problems.push(doc.problem(
                    id.span(),
                    "indicator",
                    format!("指标 {} 的数据取自共享序列“{series}”（见规划文件）：请把观测值写在 context = \"{series}\" 的文件中，以免同一数据存两处", ind.id),
                ));
                return None;
            }
            if let Some(n) = name {
                problems.push(doc.problem(
                    n.span(),
                    "name",
                    "规划指标的名称以规划文件为准，历史数据文件中不要再写 name",
                ));
            }
            match &unit {
                Some(u) if u.get_ref() != &ind.unit => {
                    problems.push(doc.problem(
                        u.span(),
                        "unit",
                        format!(
                            "单位“{}”与规划中指标 {}（{}）的单位“{}”不一致",
                            u.get_ref(),
                            ind.id,
                            ind.name,
                            ind.unit
                        ),
                    ));
                    return None;
                }
                Some(_) => {}
                None => {
                    problems.push(doc.problem(
                        0..0,
                        "unit",
                        format!("缺少 unit：请写明单位，应与规划一致（“{}”）", ind.unit),
                    ));
                    return None;
                }
            }
            Some(id.into_inner())
        }
        (None, Some(id)) => {
            let additive = match doc.get("additive") {
                None => false,
                Some(v) => match doc.read::<Spanned<bool>>(v, "additive") {
                    Ok(a) => {
                        let rate = unit
                            .as_ref()
                            .is_some_and(|u| u.get_ref().contains(['%', '‰']));
                        if *a.get_ref() && rate {
                            problems.push(doc.problem(
                                a.span(),
                                "additive",
                                "比率和占比不能跨地区相加：单位为 % 或 ‰ 的序列不能写 additive = true",
                            ));
                        }
                        *a.get_ref() && !rate
                    }
                    Err(p) => {
                        problems.push(p);
                        false
                    }
                },
            };
            let (Some(name), Some(unit)) = (name, unit) else {
                problems.push(doc.problem(
                    id.span(),
                    "context",
                    "背景数据序列需要 name（名称）和 unit（单位）",
                ));
                return None;
            };
            let origin = Origin {
                file: doc.file.name.clone(),
                line: doc.line_col(id.span().start).0,
            };
            if let Some((known_unit, first)) = duplicates.context_units.get(id.get_ref()) {
                if known_unit != unit.get_ref() {
                    problems.push(doc.problem(
                        unit.span(),
                        "unit",
                        format!(
                            "背景序列“{}”在 {}:{} 的单位是“{}”，此处却是“{}”",
                            id.get_ref(),
                            first.file,
                            first.line,
                            known_unit,
                            unit.get_ref()
                        ),
                    ));
                    return None;
                }
            } else {
                duplicates
                    .context_units
                    .insert(id.get_ref().clone(), (unit.get_ref().clone(), origin));
                history.context.push(ContextSeries {
                    id: id.get_ref().clone(),
                    name: name.into_inner(),
                    unit: unit.get_ref().clone(),
                    additive,
                });
            }
            // An indicator id may equal a series id only when that indicator draws on this very series.
            if plan
                .indicator(id.get_ref())
                .is_some_and(|ind| ind.series.as_deref() != Some(id.get_ref().as_str()))
            {
                problems.push(doc.problem(
                    id.span(),
                    "context",
                    format!(
                        "“{}”是规划指标的序号，请改用 indicator = \"{}\"",
                        id.get_ref(),
                        id.get_ref()
                    ),
                ));
                return None;
            }
            Some(id.into_inner())
        }
        (Some(id), Some(_)) => {
            problems.push(doc.problem(
                id.span(),
                "indicator",
                "一个文件只能写 indicator 或 context 其中之一",
            ));
            None
        }
        (None, None) => {
            problems.push(doc.problem(
                0..0,
                "indicator",
                "文件没有说明数据属于哪个序列：请写 indicator = \"指标序号\"，或 context = \"背景序列名\"",
            ));
            None
        }
    }
}

fn date(
    doc: &Document<'_>,
    value: &Spanned<Datetime>,
    field: &str,
    problems: &mut Vec<Problem>,
) -> Option<NaiveDate> {
    let d = value.get_ref();
    let parsed = match (d.date, d.time) {
        (Some(date), None) => NaiveDate::from_ymd_opt(
            i32::from(date.year),
            u32::from(date.month),
            u32::from(date.day),
        ),
        _ => None,
    };
    if parsed.is_none() {
        problems.push(doc.problem(
            value.span(),
            field,
            format!("“{d}”不是日期：应写成 2025-12-26 这样的日期（不加引号、不带时间）"),
        ));
    }
    parsed
}

/// A withdrawal entry: the earlier entry it names is taken back, or the entry is a problem.
fn withdraw(
    doc: &Document<'_>,
    path: &str,
    series: &str,
    (obs, reason): (Observation, Spanned<String>),
    history: &mut History,
    duplicates: &mut DuplicateCheck,
    problems: &mut Vec<Problem>,
) {
    if reason.get_ref().trim().is_empty() {
        problems.push(doc.problem(
            reason.span(),
            format!("{path}.withdrawn"),
            "withdrawn 写明撤回的理由（如“误将 27.5 录为 275”），不能为空",
        ));
        return;
    }
    let (period, value, status, line) = (obs.period, obs.value, obs.status, obs.origin.line);
    let withdrawal = crate::model::Withdrawn {
        reason: reason.into_inner(),
        recorded: obs.recorded,
        origin: obs.origin.clone(),
        observation: obs,
    };
    // The vintages taken back no longer count as repeats: the right figure may be recorded again on the same day.
    for o in history.all_vintages(series) {
        if o.period == period && o.status == status && o.value.to_bits() == value.to_bits() {
            let key = (
                series.to_string(),
                period.to_string(),
                o.status,
                o.vintage().1,
            );
            duplicates.seen.remove(&key);
        }
    }
    if history.withdraw(series, withdrawal) == 0 {
        problems.push(Problem {
            file: doc.file.name.clone(),
            line,
            column: 1,
            field: format!("{path}.withdrawn"),
            message: format!(
                "要撤回的 {period} 数值 {}（{}）在本文件此前的条目中没有：撤回只能针对已录入的数值",
                crate::text::fmt_number(value, 6),
                status.label_zh()
            ),
        });
    }
}

fn check_observation(
    doc: &Document<'_>,
    path: &str,
    raw: RawObservation,
    problems: &mut Vec<Problem>,
) -> Option<Observation> {
    let before = problems.len();
    let period = raw
        .period
        .get_ref()
        .parse::<Period>()
        .map_err(|e| {
            problems.push(doc.problem(raw.period.span(), format!("{path}.period"), e.to_string()))
        })
        .ok();
    if let Some(period) = &period
        && !super::YEAR_RANGE.contains(&period.year)
    {
        problems.push(doc.problem(
            raw.period.span(),
            format!("{path}.period"),
            year_message(period.year),
        ));
    }
    let value = *raw.value.get_ref();
    if let Some(message) = super::value_problem(value) {
        problems.push(doc.problem(raw.value.span(), format!("{path}.value"), message));
    }
    let status = match raw.status.get_ref().as_str() {
        "estimate" | "预计" => Some(ObservationStatus::Estimate),
        "preliminary" | "初步" => Some(ObservationStatus::Preliminary),
        "final" | "最终" => Some(ObservationStatus::Final),
        "revised" | "修订" => Some(ObservationStatus::Revised),
        other => {
            problems.push(doc.problem(
                raw.status.span(),
                format!("{path}.status"),
                format!(
                    "数据状态“{other}”无法识别：应为 {}",
                    ObservationStatus::NAMES.join("、")
                ),
            ));
            None
        }
    };
    if raw.source.get_ref().trim().is_empty() {
        problems.push(doc.problem(
            raw.source.span(),
            format!("{path}.source"),
            "来源不能为空：没有来源的数值不能使用",
        ));
    }
    let published = raw
        .published
        .as_ref()
        .and_then(|p| date(doc, p, &format!("{path}.published"), problems));
    let recorded = date(doc, &raw.recorded, &format!("{path}.recorded"), problems);
    if let Some(accepted) = &raw.accepted
        && accepted.get_ref().trim().is_empty()
    {
        problems.push(doc.problem(
            accepted.span(),
            format!("{path}.accepted"),
            "accepted 写明为何保留这个数值（如“已与统计公报核对”），不能为空",
        ));
    }
    if problems.len() > before {
        return None;
    }
    let line = doc.line_col(raw.period.span().start).0;
    Some(Observation {
        period: period?,
        value,
        status: status?,
        source: raw.source.into_inner(),
        quote: raw.quote,
        reliability: raw.reliability,
        published,
        recorded: recorded?,
        note: raw.note,
        accepted: raw.accepted.map(Spanned::into_inner),
        explanation: raw
            .explanation
            .map(|e| e.trim().to_string())
            .filter(|e| !e.is_empty()),
        origin: Origin {
            file: doc.file.name.clone(),
            line,
        },
    })
}

fn year_message(year: i32) -> String {
    format!(
        "年份 {year} 超出合理范围（{}–{} 年）：请检查是否输错",
        super::YEAR_RANGE.start(),
        super::YEAR_RANGE.end()
    )
}

fn check_annual_target(
    doc: &Document<'_>,
    path: &str,
    raw: RawAnnualTarget,
    problems: &mut Vec<Problem>,
) -> Option<AnnualTarget> {
    let before = problems.len();
    let kind = match &raw.kind {
        None => AnnualKind::Level,
        Some(k) => AnnualKind::from_name(k.get_ref()).unwrap_or_else(|| {
            problems.push(doc.problem(
                k.span(),
                format!("{path}.kind"),
                format!(
                    "年度目标类型“{}”无效：应为 {}（增速、水平、年度总量、方向、与经济增长对照、省下达）",
                    k.get_ref(),
                    AnnualKind::NAMES.join(" / ")
                ),
            ));
            AnnualKind::Level
        }),
    };
    let better = raw
        .better
        .as_ref()
        .and_then(|b| match b.get_ref().as_str() {
            "higher" => Some(Better::Higher),
            "lower" => Some(Better::Lower),
            other => {
                problems.push(doc.problem(
                    b.span(),
                    format!("{path}.better"),
                    format!("“{other}”无效：应为 higher（越高越好）或 lower（越低越好）"),
                ));
                None
            }
        });
    let attribute = raw
        .attribute
        .as_ref()
        .and_then(|a| match a.get_ref().as_str() {
            "binding" => Some(Attribute::Binding),
            "expected" => Some(Attribute::Expected),
            other => {
                problems.push(doc.problem(
                    a.span(),
                    format!("{path}.attribute"),
                    format!("“{other}”无效：应为 binding（约束性）或 expected（预期性）"),
                ));
                None
            }
        });
    if raw.value.is_none()
        && !matches!(
            kind,
            AnnualKind::Direction | AnnualKind::InStep | AnnualKind::Assigned
        )
    {
        problems.push(doc.problem(
            raw.year.span(),
            format!("{path}.value"),
            format!(
                "缺少 value：{}需要目标数值（只有方向性目标 kind = \"direction\" 可以不写）",
                kind.label_zh()
            ),
        ));
    }
    if !super::YEAR_RANGE.contains(raw.year.get_ref()) {
        problems.push(doc.problem(
            raw.year.span(),
            format!("{path}.year"),
            year_message(*raw.year.get_ref()),
        ));
    }
    for (v, field) in [
        (raw.value.as_ref(), "value"),
        (raw.upper.as_ref(), "upper"),
        (raw.tolerance.as_ref(), "tolerance"),
    ] {
        if let Some(v) = v
            && let Some(message) = super::value_problem(*v.get_ref())
        {
            problems.push(doc.problem(v.span(), format!("{path}.{field}"), message));
        }
    }
    if let Some(t) = &raw.tolerance
        && *t.get_ref() < 0.0
    {
        problems.push(doc.problem(t.span(), format!("{path}.tolerance"), "容差不能为负数"));
    }
    let value = raw.value.as_ref().map(|v| *v.get_ref());
    if let (Some(upper), Some(value)) = (&raw.upper, value)
        && *upper.get_ref() < value
    {
        problems.push(doc.problem(
            upper.span(),
            format!("{path}.upper"),
            format!("区间上限 {} 小于下限 {value}", upper.get_ref()),
        ));
    }
    if raw.source.get_ref().trim().is_empty() {
        problems.push(doc.problem(raw.source.span(), format!("{path}.source"), "来源不能为空"));
    }
    let recorded = date(doc, &raw.recorded, &format!("{path}.recorded"), problems);
    let frequency = super::frequency(
        doc,
        raw.frequency.as_ref(),
        &format!("{path}.frequency"),
        problems,
    );
    let due = super::plan_file::units::due(doc, raw.due.as_ref(), &format!("{path}.due"), problems);
    let weight = super::plan_file::units::weight(
        doc,
        raw.weight.as_ref(),
        &format!("{path}.weight"),
        problems,
    );
    if problems.len() > before {
        return None;
    }
    Some(AnnualTarget {
        year: *raw.year.get_ref(),
        value,
        upper: raw.upper.map(Spanned::into_inner),
        text: raw.text,
        kind,
        better,
        tolerance: raw.tolerance.map(Spanned::into_inner),
        name: raw.name,
        attribute,
        order: raw.order,
        department: super::unit_names(raw.department.into_iter().collect())
            .into_iter()
            .next(),
        responsible: super::unit_names(raw.responsible),
        frequency,
        due,
        weight,
        source: raw.source.into_inner(),
        reliability: raw.reliability,
        recorded: recorded?,
        origin: Origin {
            file: doc.file.name.clone(),
            line: doc.line_col(raw.year.span().start).0,
        },
    })
}
