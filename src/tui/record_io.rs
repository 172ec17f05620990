//! The 录入数据 form's one piece of I/O: recording the submitted figure, kept out of the pure update step.

use super::app::App;
use super::record_form::Notice;
use crate::intake::Outcome;

/// Records the figure the form submitted, if any, through the same path as `planwatch record`: checked
/// against the whole data directory and the plausibility checks, written atomically, then the dashboard's data
/// are read again so that every screen shows it.
pub fn perform_pending(app: &mut App) {
    if let Some(withdrawal) = app.pending_withdrawal.take() {
        return perform_withdrawal(app, withdrawal);
    }
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
    // The same decision as `planwatch record`, under the data directory's lock.
    let recorded = match crate::intake::record(&dir, plan.as_deref(), figure, app.today, |_| {}) {
        Ok(r) => r,
        Err(e) => return notice(app, Notice::Refused(vec![e.to_string()])),
    };
    let row = &recorded.row;
    let what = format!(
        "指标 {} {} {}",
        row.figure.indicator,
        row.figure.period.label_zh(),
        crate::text::fmt_number(row.figure.value, 6)
    );
    match &recorded.outcome {
        Outcome::Refused { field, message } => {
            let field = crate::intake::field_zh(field);
            return notice(app, Notice::Refused(vec![format!("{field}：{message}")]));
        }
        Outcome::Invalid(problems) => {
            let problems = problems.iter().map(|p| p.message.clone()).collect();
            return notice(app, Notice::Refused(problems));
        }
        Outcome::Unsure(warnings) => {
            let warnings = warnings
                .iter()
                .map(|w| format!("{}：{}", w.check.label_zh(), w.reason))
                .collect();
            return notice(app, Notice::Confirm(warnings));
        }
        Outcome::Unchanged => {
            app.record_form = None;
            app.message = Some(format!("与已有数据相同，未改动：{what}"));
            return;
        }
        Outcome::Written => {}
    }
    match reload(app, &dir, plan.as_deref()) {
        Ok(()) => {
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

/// Reads the data again after a write, so that every screen shows it.
fn reload(
    app: &mut App,
    dir: &std::path::Path,
    plan: Option<&str>,
) -> Result<(), crate::error::Error> {
    let dataset = crate::load::load(&crate::load::DataSource::Dir(dir.to_path_buf()), plan)?;
    app.replace_dataset(dataset);
    Ok(())
}

/// Takes back the entry the form named, through the same path as `planwatch record --withdraw`.
fn perform_withdrawal(app: &mut App, withdrawal: crate::intake::Withdrawal) {
    let Some((dir, plan)) = app.data_dir.clone() else {
        return;
    };
    let refused = |app: &mut App, message: String| {
        if let Some(form) = &mut app.record_form {
            form.notice = Notice::Refused(vec![message]);
        }
    };
    let done = match crate::intake::withdraw(&dir, plan.as_deref(), &withdrawal, app.today, |_| {})
    {
        Ok(done) => done,
        Err(e) => return refused(app, e.to_string()),
    };
    if let Some((field, message)) = &done.refused {
        return refused(
            app,
            format!("{}：{message}", crate::intake::field_zh(field)),
        );
    }
    if let Err(e) = reload(app, &dir, plan.as_deref()) {
        return refused(app, e.to_string());
    }
    app.record_form = None;
    app.message = Some(format!(
        "已撤回 指标 {} {} 的数值 {}",
        withdrawal.indicator,
        withdrawal.period.label_zh(),
        done.withdrawn
            .map(|(v, _)| crate::text::fmt_number(v, 6))
            .unwrap_or_default()
    ));
}
