//! The plan-execution report (上半年/前三季度/全年 国民经济和社会发展计划执行情况): the year's annual plan against
//! the target's time schedule, opening in the official form, with a table of every line, a chart for each line
//! behind, the methods, the working and the sources. Every number is read from `assess::annual`.

use super::cells::{GAP, ordinal};
use super::document::{Block, Document, Table};
use crate::assess::annual::{
    ABOUT_GROWTH_TOLERANCE_PP, AnnualAssessment, AnnualPlanAssessment, AnnualStatus, ElapsedBasis,
    SEASONAL_YEARS, annual_plan,
};
use crate::assess::as_of::AsOf;
use crate::model::{Dataset, Plan};
pub use crate::present::annual::opening_sentence;
use crate::present::annual::{congress, data_word};
use crate::text::fmt_number;

/// A year's annual plan assessed as of a period, with what the report says about it.
#[derive(Debug, Clone)]
pub struct ExecutionReport<'a> {
    pub dataset: &'a Dataset,
    pub annual: AnnualPlanAssessment,
    pub stamp: Option<String>,
}

impl<'a> ExecutionReport<'a> {
    /// The annual plan the as-of means (the same one `annual` and the dashboard read).
    pub fn build(dataset: &'a Dataset, as_of: &AsOf, stamp: Option<String>) -> Self {
        ExecutionReport {
            dataset,
            annual: annual_plan(dataset, as_of),
            stamp,
        }
    }

    /// 杭州市2026年上半年国民经济和社会发展计划执行情况.
    pub fn title(&self) -> String {
        let as_of = self.annual.reached();
        let part = if as_of.covers_year() {
            String::new()
        } else {
            as_of.part_label_zh()
        };
        format!(
            "{}{}年{part}国民经济和社会发展计划执行情况",
            self.dataset.plan.region, self.annual.year
        )
    }

    /// The lines behind the schedule or missed, in the plan's order.
    pub fn behind(&self) -> Vec<&AnnualAssessment> {
        self.annual
            .items
            .iter()
            .filter(|a| a.status.is_behind())
            .collect()
    }
}

fn progress_cell(a: &AnnualAssessment) -> String {
    match (a.completion_pct, a.elapsed_pct, a.elapsed_basis) {
        (Some(c), Some(e), Some(b)) => format!(
            "完成{}%，时序进度{}%（{}）",
            fmt_number(c, crate::present::words::PROGRESS_DECIMALS),
            fmt_number(e, crate::present::words::PROGRESS_DECIMALS),
            match b {
                ElapsedBasis::Seasonal => "按往年同期",
                ElapsedBasis::Calendar => "按日历",
            }
        ),
        _ => match (a.status, a.line) {
            (AnnualStatus::NotAssessable, _) => GAP.to_string(),
            (_, None) => "对照上年同期".to_string(),
            (_, Some(line)) => format!("目标线{}{}", fmt_number(line, 4), a.unit),
        },
    }
}

fn actual_cell(a: &AnnualAssessment) -> String {
    a.latest.map_or_else(
        || GAP.to_string(),
        |l| {
            format!(
                "{}{}（{}）",
                crate::present::words::value(Some(l.value)),
                a.unit,
                l.period.label_zh()
            )
        },
    )
}

