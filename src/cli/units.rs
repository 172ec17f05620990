//! `planwatch units`: who answers for each figure of a period — per unit its lines, figures in, lines behind,
//! figures overdue, explanations missing and its warning level with the reasons; `--unit` lists one unit's lines.

use clap::Args;
use serde::Serialize;

use super::data::{DataArgs, load_data, resolve_as_of};
use super::format::Format;
use super::output::{print, print_csv, print_json};
use crate::error::Error;
use crate::model::Period;
use crate::units::table::{lines_grid, units_grid};
use crate::units::{Unit, UnitLine, UnitsView, no_leads_message, units_view};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct UnitsArgs {
    #[command(subcommand)]
    pub action: Option<UnitsAction>,
    /// 只看一个单位（牵头或配合）的指标，如 市财政局
    #[arg(long, value_name = "NAME")]
    pub unit: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, clap::Subcommand)]
pub enum UnitsAction {
    /// 从分工表（.xlsx 或 .csv，列：序号、指标、牵头单位、责任单位）写入各指标的牵头单位与责任单位：先列出将要新增、修改的分工和有问题的行，加 --apply 才写入
    Assign {
        /// 分工表文件
        file: std::path::PathBuf,
        /// 写入数据文件（不加时只预览）
        #[arg(long)]
        apply: bool,
    },
}

#[derive(Serialize)]
struct LineRef<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct OverdueJson<'a> {
    id: &'a str,
    name: &'a str,
    period: Option<Period>,
    due: Option<String>,
}

#[derive(Serialize)]
struct UnitJson<'a> {
    name: &'a str,
    lines: usize,
    with_data: usize,
    behind: usize,
    binding_behind: usize,
    overdue: Vec<OverdueJson<'a>>,
    explanations_missing: Vec<LineRef<'a>>,
    level: Option<&'static str>,
    reasons: Vec<&'a str>,
}

#[derive(Serialize)]
struct UnitsJson<'a> {
    as_of: String,
    today: String,
    units: Vec<UnitJson<'a>>,
}

#[derive(Serialize)]
struct UnitLinesJson<'a> {
    as_of: String,
    today: String,
    unit: UnitJson<'a>,
    score: Option<&'a crate::units::Score>,
    lines: Vec<LineJson<'a>>,
}

#[derive(Serialize)]
struct LineJson<'a> {
    role: &'static str,
    #[serde(flatten)]
    line: &'a UnitLine,
}

fn unit_json<'a>(view: &'a UnitsView, u: &'a Unit) -> UnitJson<'a> {
    UnitJson {
        name: &u.name,
        lines: u.leads.len(),
        with_data: u.with_data,
        behind: u.behind,
        binding_behind: u.binding_behind,
        overdue: u
            .overdue
            .iter()
            .map(|&i| {
                let l = &view.lines[i];
                let period = match l.figure {
                    crate::units::Figure::Overdue { period, .. } => Some(period),
                    _ => None,
                };
                OverdueJson {
                    id: &l.id,
                    name: &l.name,
                    period,
                    due: l.figure.due().map(|d| d.to_string()),
                }
            })
            .collect(),
        explanations_missing: u
            .explanations_missing
            .iter()
            .map(|&i| LineRef {
                id: &view.lines[i].id,
                name: &view.lines[i].name,
            })
            .collect(),
        level: u.level.map(|l| l.label_zh()),
        reasons: u.warnings.iter().map(|w| w.reason.as_str()).collect(),
    }
}

pub fn run(
    data: &DataArgs,
    args: &UnitsArgs,
    as_of: Option<Period>,
    today: chrono::NaiveDate,
) -> Result<i32, Error> {
    if let Some(UnitsAction::Assign { file, apply }) = &args.action {
        return assign(data, file, *apply, as_of, today);
    }
    let dataset = load_data(data)?;
    let resolved = resolve_as_of(&dataset, as_of)?;
    let view = units_view(&dataset, &resolved, today);
    if !view.any_lead() {
        return Err(Error::Usage(no_leads_message(&dataset.plan)));
    }
    let heading = format!(
        "{}各单位指标报送与进度 · 截至 {} · 今天 {}\n",
        dataset.plan.region,
        view.as_of.heading_zh(),
        today.format("%Y-%m-%d")
    );
    if let Some(name) = &args.unit {
        let Some(unit) = view.unit(name) else {
            return Err(Error::Usage(format!(
                "没有单位“{}”牵头或配合的指标：规划写明的单位有 {}",
                name.trim(),
                view.all_names().join("、")
            )));
        };
        return one_unit(&view, &unit, &heading, args.format);
    }
    match args.format {
        Format::Json => print_json(&UnitsJson {
            as_of: view.as_of.to_string(),
            today: today.to_string(),
            units: view.units.iter().map(|u| unit_json(&view, u)).collect(),
        })?,
        Format::Csv => print_csv(&units_grid(&view).to_csv())?,
        Format::Table => {
            let mut out = heading;
            out.push('\n');
            out.push_str(&units_grid(&view).to_text());
            let unassigned = view.unassigned();
            if !unassigned.is_empty() {
                out.push_str(&format!(
                    "\n另有 {} 项指标未明确牵头单位（用 planwatch units assign 从分工表导入）。\n",
                    unassigned.len()
                ));
            }
            let warned: Vec<&Unit> = view.units.iter().filter(|u| u.level.is_some()).collect();
            if !warned.is_empty() {
                out.push_str("\n预警及原因：\n");
                for u in warned {
                    out.push_str(&format!("  {}\n", u.name));
                    for w in &u.warnings {
                        out.push_str(&format!("    {}\n", w.reason));
                    }
                }
            }
            print(&out)?;
        }
    }
    Ok(0)
}

