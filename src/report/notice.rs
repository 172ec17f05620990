//! The 通报 (`report --kind notice --as-of 2027H1`): units ranked by the share of their lines on schedule, the
//! figures overdue (晾晒), the graded warnings with their reasons, 考核得分 with its working where the plan weighs
//! its lines, and — in a directory of regions — the districts ranked the same way (each district's plan is a unit
//! for the city). Every number comes from [`crate::units`]; this only writes it down.

use super::document::{Block, Document, Table};
use super::{Output, Signature};
use crate::assess::as_of::resolve;
use crate::error::Error;
use crate::model::{Dataset, Period};
use crate::present::grid::Grid;
use crate::units::table::{level_word, units_grid};
use crate::units::{Unit, UnitsView, plan_as_unit, units_view, warnings::overdue_words};

/// One district as a unit of the city.
#[derive(Debug, Clone, PartialEq)]
pub struct District {
    pub region: String,
    pub unit: Unit,
}

/// What the 通报 reads: the plan's units view on the day, and the districts where there are any.
pub struct Notice<'a> {
    pub dataset: &'a Dataset,
    pub view: UnitsView,
    pub districts: Vec<District>,
    pub stamp: Option<String>,
}

impl Notice<'_> {
    pub fn title(&self) -> String {
        format!(
            "关于{}{}主要指标数据报送和推进情况的通报",
            self.dataset.plan.region,
            self.view.as_of.label_zh()
        )
    }
}

/// The districts ranked: the share of lines on schedule, then fewer overdue, then name.
pub fn rank_districts(mut districts: Vec<District>) -> Vec<District> {
    districts.sort_by(|a, b| {
        b.unit
            .on_schedule_share()
            .total_cmp(&a.unit.on_schedule_share())
            .then(a.unit.overdue.len().cmp(&b.unit.overdue.len()))
            .then(a.region.cmp(&b.region))
    });
    districts
}

fn table_of(grid: &Grid) -> Table {
    let columns: Vec<(&str, bool)> = grid
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.align == crate::text::Align::Right))
        .collect();
    let mut table = Table::new(&columns);
    for row in &grid.rows {
        table.row(row.iter().map(|c| c.display()).collect());
    }
    table
}

fn share_words(u: &Unit) -> String {
    if u.leads.is_empty() {
        "—".to_string()
    } else {
        format!("{:.1}%", u.on_schedule_share() * 100.0)
    }
}

pub fn compose(notice: &Notice<'_>) -> Document {
    let view = &notice.view;
    let period = view.as_of;
    let title = notice.title();
    let mut doc = Document {
        title: title.clone(),
        blocks: Vec::new(),
    };
    doc.heading(1, title);
    let mut meta = vec![format!(
        "本通报依据各牵头单位报送的{}数据，统计截至{}。",
        period.label_zh(),
        view.today.format("%Y年%-m月%-d日")
    )];
    if let Some(stamp) = &notice.stamp {
        meta.push(format!("生成时间：{stamp}。"));
    }
    doc.blocks.push(Block::Meta(meta));
    let mut section = 0;
    let mut next = || {
        section += 1;
        super::cells::ordinal(section)
    };

    doc.heading(2, format!("{}、总体情况", next()));
    if view.units.is_empty() {
        doc.paragraph("本级规划的指标尚未明确牵头单位，本通报只对各区、县（市）排名。");
    } else {
        doc.paragraph(overall(view, period));
    }

    if !view.units.is_empty() {
        doc.heading(2, format!("{}、各单位排名", next()));
        doc.paragraph("按牵头指标中符合时序进度的比例排序；比例相同的，逾期未报少的在前。");
        let mut grid = units_grid(view);
        grid.columns
            .insert(3, crate::present::grid::Column::right("符合进度比例"));
        for (row, u) in grid.rows.iter_mut().zip(&view.units) {
            row.insert(3, crate::present::grid::Cell::text(share_words(u)));
        }
        doc.table(table_of(&grid));

        doc.heading(2, format!("{}、逾期未报数据", next()));
        let overdue: Vec<String> = view
            .units
            .iter()
            .flat_map(|u| {
                u.overdue
                    .iter()
                    .map(move |&i| format!("{}：{}。", u.name, overdue_words(&view.lines[i])))
            })
            .collect();
        if overdue.is_empty() {
            doc.paragraph(format!(
                "{}数据均已按时报送或尚未到报送时限。",
                period.label_zh()
            ));
        } else {
            doc.bullets(overdue);
        }

        doc.heading(2, format!("{}、分级预警", next()));
        let warned: Vec<&Unit> = view.units.iter().filter(|u| u.level.is_some()).collect();
        if warned.is_empty() {
            doc.paragraph("本期没有需要提醒或约谈的单位。");
        } else {
            doc.bullets(
                warned
                    .iter()
                    .map(|u| {
                        let reasons: Vec<&str> =
                            u.warnings.iter().map(|w| w.reason.as_str()).collect();
                        format!(
                            "对{}予以{}。{}。",
                            u.name,
                            level_word(u),
                            reasons.join("；")
                        )
                    })
                    .collect(),
            );
        }

        let scored: Vec<&Unit> = view.units.iter().filter(|u| u.score.is_some()).collect();
        if !scored.is_empty() {
            doc.heading(2, format!("{}、考核得分", next()));
            doc.paragraph(
                "各单位得分为本期应考核指标中符合时序进度指标的权重之和占应考核权重的比例（满分100分）；数据逾期或滞后的指标不得分，未到报送时限的不计入。",
            );
            let items = scored
                .iter()
                .filter_map(|u| u.score.as_ref().map(|s| (u, s)))
                .map(|(u, s)| {
                    let parts: Vec<String> = s
                        .lines
                        .iter()
                        .map(|l| {
                            format!(
                                "“{}”权重{}，{}",
                                l.name,
                                crate::text::fmt_number(l.weight, 2),
                                l.why
                            )
                        })
                        .collect();
                    format!("{}：{}。{}。", u.name, parts.join("；"), s.working)
                })
                .collect();
            doc.bullets(items);
        }
    }

    if !notice.districts.is_empty() {
        doc.heading(2, format!("{}、各区县排名", next()));
        doc.paragraph("各区、县（市）规划的指标作为一个整体，按符合时序进度的比例排序。");
        let mut table = Table::new(&[
            ("排名", true),
            ("地区", false),
            ("指标", true),
            ("有数据", true),
            ("符合进度", true),
            ("符合进度比例", true),
            ("滞后", true),
            ("其中约束性", true),
            ("逾期", true),
            ("预警", false),
        ]);
        for (n, d) in notice.districts.iter().enumerate() {
            let u = &d.unit;
            table.row(vec![
                (n + 1).to_string(),
                d.region.clone(),
                u.leads.len().to_string(),
                u.with_data.to_string(),
                u.on_schedule.to_string(),
                share_words(u),
                u.behind.to_string(),
                u.binding_behind.to_string(),
                u.overdue.len().to_string(),
                level_word(u).to_string(),
            ]);
        }
        doc.table(table);
        let warned: Vec<String> = notice
            .districts
            .iter()
            .filter(|d| d.unit.level.is_some())
            .map(|d| {
                let reasons: Vec<&str> =
                    d.unit.warnings.iter().map(|w| w.reason.as_str()).collect();
                format!(
                    "对{}予以{}。{}。",
                    d.region,
                    level_word(&d.unit),
                    reasons.join("；")
                )
            })
            .collect();
        if !warned.is_empty() {
            doc.bullets(warned);
        }
    }
    doc
}

