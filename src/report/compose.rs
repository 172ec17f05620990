//! The report's text, in the register of an official evaluation: the overall picture, each category, each lagging
//! indicator, the headline goals, placeholders for the authors, and the appendices. Every number is read from the
//! assessment; nothing is computed here.

use super::cells::{self, GAP, ordinal};
use super::charts::ChartIndex;
use super::document::{Block, Document, Table};
use super::{Counts, Report, ReportKind, annual, headline_text, sources};
use crate::assess::{Assessment, ProjectionMethod, Status, projection};
use crate::model::{Indicator, Plan};
use crate::text::{fmt_number, fmt_pct};

pub fn compose(report: &Report<'_>, charts: &ChartIndex) -> Document {
    let mut doc = Document {
        title: report.official_title(),
        blocks: Vec::new(),
    };
    doc.heading(1, report.official_title());
    doc.blocks.push(Block::Meta(meta(report)));
    let mut section = 0;
    let mut next = || {
        section += 1;
        ordinal(section)
    };
    overall(&mut doc, report, charts, &next());
    if report.kind == ReportKind::Annual {
        annual::section(&mut doc, report, &next());
    }
    by_category(&mut doc, report, &next());
    behind(&mut doc, report, charts, &next());
    if let Some(regions) = report.regions {
        super::regions::section(&mut doc, report, regions, charts, &next());
    }
    headline_text::section(&mut doc, report, charts, &next());
    next_steps(&mut doc, report, &next());
    appendices(&mut doc, report, charts);
    number_figures(&mut doc);
    doc
}

fn meta(report: &Report<'_>) -> Vec<String> {
    let plan = &report.dataset.plan;
    let mut sentences = vec![
        format!(
            "本报告为{}{}，评估对象为{}（{}—{}年，基期{}年），规划依据为{}，评估截至{}年。",
            plan.short_or_name(),
            report.title_kind(),
            plan.name,
            plan.start_year,
            plan.end_year,
            plan.baseline_year,
            plan.source,
            report.as_of
        ),
        "评估方法、计算过程和数据来源见附录。".to_string(),
    ];
    if let Some(note) = no_data_note(report) {
        sentences.push(note);
    }
    if let Some(stamp) = &report.stamp {
        sentences.push(format!("生成时间：{stamp}。"));
    }
    sentences
}

/// "2026—2028年尚无任何指标的全年数据…", where the as-of year runs past the data.
fn no_data_note(report: &Report<'_>) -> Option<String> {
    let (a, b) = report.years_without_data()?;
    let years = if a == b {
        format!("{a}年")
    } else {
        format!("{a}—{b}年")
    };
    let basis = match report.data_end {
        Some(y) if y > report.dataset.plan.baseline_year => format!("{y}年及以前的数据"),
        _ => "基期数据".to_string(),
    };
    Some(format!(
        "{years}尚无任何指标的全年数据，本报告按{basis}评估，相关结论待数据发布后更新。"
    ))
}

/// "提前实现2项、滞后1项": the statuses present, in the order of the national review, in the plan's words.
fn counts_text(plan: &Plan, counts: &Counts) -> String {
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{}{}项", plan.status_label(*s), counts.get(*s)))
        .collect();
    if parts.is_empty() {
        "无".to_string()
    } else {
        parts.join("、")
    }
}

fn counts_row(label: &str, counts: &Counts) -> Vec<String> {
    let mut row = vec![label.to_string(), counts.total.to_string()];
    row.extend(Status::ALL.iter().map(|s| counts.get(*s).to_string()));
    row
}

fn time_text(report: &Report<'_>) -> String {
    let plan = &report.dataset.plan;
    let elapsed = report.elapsed_pct().map_or(String::new(), |e| {
        format!("，时间进度{}%", fmt_number(e, 1))
    });
    match (report.kind, report.years_run()) {
        (_, None) => format!(
            "评估截至{}年，为规划基期，规划实施期（{}—{}年）尚未开始{elapsed}。",
            report.as_of, plan.start_year, plan.end_year
        ),
        (ReportKind::Midterm, Some((start, end))) => format!(
            "规划实施已满{}年（{start}—{end}年），对照{}—{}年的规划期{elapsed}。",
            end - start + 1,
            plan.start_year,
            plan.end_year
        ),
        (ReportKind::Final, Some((start, end))) if end >= plan.end_year => format!(
            "规划实施期（{start}—{}年）已经结束，本报告评估截至{end}年规划目标的实现情况{elapsed}。",
            plan.end_year
        ),
        (ReportKind::Final, Some((start, end))) => format!(
            "规划实施已满{}年（{start}—{end}年），规划期到{}年尚未结束{elapsed}。",
            end - start + 1,
            plan.end_year
        ),
        (ReportKind::Annual | ReportKind::Execution | ReportKind::Notice, Some((start, end))) => {
            format!(
                "{end}年是规划实施的第{}年（规划期{start}—{}年）{elapsed}。",
                end - start + 1,
                plan.end_year
            )
        }
    }
}