fn one_unit(view: &UnitsView, unit: &Unit, heading: &str, format: Format) -> Result<i32, Error> {
    let grid = lines_grid(view, unit);
    match format {
        Format::Json => print_json(&UnitLinesJson {
            as_of: view.as_of.to_string(),
            today: view.today.to_string(),
            unit: unit_json(view, unit),
            score: unit.score.as_ref(),
            lines: unit
                .leads
                .iter()
                .map(|&i| ("lead", i))
                .chain(unit.shares.iter().map(|&i| ("shared", i)))
                .map(|(role, i)| LineJson {
                    role,
                    line: &view.lines[i],
                })
                .collect(),
        })?,
        Format::Csv => print_csv(&grid.to_csv())?,
        Format::Table => {
            let mut out = format!("{heading}{}：牵头 {} 项", unit.name, unit.leads.len());
            if !unit.shares.is_empty() {
                out.push_str(&format!("，配合 {} 项", unit.shares.len()));
            }
            out.push_str(&format!(
                "；预警：{}\n\n",
                crate::units::table::level_word(unit)
            ));
            out.push_str(&grid.to_text());
            for w in &unit.warnings {
                out.push_str(&format!("\n{}", w.reason));
            }
            if let Some(score) = &unit.score {
                out.push_str("\n\n考核得分：\n");
                for l in &score.lines {
                    out.push_str(&format!(
                        "  “{}” 权重 {}：{}\n",
                        l.name,
                        crate::text::fmt_number(l.weight, 2),
                        l.why
                    ));
                }
                out.push_str(&format!("  {}\n", score.working));
            }
            out.push('\n');
            print(&out)?;
        }
    }
    Ok(0)
}

/// In a directory of regions, each district whose plan belongs to this plan's region (its `parent`), as one unit
/// of the city as of `period` on `today`; none where the data hold one plan.
pub fn districts(
    data: &DataArgs,
    dataset: &crate::model::Dataset,
    period: Period,
    today: chrono::NaiveDate,
) -> Result<Vec<crate::report::notice::District>, Error> {
    let mut plans = crate::load::regions::read_plans(&super::source(data))?;
    let city = &dataset.plan;
    if plans.len() < 2
        || !plans
            .plans()
            .any(|p| p.parent.as_deref() == Some(&city.region))
    {
        return Ok(Vec::new());
    }
    plans
        .keep_period_of(Some(&city.id))
        .map_err(super::in_flags)?;
    let found = plans.map_datasets(&|| {}, |d| {
        (d.plan.parent.as_deref() == Some(city.region.as_str()))
            .then(|| crate::report::notice::district(&d, period, today))
            .flatten()
    })?;
    Ok(found.into_iter().flatten().collect())
}

