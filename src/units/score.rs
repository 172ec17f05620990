//! 考核得分: where the plan gives lines a `weight`, a unit scores the weighted share of its lines assessed this
//! period that are on schedule, out of 100. A line assessed is one whose figure is in or overdue; a figure in
//! and not behind earns its weight, a line behind or overdue earns nothing. No weights: no score.

use serde::Serialize;

use super::{Standing, UnitLine};
use crate::text::fmt_number;

/// One line's part in the score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreLine {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub earned: f64,
    /// Why it earns what it does.
    pub why: String,
}

/// A unit's score with its working.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    /// Out of 100, to one decimal when shown; None where no weighted line is assessed yet.
    pub value: Option<f64>,
    pub earned: f64,
    pub possible: f64,
    pub lines: Vec<ScoreLine>,
    /// The working in words: "得分 = 已得权重 12 ÷ 应考核权重 20 × 100 = 60.0".
    pub working: String,
}

/// The score of a unit leading `lines`; None where none of them has a weight.
pub fn score(lines: &[&UnitLine]) -> Option<Score> {
    let weighted: Vec<(&UnitLine, f64)> = lines
        .iter()
        .filter_map(|l| l.weight.map(|w| (*l, w)))
        .collect();
    if weighted.is_empty() {
        return None;
    }
    let mut parts = Vec::new();
    let (mut earned, mut possible) = (0.0, 0.0);
    for (line, weight) in weighted {
        let (counts, gets, why) = if line.figure.is_overdue() {
            (true, 0.0, "数据逾期，不得分".to_string())
        } else if !line.has_figure() {
            (false, 0.0, format!("{}，本期不计", line.figure.label_zh()))
        } else {
            match line.standing {
                Standing::Behind => (true, 0.0, format!("{}，不得分", line.verdict)),
                Standing::OnSchedule => (true, weight, format!("{}，得全部权重", line.verdict)),
                Standing::Unknown => (false, 0.0, "无法评估，本期不计".to_string()),
            }
        };
        if counts {
            possible += weight;
            earned += gets;
        }
        parts.push(ScoreLine {
            id: line.id.clone(),
            name: line.name.clone(),
            weight,
            earned: gets,
            why,
        });
    }
    let value = (possible > 0.0).then(|| earned / possible * 100.0);
    let working = match value {
        Some(v) => format!(
            "得分 = 已得权重 {} ÷ 应考核权重 {} × 100 = {v:.1}",
            fmt_number(earned, 2),
            fmt_number(possible, 2),
        ),
        None => "本期尚无应考核的指标（数据未到期或无法评估），不计分".to_string(),
    };
    Some(Score {
        value,
        earned,
        possible,
        lines: parts,
        working,
    })
}