fn overall(doc: &mut Document, report: &Report<'_>, charts: &ChartIndex, n: &str) {
    let plan = &report.dataset.plan;
    let all = report.counts();
    let binding = report.binding_counts();
    doc.heading(2, format!("{n}、总体情况"));
    // An indicator of two measured parts (17.1, 17.2) is one of the plan's indicators.
    let official: std::collections::BTreeSet<&str> = report
        .items()
        .map(|(i, _)| i.number().split('.').next().unwrap_or(""))
        .collect();
    let count = if official.len() == all.total {
        format!("{}项主要指标", all.total)
    } else {
        format!("{}项主要指标（{}个计量项）", official.len(), all.total)
    };
    doc.paragraph(format!(
        "{}（以下简称“{}”规划）确定了{count}，其中约束性指标{}项。{}",
        plan.name,
        plan.short_or_name(),
        binding.total,
        time_text(report)
    ));
    doc.paragraph(format!(
        "截至{}年，{}项指标中{}。",
        report.as_of,
        all.total,
        counts_text(plan, &all)
    ));
    if binding.total > 0 {
        let alerts = report.assessment.binding_alerts();
        let alert_text = if alerts > 0 {
            format!("{alerts}项约束性指标进度滞后，已列为预警，须作为重点督办事项")
        } else if binding.get(Status::NotAssessable) == binding.total {
            "约束性指标均因缺少数据无法评估".to_string()
        } else {
            "约束性指标中无滞后指标".to_string()
        };
        doc.paragraph(format!(
            "约束性指标{}项：{}；{alert_text}。",
            binding.total,
            counts_text(plan, &binding)
        ));
    }
    let unknown = all.get(Status::NotAssessable);
    if unknown * 2 > all.total {
        doc.paragraph(format!(
            "需要说明的是，{}项指标中有{unknown}项无法评估，主要原因是基期之后的统计数据尚未发布或尚未录入监测数据；各项原因见下表，数据补齐后重新生成本报告即可更新评估结论。",
            all.total
        ));
    }

    doc.heading(3, "（一）评估结果汇总");
    let mut columns = vec![("类别", false), ("指标数", true)];
    columns.extend(Status::ALL.iter().map(|s| (plan.status_label(*s), true)));
    let mut table = Table::new(&columns);
    if binding.total > 0 {
        table.row(counts_row("约束性指标", &binding));
    }
    for (category, counts) in report.category_counts() {
        table.row(counts_row(&category, &counts));
    }
    table.row(counts_row("合计", &all));
    doc.table(table);
    if let Some(stem) = &charts.overview {
        doc.chart(
            stem.clone(),
            format!("截至{}年各类指标评估状态", report.as_of),
        );
    }

    doc.heading(3, "（二）约束性指标");
    let binding_items: Vec<(&Indicator, &Assessment)> =
        report.items().filter(|(i, _)| i.is_binding()).collect();
    if binding_items.is_empty() {
        doc.paragraph("本规划未设约束性指标。");
    } else {
        let mut table = Table::new(&[
            ("序号", false),
            ("指标", false),
            ("最新", true),
            ("目标", false),
            ("状态", false),
            ("原因", false),
        ]);
        for (i, a) in binding_items {
            table.row(vec![
                i.number().to_string(),
                cells::name(i),
                with_unit(&cells::latest(a), &i.unit),
                cells::target(i, plan.end_year),
                cells::status(plan, a),
                a.reason.clone(),
            ]);
        }
        doc.table(table);
    }

    doc.heading(3, "（三）无法评估的指标及原因");
    let unknown_items = report.not_assessable();
    if unknown_items.is_empty() {
        doc.paragraph("全部指标均可评估。");
    } else {
        let mut table = Table::new(&[("序号", false), ("指标", false), ("原因", false)]);
        for (i, a) in unknown_items {
            table.row(vec![
                i.number().to_string(),
                cells::name(i),
                a.reason.clone(),
            ]);
        }
        doc.table(table);
    }
    let noted: Vec<(&Indicator, &Assessment)> = report
        .items()
        .filter(|(_, a)| !a.notes.is_empty())
        .collect();
    if !noted.is_empty() {
        doc.paragraph("评估时需要注意的情况（表中以※标示）：");
        let mut table = Table::new(&[("序号", false), ("指标", false), ("提示", false)]);
        for (i, a) in noted {
            for note in &a.notes {
                table.row(vec![
                    i.number().to_string(),
                    cells::name(i),
                    note.text.clone(),
                ]);
            }
        }
        doc.table(table);
    }
}