fn overall(view: &UnitsView, period: Period) -> String {
    let led: Vec<&crate::units::UnitLine> =
        view.lines.iter().filter(|l| l.lead.is_some()).collect();
    let received = led.iter().filter(|l| l.has_figure()).count();
    let overdue = led.iter().filter(|l| l.figure.is_overdue()).count();
    let behind = led.iter().filter(|l| l.is_behind()).count();
    let binding = led.iter().filter(|l| l.is_behind() && l.binding).count();
    let summoned = view
        .units
        .iter()
        .filter(|u| u.level == Some(crate::model::WarningLevel::Summon))
        .count();
    let reminded = view
        .units
        .iter()
        .filter(|u| u.level == Some(crate::model::WarningLevel::Remind))
        .count();
    format!(
        "{}个牵头单位负责的{}项指标中，{}项已报送{}数据，{}项逾期未报；{}项指标滞后于时序进度，其中约束性指标{}项。对{}个单位予以约谈，对{}个单位予以提醒。",
        view.units.len(),
        led.len(),
        received,
        period.label_zh(),
        overdue,
        behind,
        binding,
        summoned,
        reminded
    )
}

/// A district's plan as one unit of the city as of `period` on `today`; None where the period is outside its plan.
pub fn district(dataset: &Dataset, period: Period, today: chrono::NaiveDate) -> Option<District> {
    let as_of = resolve(dataset, Some(period)).ok()?;
    let view = units_view(dataset, &as_of, today);
    Some(District {
        region: dataset.plan.region.clone(),
        unit: plan_as_unit(&view, &dataset.plan.region),
    })
}

/// The 通报 as of `period` on `today` in the formats asked for (all when none), through the same renderers as
/// the other reports. A plan whose lines name no 牵头单位 and has no districts is an error naming how to fill them.
pub fn generate(
    dataset: &Dataset,
    period: Period,
    today: chrono::NaiveDate,
    districts: Vec<District>,
    stamp: Option<String>,
    signature: &Signature,
    formats: &[super::ReportFormat],
) -> Result<Output, Error> {
    let as_of = resolve(dataset, Some(period))?;
    let view = units_view(dataset, &as_of, today);
    if !view.any_lead() && districts.is_empty() {
        return Err(Error::Usage(crate::units::no_leads_message(&dataset.plan)));
    }
    let notice = Notice {
        dataset,
        view,
        districts: rank_districts(districts),
        stamp,
    };
    let mut document = compose(&notice);
    document.sign(signature);
    super::assemble(&document, &super::charts::Drawn::default(), formats)
}
