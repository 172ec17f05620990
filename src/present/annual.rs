//! The words of the annual plan's reading, shared by the execution report and the dashboard: the opening
//! sentence in the official form, the word for the data in hand, the body that approved the plan.

use crate::assess::annual::{AnnualPlanAssessment, AnnualStatus};
use crate::model::{Period, PeriodPart, Plan};

/// The word for "having data for the period": 半年度, 前三季度, 一季度, 1—8月, 全年.
pub fn data_word(as_of: Period) -> String {
    match as_of.part {
        _ if as_of.covers_year() => "全年".to_string(),
        PeriodPart::Quarter(2) | PeriodPart::Half(1) => "半年度".to_string(),
        _ => as_of.part_label_zh(),
    }
}

/// Who approved the plan: 市人代会 for a city, 区人代会 for a district, 县人代会 for a county.
pub fn congress(region: &str) -> &'static str {
    if region.ends_with('区') {
        "区人代会"
    } else if region.ends_with('县') {
        "县人代会"
    } else if region.ends_with('市') {
        "市人代会"
    } else {
        "人代会"
    }
}

/// The opening sentence in the official form, every count and name from the assessment:
/// "市人代会审定的44项指标中，31项指标有半年度数据，其中22项符合目标时序进度：……；9项指标相对目标时序进度滞后：……。"
pub fn opening_sentence(plan: &Plan, annual: &AnnualPlanAssessment) -> String {
    let s = annual.summary();
    if s.with_data == 0 {
        return format!(
            "{}审定的{}项指标中，截至{}尚无指标有{}年的年内数据。",
            congress(&plan.region),
            s.indicators,
            annual.as_of.label_zh(),
            annual.year
        );
    }
    let mut out = format!(
        "{}审定的{}项指标中，{}项指标有{}数据",
        congress(&plan.region),
        s.indicators,
        s.with_data,
        data_word(annual.reached())
    );
    let names = |status: AnnualStatus| -> String {
        annual
            .with(status)
            .iter()
            .map(|a| a.name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    let clauses: Vec<(AnnualStatus, &str)> = vec![
        (AnnualStatus::OnSchedule, "项符合目标时序进度"),
        (AnnualStatus::Ahead, "项超过目标时序进度"),
        (AnnualStatus::Behind, "项指标相对目标时序进度滞后"),
        (AnnualStatus::Met, "项完成年度目标"),
        (AnnualStatus::BasicallyMet, "项基本完成年度目标"),
        (AnnualStatus::Missed, "项未完成年度目标"),
    ];
    let mut parts = Vec::new();
    for (status, words) in clauses {
        let n = annual.count(status);
        if n > 0 {
            parts.push(format!("{n}{words}：{}", names(status)));
        }
    }
    let unjudged = annual
        .items
        .iter()
        .filter(|a| a.latest.is_some() && a.status == AnnualStatus::NotAssessable)
        .count();
    if unjudged > 0 {
        parts.push(format!("{unjudged}项有数据但暂无法判断"));
    }
    if !parts.is_empty() {
        out.push_str("，其中");
        out.push_str(&parts.join("；"));
    }
    out.push('。');
    out
}

/// The lines behind schedule whose lead unit has sent no 情况说明, named with the unit (empty where none):
/// "滞后指标中尚未报送情况说明的2项：一般公共预算收入增长（市财政局）、…。"
pub fn missing_explanations(annual: &AnnualPlanAssessment) -> String {
    let missing = annual.missing_explanations();
    if missing.is_empty() {
        return String::new();
    }
    let names: Vec<String> = missing
        .iter()
        .map(|a| match &a.department {
            Some(d) => format!("{}（{d}）", a.name),
            None => a.name.clone(),
        })
        .collect();
    format!(
        "\n滞后指标中尚未报送情况说明的{}项：{}。\n",
        missing.len(),
        names.join("、")
    )
}