/// A cell with the unit after its number ("31.4（2025年）" → "31.4万人（2025年）"); words such as "5以上" or
/// "完成省下达目标" are left as the plan wrote them.
fn with_unit(cell: &str, unit: &str) -> String {
    let (number, rest) = match cell.split_once('（') {
        Some((number, rest)) => (number, format!("（{rest}")),
        None => (cell, String::new()),
    };
    if unit.is_empty() || number.trim().parse::<f64>().is_err() {
        return cell.to_string();
    }
    format!("{number}{unit}{rest}")
}

/// The caption of an indicator's chart: its name, then its number in the plan ("城镇化率（序号9）").
fn chart_caption(i: &Indicator) -> String {
    format!("{}（序号{}）", i.display_name(), i.number())
}

/// Numbers the figures in order of appearance: 图1, 图2, …
fn number_figures(doc: &mut Document) {
    let mut n = 0;
    for block in &mut doc.blocks {
        if let Block::Chart { caption, .. } = block {
            n += 1;
            *caption = format!("图{n} {caption}");
        }
    }
}

fn by_category(doc: &mut Document, report: &Report<'_>, n: &str) {
    let plan = &report.dataset.plan;
    doc.heading(2, format!("{n}、分类评估"));
    doc.paragraph(
        "各表按规划表的指标序号排列。“完成/时间”为时序进度：目标完成度对规划时间进度；“还需年均”为实现目标今后每年需达到的增速（累计类目标为每年需完成量）。",
    );
    for (k, (category, counts)) in report.category_counts().into_iter().enumerate() {
        doc.heading(3, format!("（{}）{category}", ordinal(k + 1)));
        doc.paragraph(format!(
            "本类指标{}项：{}。",
            counts.total,
            counts_text(plan, &counts)
        ));
        let mut table = Table::new(&[
            ("序号", false),
            ("指标", false),
            ("单位", false),
            ("属性", false),
            ("基期", true),
            ("最新", true),
            ("目标", false),
            ("状态", false),
            ("完成/时间", true),
            ("还需年均", true),
        ]);
        for (i, a) in report.items().filter(|(i, _)| i.category == category) {
            table.row(vec![
                i.number().to_string(),
                cells::name(i),
                cells::unit(i),
                i.attribute.label_zh().to_string(),
                cells::baseline(i, a, plan.baseline_year),
                cells::latest(a),
                cells::target(i, plan.end_year),
                cells::status(plan, a),
                cells::progress(a),
                cells::required(i, a),
            ]);
        }
        doc.table(table);
    }
    doc.paragraph("注：▲为省规划新增指标，★为市规划新增指标。");
}

fn behind(doc: &mut Document, report: &Report<'_>, charts: &ChartIndex, n: &str) {
    doc.heading(2, format!("{n}、滞后指标分析"));
    let behind = report.behind();
    if behind.is_empty() {
        let unknown = report.counts().get(Status::NotAssessable);
        let extra = if unknown > 0 {
            format!("；另有{unknown}项指标无法评估（见“总体情况”），数据补齐后需再行判断")
        } else {
            String::new()
        };
        doc.paragraph(format!(
            "截至{}年，可评估的指标中未发现滞后指标{extra}。",
            report.as_of
        ));
        return;
    }
    let binding = behind.iter().filter(|(i, _)| i.is_binding()).count();
    let plan = &report.dataset.plan;
    doc.paragraph(format!(
        "截至{}年，{}（含{}）指标共{}项，其中约束性指标{binding}项。以下按约束性指标在前、严重滞后在前、其余按规划序号的顺序逐项分析。",
        report.as_of,
        plan.status_label(Status::Lagging),
        plan.status_label(Status::OffTrack),
        behind.len()
    ));
    for (k, (i, a)) in behind.into_iter().enumerate() {
        let binding = if i.is_binding() {
            "（约束性）"
        } else {
            ""
        };
        doc.heading(
            3,
            format!(
                "（{}）{} {}{binding}",
                ordinal(k + 1),
                i.number(),
                i.display_name()
            ),
        );
        doc.bullets(lagging_points(report, i, a));
        if let Some(stem) = charts.by_indicator.get(&i.id) {
            doc.chart(stem.clone(), chart_caption(i));
        }
    }
}

