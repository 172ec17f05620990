//! The reporting calendar: when a period's figure is due, and whether one not received is 逾期 or 未到期.

use chrono::{Days, Months, NaiveDate};
use serde::Serialize;

use crate::model::{DueClause, Frequency, Period, PeriodPart};

/// The last day a period covers (2027H1: 2027-06-30).
pub fn period_end(period: Period) -> NaiveDate {
    let months = u32::from(period.part.months()).clamp(1, 12);
    let first_after = if months == 12 {
        NaiveDate::from_ymd_opt(period.year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(period.year, months + 1, 1)
    };
    first_after
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// The day a period's figure is due under a clause (季后20日: 2027H1 → 2027-07-20).
pub fn due_date(period: Period, clause: DueClause) -> NaiveDate {
    period_end(period)
        .checked_add_days(Days::new(u64::from(clause.days)))
        .unwrap_or(NaiveDate::MAX)
}

/// Where a line's figure for the period stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Figure {
    /// The figure is in.
    Received { period: Period },
    /// Due and not in (逾期): `days` days past the due date.
    Overdue {
        period: Period,
        due: NaiveDate,
        days: i64,
    },
    /// Not in, not yet due (未到期).
    NotYetDue { period: Period, due: NaiveDate },
    /// The line's frequency has no figure for the period (a yearly line at 上半年).
    NotExpected,
}

impl Figure {
    pub fn label_zh(self) -> &'static str {
        match self {
            Figure::Received { .. } => "已报送",
            Figure::Overdue { .. } => "逾期",
            Figure::NotYetDue { .. } => "未到期",
            Figure::NotExpected => "本期不报",
        }
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, Figure::Overdue { .. })
    }

    pub fn due(self) -> Option<NaiveDate> {
        match self {
            Figure::Overdue { due, .. } | Figure::NotYetDue { due, .. } => Some(due),
            _ => None,
        }
    }
}

/// A figure's state: `received` says whether the period's figure is in.
pub fn figure(
    frequency: Frequency,
    period: Period,
    clause: DueClause,
    received: bool,
    today: NaiveDate,
) -> Figure {
    if received {
        return Figure::Received { period };
    }
    if !frequency.has_period(period) {
        return Figure::NotExpected;
    }
    let due = due_date(period, clause);
    if today > due {
        Figure::Overdue {
            period,
            due,
            days: (today - due).num_days(),
        }
    } else {
        Figure::NotYetDue { period, due }
    }
}

/// Whether a figure due on `due` and still missing on `today` is late by more than `months` months and `days`
/// days (a month past 7月20日 is 8月20日: overdue by more than a month from 8月21日).
pub fn late_beyond(due: NaiveDate, today: NaiveDate, months: u32, days: u32) -> bool {
    let limit = due
        .checked_add_months(Months::new(months))
        .and_then(|d| d.checked_add_days(Days::new(u64::from(days))))
        .unwrap_or(NaiveDate::MAX);
    today > limit
}

/// The period before `period` in the same year at the line's frequency (上半年 → 一季度 for a quarterly line), if
/// the year has one.
pub fn previous(frequency: Frequency, period: Period) -> Option<Period> {
    let step = match frequency {
        Frequency::Monthly => 1,
        Frequency::Quarterly => 3,
        Frequency::HalfYearly => 6,
        Frequency::Yearly => return None,
    };
    let months = period.part.months().checked_sub(step).filter(|m| *m > 0)?;
    let part = match months {
        6 => PeriodPart::Half(1),
        m if m.is_multiple_of(3) => PeriodPart::Quarter(m / 3),
        m => PeriodPart::Month(m),
    };
    Some(Period {
        year: period.year,
        part,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_period_ends_on_its_last_day_and_is_due_after_it() {
        assert_eq!(period_end(p("2027H1")), d("2027-06-30"));
        assert_eq!(period_end(p("2028-02")), d("2028-02-29"));
        assert_eq!(period_end(p("2027")), d("2027-12-31"));
        let clause = DueClause::parse("季后20日").unwrap();
        assert_eq!(due_date(p("2027H1"), clause), d("2027-07-20"));
    }

    #[test]
    fn a_missing_figure_is_overdue_only_after_its_day() {
        let clause = DueClause::parse("季后20日").unwrap();
        let q = Frequency::Quarterly;
        let at = |today: &str| figure(q, p("2027H1"), clause, false, d(today));
        assert_eq!(
            at("2027-08-20"),
            Figure::Overdue {
                period: p("2027H1"),
                due: d("2027-07-20"),
                days: 31
            }
        );
        assert!(!at("2027-07-20").is_overdue());
        assert_eq!(at("2027-07-05").label_zh(), "未到期");
        assert_eq!(
            figure(
                Frequency::Yearly,
                p("2027H1"),
                clause,
                false,
                d("2027-12-01")
            ),
            Figure::NotExpected
        );
        assert!(!late_beyond(d("2027-07-20"), d("2027-08-20"), 1, 0));
        assert!(late_beyond(d("2027-07-20"), d("2027-08-21"), 1, 0));
    }

    #[test]
    fn the_period_before_follows_the_frequency() {
        assert_eq!(
            previous(Frequency::Quarterly, p("2027H1")),
            Some(p("2027Q1"))
        );
        assert_eq!(
            previous(Frequency::Quarterly, p("2027Q3")),
            Some(p("2027H1"))
        );
        assert_eq!(
            previous(Frequency::Monthly, p("2027-08")),
            Some(p("2027-07"))
        );
        assert_eq!(previous(Frequency::HalfYearly, p("2027H1")), None);
        assert_eq!(previous(Frequency::Yearly, p("2027")), None);
    }
}