/// `units assign FILE [--apply]`: the rows of the 分工表 found or refused, then — with `--apply` and no problem —
/// the plan file and the history files written, under the data directory's lock.
fn assign(
    data: &DataArgs,
    file: &std::path::Path,
    apply: bool,
    as_of: Option<Period>,
    today: chrono::NaiveDate,
) -> Result<i32, Error> {
    use crate::units::assign::{Place, edit_history, edit_plan, read_rows};
    let sheets: Vec<(String, Vec<Vec<String>>)> = crate::sheets::read::tables(file, "分工表")?
        .into_iter()
        .map(|s| (s.name, s.cells))
        .collect();
    let dir = if apply {
        Some(super::writable_dir(data)?)
    } else {
        None
    };
    let lock = match &dir {
        Some(dir) => crate::intake::lock(dir, |h| {
            eprintln!("{}", crate::durable::lock::waiting_message(h))
        })?,
        None => None,
    };
    let dataset = load_data(data)?;
    let resolved = resolve_as_of(&dataset, as_of)?;
    let view = units_view(&dataset, &resolved, today);
    let (rows, problems) = read_rows(&dataset, &view, &sheets);
    let mut grid = crate::present::grid::Grid::new(vec![
        crate::present::grid::Column::right("行"),
        crate::present::grid::Column::right("序号"),
        crate::present::grid::Column::left("指标"),
        crate::present::grid::Column::left("牵头单位"),
        crate::present::grid::Column::left("责任单位"),
        crate::present::grid::Column::left("写入"),
        crate::present::grid::Column::left("变化"),
    ]);
    let plan_file = plan_file_of(data, &dataset.plan.id);
    for a in &rows {
        let lead = match &a.before.0 {
            Some(old) if *old != a.lead => format!("{old} → {}", a.lead),
            _ => a.lead.clone(),
        };
        let place = match &a.place {
            Place::Indicator { .. } => plan_file.clone(),
            Place::Annual { file, year } => format!("{file}（{year}年度目标）"),
        };
        grid.push(
            [
                a.row.to_string(),
                a.number.clone(),
                a.name.clone(),
                lead,
                a.shared.join("、"),
                place,
                a.change_zh().to_string(),
            ]
            .into_iter()
            .map(crate::present::grid::Cell::Text)
            .collect(),
        );
    }
    let changed: Vec<&crate::units::assign::Assignment> =
        rows.iter().filter(|a| a.changes()).collect();
    let mut out = format!(
        "分工表 {}：{} 行可写入（{} 行有变化），{} 个问题\n\n",
        file.display(),
        rows.len(),
        changed.len(),
        problems.len()
    );
    if !rows.is_empty() {
        out.push_str(&grid.to_text());
        out.push('\n');
    }
    for p in &problems {
        out.push_str(&format!("问题：{p}\n"));
    }
    if !problems.is_empty() {
        out.push_str("\n有问题的行须先改正：未写入任何数据。\n");
        print(&out)?;
        return Ok(1);
    }
    let (Some(dir), Some(lock)) = (dir, lock) else {
        out.push_str(&format!(
            "\n预览：未写入。确认无误后加 --apply 写入（planwatch{} units assign {} --apply）。\n",
            data.data
                .as_ref()
                .map(|d| format!(" --data {}", d.display()))
                .unwrap_or_default(),
            file.display()
        ));
        print(&out)?;
        return Ok(0);
    };
    let read = |relative: &str| {
        std::fs::read_to_string(dir.join(relative)).map_err(|source| Error::Io {
            path: dir.join(relative),
            source,
        })
    };
    let refused = |relative: &str, why: String| {
        Error::Usage(format!("无法写入 {relative}：{why}；未写入任何数据"))
    };
    let plan_rows: Vec<&crate::units::assign::Assignment> = changed
        .iter()
        .copied()
        .filter(|a| matches!(a.place, Place::Indicator { .. }))
        .collect();
    let plan_text = if plan_rows.is_empty() {
        None
    } else {
        let text = read(&plan_file)?;
        Some(edit_plan(&text, &plan_rows).map_err(|e| refused(&plan_file, e))?)
    };
    let mut writes = Vec::new();
    for a in &changed {
        if let Place::Annual { file, year } = &a.place {
            let text = read(file)?;
            writes.push((
                file.clone(),
                edit_history(&text, *year, &[a]).map_err(|e| refused(file, e))?,
            ));
        }
    }
    if let Some(text) = plan_text {
        crate::durable::replace(&dir.join(&plan_file), text.as_bytes())?;
    }
    crate::durable::journal::commit(&lock, &writes)?;
    out.push_str(&format!("\n已写入 {} 个指标的分工。\n", changed.len()));
    print(&out)?;
    Ok(0)
}

/// The plan file of plan `id` relative to the data directory: `indicators/<id>.toml`, else the file whose
/// `[plan]` says that id.
fn plan_file_of(data: &DataArgs, id: &str) -> String {
    let named = format!("indicators/{id}.toml");
    let Some(dir) = &data.data else {
        return named;
    };
    if dir.join(&named).is_file() {
        return named;
    }
    let says_id = |path: &std::path::Path| {
        std::fs::read_to_string(path)
            .ok()
            .and_then(|t| t.parse::<toml::Table>().ok())
            .and_then(|t| t.get("plan")?.get("id")?.as_str().map(|s| s == id))
            .unwrap_or(false)
    };
    std::fs::read_dir(dir.join("indicators"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "toml") && says_id(p))
        .and_then(|p| {
            p.file_name()
                .map(|n| format!("indicators/{}", n.to_string_lossy()))
        })
        .unwrap_or(named)
}