fn lagging_points(report: &Report<'_>, i: &Indicator, a: &Assessment) -> Vec<String> {
    debug_assert!(a.status.is_behind());
    let plan = &report.dataset.plan;
    let unit = &i.unit;
    let base = cells::baseline(i, a, plan.baseline_year);
    let base = if base == GAP {
        "无数值".to_string()
    } else {
        with_unit(&base, unit)
    };
    let mut points = vec![format!(
        "现状：基期{base}，最新{}，目标{}。",
        with_unit(&cells::latest(a), unit),
        with_unit(&cells::target(i, plan.end_year), unit)
    )];
    points.push(format!("评估：{}。{}。", cells::status(plan, a), a.reason));
    for note in &a.notes {
        points.push(format!("提示：{}。", note.text));
    }
    let mut gap = Vec::new();
    if let (Some(c), Some(e)) = (a.completion_pct, a.elapsed_pct) {
        gap.push(format!(
            "目标完成度{}%，时间进度{}%",
            fmt_number(c, 1),
            fmt_number(e, 1)
        ));
    }
    let gap_text = gap_text(a);
    let target_year_over = matches!(
        a.remaining,
        crate::assess::Remaining::TargetYearPassed { .. }
    );
    if let Some(text) = gap_text.as_ref().filter(|_| !target_year_over) {
        gap.push(text.clone());
    }
    if !gap.is_empty() {
        points.push(format!("差距：{}。", gap.join("；")));
    }
    if target_year_over {
        // The target year is over: nothing is "still needed" any more.
        points.push(format!(
            "目标年已过：{}年目标未实现{}。",
            i.target.year,
            gap_text.map_or(String::new(), |g| format!("（{g}）"))
        ));
    } else {
        match (a.required_growth_pct, a.required_per_year) {
            (Some(r), _) => points.push(format!(
                "还需增长：实现{}年目标，今后需年均增长{}。",
                i.target.year,
                fmt_pct(r)
            )),
            (None, Some(per_year)) => points.push(format!(
                "还需完成：其余年份每年需完成{}。",
                cells::value(per_year, unit)
            )),
            _ => {}
        }
    }
    if let Some(p) = &a.projection {
        let mut text = format!(
            "趋势外推：按{}（{}—{}年{}个年度值）推算，{}年约为{}",
            p.method.label_zh(),
            p.from_year,
            p.to_year,
            p.points,
            p.year,
            cells::value(p.value, unit)
        );
        if let (Some(low), Some(high)) = (p.low, p.high) {
            text.push_str(&format!(
                "，{}%预测区间为{}—{}",
                fmt_number(projection::INTERVAL_LEVEL * 100.0, 0),
                cells::value(low, unit),
                cells::value(high, unit)
            ));
        }
        if let Some(prob) = p.probability {
            text.push_str(&format!("，达到目标的概率约{}", fmt_pct(prob * 100.0)));
        } else if p.method != ProjectionMethod::LeastSquares {
            text.push_str("（数据点少于3个，不计算预测区间和概率）");
        }
        if let Some(grade) = a.projection_grade {
            text.push_str(&format!("；{}", grade.label_zh()));
        }
        text.push('。');
        points.push(text);
    }
    if a.moving_away {
        points.push("提示：指标正在向背离目标的方向变化。".to_string());
    }
    points
}

/// How far from the target: an average-growth target against the average achieved so far, in percentage points
/// (never one year's growth against a five-year average); any other against the latest value, as a share of the
/// target.
fn gap_text(a: &Assessment) -> Option<String> {
    a.gap.as_ref().map(crate::present::words::gap)
}

fn next_steps(doc: &mut Document, report: &Report<'_>, n: &str) {
    doc.heading(2, format!("{n}、下一步工作"));
    doc.placeholder("【待填写】针对滞后指标的主要原因分析和改进措施（责任单位、时间节点）。");
    if report.counts().get(Status::NotAssessable) > 0 {
        doc.placeholder("【待填写】无法评估指标的数据补充安排（数据来源、发布时间、责任单位）。");
    }
    match report.kind {
        ReportKind::Annual | ReportKind::Execution | ReportKind::Notice => {
            doc.placeholder("【待填写】下一年度推进规划实施的工作重点。")
        }
        ReportKind::Midterm => doc.placeholder("【待填写】规划后半程推进规划实施的工作重点。"),
        ReportKind::Final => doc.placeholder(
            "【待填写】规划实施的主要经验与存在问题，以及对下一个五年规划的衔接建议。",
        ),
    }
}

