//! The status vocabulary of China's plan evaluations, with Eurostat's thresholds on the ratio R.

use serde::Serialize;

use crate::model::{Plan, Thresholds};

/// Where an indicator stands. The order is from worst to best, with `NotAssessable` apart.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotAssessable,
    OffTrack,
    Lagging,
    OnTrack,
    Ahead,
    Achieved,
}

impl Status {
    /// The terms of the national mid-term review.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Achieved => "提前实现",
            Status::Ahead => "快于预期",
            Status::OnTrack => "基本符合预期",
            Status::Lagging => "滞后",
            Status::OffTrack => "严重滞后",
            Status::NotAssessable => "无法评估",
        }
    }

    /// A symbol that reads without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Status::Achieved => "✔",
            Status::Ahead => "▲",
            Status::OnTrack => "●",
            Status::Lagging => "▼",
            Status::OffTrack => "✖",
            Status::NotAssessable => "?",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::Ahead => "ahead",
            Status::OnTrack => "on_track",
            Status::Lagging => "lagging",
            Status::OffTrack => "off_track",
            Status::NotAssessable => "not_assessable",
        }
    }

    /// Display order in summaries: best first, not assessable last.
    pub const ALL: [Status; 6] = [
        Status::Achieved,
        Status::Ahead,
        Status::OnTrack,
        Status::Lagging,
        Status::OffTrack,
        Status::NotAssessable,
    ];

    pub fn is_behind(self) -> bool {
        matches!(self, Status::Lagging | Status::OffTrack)
    }
}

impl Plan {
    /// The word for a status in this plan's reports (the plan file's `[labels]`, else the national terms).
    pub fn status_label(&self, status: Status) -> &str {
        let l = &self.labels;
        match status {
            Status::Achieved => &l.achieved,
            Status::Ahead => &l.ahead,
            Status::OnTrack => &l.on_track,
            Status::Lagging => &l.lagging,
            Status::OffTrack => &l.off_track,
            Status::NotAssessable => &l.not_assessable,
        }
    }
}

/// Eurostat's bands on R (DOMAIN §2), with `ahead` above them: R ≥ ahead → ahead; R ≥ on_track → on track;
/// R ≥ lagging → lagging; below → off track.
pub fn status_from_ratio(r: f64, t: &Thresholds) -> Status {
    if r >= t.ahead_ratio {
        Status::Ahead
    } else if r >= t.on_track_ratio {
        Status::OnTrack
    } else if r >= t.lagging_ratio {
        Status::Lagging
    } else {
        Status::OffTrack
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_fall_on_the_better_side() {
        let t = Thresholds::default();
        assert_eq!(status_from_ratio(0.95, &t), Status::OnTrack);
        assert_eq!(status_from_ratio(0.949_999, &t), Status::Lagging);
        assert_eq!(status_from_ratio(0.60, &t), Status::Lagging);
        assert_eq!(status_from_ratio(0.599_999, &t), Status::OffTrack);
        assert_eq!(status_from_ratio(0.0, &t), Status::OffTrack);
        assert_eq!(status_from_ratio(-0.5, &t), Status::OffTrack);
        assert_eq!(status_from_ratio(1.2, &t), Status::Ahead);
    }
}