/// The whole document.
pub fn compose(
    report: &ExecutionReport<'_>,
    charts: &std::collections::BTreeMap<String, String>,
) -> Document {
    let plan = &report.dataset.plan;
    let annual = &report.annual;
    let title = super::document::official_title(&report.title());
    let mut doc = Document {
        title: title.clone(),
        blocks: Vec::new(),
    };
    doc.heading(1, title);
    let mut meta = vec![
        format!(
            "本报告对照{}年国民经济和社会发展计划（{}审定）的年度目标，数据截至{}。",
            annual.year,
            congress(&plan.region),
            annual.reached().label_zh()
        ),
        "判断方法、计算过程和数据来源见附录。".to_string(),
    ];
    if let Some(stamp) = &report.stamp {
        meta.push(format!("生成时间：{stamp}。"));
    }
    doc.blocks.push(Block::Meta(meta));
    let mut section = 0;
    let mut next = || {
        section += 1;
        ordinal(section)
    };

    doc.heading(2, format!("{}、总体情况", next()));
    if annual.items.is_empty() {
        doc.paragraph(format!(
            "监测数据中尚未录入{}年的年度计划指标。",
            annual.year
        ));
    } else {
        doc.paragraph(opening_sentence(plan, annual));
        let without: Vec<&str> = annual
            .items
            .iter()
            .filter(|a| a.latest.is_none())
            .map(|a| a.name.as_str())
            .collect();
        if !without.is_empty() {
            doc.paragraph(format!(
                "尚无{}数据的指标{}项：{}。",
                data_word(annual.reached()),
                without.len(),
                without.join("、")
            ));
        }
    }

    doc.heading(2, format!("{}、主要指标执行情况", next()));
    let mut table = Table::new(&[
        ("序号", false),
        ("指标", false),
        ("属性", false),
        ("目标", false),
        ("实际", true),
        ("时序进度", false),
        ("状态", false),
        ("牵头单位", false),
    ]);
    for a in &annual.items {
        table.row(vec![
            a.number.clone(),
            a.name.clone(),
            a.attribute.label_zh().to_string(),
            a.target.text.clone(),
            actual_cell(a),
            progress_cell(a),
            a.status.label_zh().to_string(),
            a.department.clone().unwrap_or_else(|| GAP.to_string()),
        ]);
    }
    doc.table(table);

    doc.heading(2, format!("{}、滞后指标及原因", next()));
    let behind = report.behind();
    if behind.is_empty() {
        doc.paragraph("没有相对目标时序进度滞后的指标。");
    } else {
        for a in behind {
            doc.heading(3, a.name.clone());
            doc.paragraph(format!(
                "目标：{}；实际：{}；{}。",
                a.target.text,
                actual_cell(a),
                a.reason
            ));
            match (&a.explanation, &a.department) {
                (Some(e), Some(d)) => doc.paragraph(format!("情况说明（{d}）：{e}")),
                (Some(e), None) => doc.paragraph(format!("情况说明：{e}")),
                (None, _) => doc.paragraph("（牵头单位尚未报送情况说明）"),
            }
            if let Some(stem) = charts.get(&a.id) {
                doc.chart(stem.clone(), format!("{}：年内走势与目标", a.name));
            }
        }
        let missing = crate::present::annual::missing_explanations(annual);
        if !missing.is_empty() {
            doc.paragraph(missing.trim());
        }
    }

    doc.heading(2, format!("{}、下一步工作", next()));
    doc.placeholder("【待填写】滞后指标的原因分析和推进措施（责任单位、时间节点）。");

    let mut k = 0;
    let mut appendix = || {
        k += 1;
        ordinal(k)
    };
    doc.heading(2, format!("附录{} 判断方法", appendix()));
    doc.bullets(methods(plan));
    doc.heading(2, format!("附录{} 计算过程", appendix()));
    for (n, a) in annual.items.iter().enumerate() {
        doc.heading(3, format!("{} {}", n + 1, a.name));
        doc.bullets(
            a.working
                .iter()
                .map(|s| format!("{}：{}", s.label, s.text))
                .collect(),
        );
    }
    doc.heading(2, format!("附录{} 数据来源", appendix()));
    let mut sources = Table::new(&[
        ("指标", false),
        ("项目", false),
        ("时期", false),
        ("数值", true),
        ("来源", false),
    ]);
    for a in &annual.items {
        sources.row(vec![
            a.name.clone(),
            "年度目标".to_string(),
            format!("{}年", a.target.year),
            a.target.text.clone(),
            a.target.source.clone(),
        ]);
        if let Some(l) = a.latest
            && let Some(o) = report.dataset.history.period_value(&a.series, l.period)
        {
            sources.row(vec![
                a.name.clone(),
                format!("实际（{}）", o.status.label_zh()),
                o.period.label_zh(),
                format!("{}{}", crate::present::words::value(Some(o.value)), a.unit),
                o.source.clone(),
            ]);
        }
    }
    doc.table(sources);
    doc
}

/// The rules, in words, with the thresholds in force.
pub fn methods(plan: &Plan) -> Vec<String> {
    let t = &plan.thresholds;
    vec![
        "增速目标：年内累计增速对照年度目标；区间目标以下限为线，高于上限为超过时序进度。"
            .to_string(),
        format!(
            "水平、比重目标及“越低越好”的目标（如PM2.5、单位GDP能耗、居民消费价格涨幅）：截至当期的数值对照目标线，方向按指标确定；无区间时好于目标线{}倍为超过时序进度。",
            fmt_number(t.ahead_ratio, 2)
        ),
        format!(
            "年度总量目标（投资、社会消费品零售总额等）：完成比例（累计数÷全年目标）对照时序进度。时序进度取往年同期占全年的比重（最近{SEASONAL_YEARS}年中数据齐全者的平均值），往年数据不足时按日历（已过月数÷12）；完成比例不低于时序进度为符合，达到其{}倍为超过。",
            fmt_number(t.ahead_ratio, 2)
        ),
        "方向性目标（稳步提高、持续缩小）：对照上年同期，方向正确为符合时序进度。".to_string(),
        "与经济增长对照的目标（与经济增长同步、高于GDP增速）：累计增速对照同期地区生产总值增速；“同步”不低于即为符合，“高于”须高于。".to_string(),
        "完成省下达目标：省下达的数值录入后对照该数值；未录入时无法评估。".to_string(),
        format!(
            "“左右”目标：低于目标线但在容差内，年内视为符合时序进度（增速、水平目标），全年为基本完成；增速目标的容差默认为±{ABOUT_GROWTH_TOLERANCE_PP}个百分点，其他目标默认为目标值的±{}%，目标另有规定的从其规定。",
            fmt_number(t.about_tolerance_pct, 2)
        ),
        "有全年数据（或覆盖全年的累计数）时给出年度完成情况：达到目标为完成，未达到为未完成。"
            .to_string(),
        "无法评估：当年尚无年内数据，或方向性目标缺少上年同期数据。".to_string(),
    ]
}