/// The steps of an indicator's working that compute something: the givens (base, latest value, target, annual
/// target, notes) stand in the text's tables, and so does the conclusion of an indicator that cannot be assessed;
/// a trend that cannot be projected is no step.
fn worked(a: &Assessment) -> Vec<String> {
    const GIVEN: &[&str] = &["基期", "最新数据", "目标", "年度目标", "提示"];
    a.working
        .iter()
        .filter(|s| !GIVEN.contains(&s.label.as_str()))
        .filter(|s| !(s.label == "结论" && a.status == Status::NotAssessable))
        .filter(|s| !(s.label == "趋势外推" && s.text.starts_with("年度数据不足")))
        .map(|s| format!("{}：{}", s.label, s.text))
        .collect()
}

fn appendices(doc: &mut Document, report: &Report<'_>, charts: &ChartIndex) {
    let mut k = 0;
    let mut next = || {
        k += 1;
        ordinal(k)
    };
    doc.heading(2, format!("附录{} 评估方法与阈值", next()));
    doc.bullets(sources::method(report));
    doc.heading(2, format!("附录{} 规划实施以来各年数据", next()));
    doc.table(sources::yearly_table(report));
    doc.heading(2, format!("附录{} 数据来源与版本", next()));
    doc.paragraph(
        "下表列出评估所用的每一个数值及其时期、版本和来源（以编号注明，来源全称列于表后）。同一时期有多个版本时，采用最新版本（修订 > 最终 > 初步 > 预计，同一状态取日期较晚者），旧版本一并列出备查。",
    );
    let mut cited = sources::Sources::default();
    doc.table(sources::values_table(report, &mut cited));
    if let Some(table) = sources::annual_targets_table(report, &mut cited) {
        doc.paragraph("年度目标及其来源：");
        doc.table(table);
    }
    doc.paragraph("来源：");
    doc.bullets(cited.list());
    doc.heading(2, format!("附录{} 计算过程", next()));
    doc.paragraph(
        "计算式中的记号：y0、yt、yT 分别为基期值、最新值和目标值，t0、t、T 为相应的年份；CAGR_obs 为已实现年均增速，CAGR_req 为所需年均增速，d 为方向系数（越高越好取 +1，越低越好取 −1），R 为增速比；g_i 为第 i 年的增速，g* 为目标年均增速，Π 为连乘，N 为规划年数，k 为已实现年数；^ 表示乘方。",
    );
    let steps: Vec<(&Indicator, Vec<String>)> =
        report.items().map(|(i, a)| (i, worked(a))).collect();
    let nothing: Vec<&str> = steps
        .iter()
        .filter(|(_, s)| s.is_empty())
        .map(|(i, _)| i.number())
        .collect();
    let mut intro = "基期、最新数据和目标见正文各表，以下只列计算步骤。".to_string();
    if !nothing.is_empty() {
        intro.push_str(&format!(
            "序号{}的指标截至{}年尚无可计算的步骤，原因见正文“无法评估的指标及原因”。",
            nothing.join("、"),
            report.as_of
        ));
    }
    doc.paragraph(intro);
    for (i, steps) in steps.into_iter().filter(|(_, s)| !s.is_empty()) {
        doc.heading(3, format!("{} {}", i.number(), i.display_name()));
        doc.bullets(steps);
    }
    doc.heading(2, format!("附录{} 各指标走势图", next()));
    let without: Vec<String> = report
        .items()
        .filter(|(i, _)| !charts.by_indicator.contains_key(&i.id))
        .map(|(i, _)| i.number().to_string())
        .collect();
    let mut intro = "每张图包括：实际值、基期至目标的进度线、目标线、按趋势外推的数值及其90%预测区间（数据充足时）。".to_string();
    if !without.is_empty() {
        intro.push_str(&format!(
            "序号{}的指标截至{}年的年度数值不足两个，走势无从显示，不另作图，其数值见附录{}。",
            without.join("、"),
            report.as_of,
            ordinal(2)
        ));
    }
    doc.paragraph(intro);
    for (i, _) in report.items() {
        if let Some(stem) = charts.by_indicator.get(&i.id) {
            doc.chart(stem.clone(), chart_caption(i));
        }
    }
}
