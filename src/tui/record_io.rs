//! The 录入数据 form's one piece of I/O: recording the submitted figure, kept out of the pure update step.

use super::app::App;
use super::record_form::Notice;

/// Records the figure the form submitted, if any, through the same path as `planwatch record`: checked
/// against the whole data directory and the plausibility checks, written atomically, then the dashboard's data
/// are read again so that every screen shows it.
pub fn perform_pending(app: &mut App) {
    let Some(figure) = app.pending_record.take() else {
        return;
    };
    let Some((dir, plan)) = app.data_dir.clone() else {
        return;
    };
    let notice = |app: &mut App, notice: Notice| {
        if let Some(form) = &mut app.record_form {
            form.notice = notice;
        }
    };
    let proposal =
        match crate::intake::propose(&dir, plan.as_deref(), vec![figure], crate::intake::today()) {
            Ok(p) => p,
            Err(e) => return notice(app, Notice::Refused(vec![e.to_string()])),
        };
    let Some(row) = proposal.rows.first() else {
        return;
    };
    if let crate::intake::Change::Problem { field, message } = &row.change {
        let field = match field.as_str() {
            "period" => "时期",
            "value" => "数值",
            "status" => "状态",
            "source" => "来源",
            other => other,
        };
        return notice(app, Notice::Refused(vec![format!("{field}：{message}")]));
    }
    if !proposal.other_problems.is_empty() {
        let problems = proposal
            .other_problems
            .iter()
            .map(|p| p.message.clone())
            .collect();
        return notice(app, Notice::Refused(problems));
    }
    if row.open_warnings().next().is_some() {
        let warnings = row
            .warnings
            .iter()
            .map(|w| format!("{}：{}", w.check.label_zh(), w.reason))
            .collect();
        return notice(app, Notice::Confirm(warnings));
    }
    let what = format!(
        "指标 {} {} {}",
        row.figure.indicator,
        row.figure.period.label_zh(),
        crate::text::fmt_number(row.figure.value, 6)
    );
    if row.change == crate::intake::Change::Unchanged {
        app.record_form = None;
        app.message = Some(format!("与已有数据相同，未改动：{what}"));
        return;
    }
    if let Err(e) = proposal.apply(&dir) {
        return notice(app, Notice::Refused(vec![e.to_string()]));
    }
    match crate::load::load(&crate::load::DataSource::Dir(dir), plan.as_deref()) {
        Ok(dataset) => {
            app.replace_dataset(dataset);
            // A figure for a later year moves the dashboard to that year, so that it shows.
            let year = row.figure.period.year;
            let (_, last) = app.year_range();
            if year > app.as_of() && year <= last {
                app.set_as_of(year);
            }
            app.record_form = None;
            app.message = Some(format!("已录入 {what}"));
        }
        Err(e) => notice(app, Notice::Refused(vec![e.to_string()])),
    }
}
