//! Reading `scenarios/`: `goals.toml` (the headline goals and the report's assumptions) and one file per named
//! scenario, from the data directory or from the copy compiled into the binary.

use std::path::Path;

use include_dir::{Dir, include_dir};
use serde::Serialize;

use super::goals::{Defaults, Goals, GoalsFile, RatioSpec, read_goals};
use super::named::{NamedScenario, read_scenario};
use crate::error::Error;
use crate::load::document::Document;
use crate::load::files::{read_source, toml_files};
use crate::load::{DataSource, Problem, SourceFile, max_file_bytes};

static SHIPPED_SCENARIOS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scenarios");

const GOALS_FILE: &str = "goals.toml";

/// Everything in `scenarios/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioBook {
    /// The plan the goals belong to.
    pub plan: String,
    pub source: String,
    pub goals: Goals,
    pub defaults: Defaults,
    pub ratios: Vec<RatioSpec>,
    /// In file-name order.
    pub scenarios: Vec<NamedScenario>,
    /// Where the files were read from, for the output.
    pub origin: String,
}

impl ScenarioBook {
    /// A named scenario; an unknown name lists the known ones.
    pub fn scenario(&self, name: &str) -> Result<&NamedScenario, Error> {
        self.scenarios
            .iter()
            .find(|s| s.name == name.trim())
            .ok_or_else(|| {
                let known: Vec<&str> = self.scenarios.iter().map(|s| s.name.as_str()).collect();
                Error::Usage(format!(
                    "没有名为“{name}”的情景：可用的情景有 {}（{}）",
                    known.join("、"),
                    self.origin
                ))
            })
    }

    /// The goals are the plan's own: using them with another plan would judge it against the wrong numbers.
    pub fn check_plan(&self, plan_id: &str) -> Result<(), Error> {
        if self.plan == plan_id {
            Ok(())
        } else {
            Err(Error::Usage(format!(
                "{} 中的目标属于规划“{}”，而当前规划是“{plan_id}”：请为该规划提供 scenarios/goals.toml",
                self.origin, self.plan
            )))
        }
    }
}

/// Reads `scenarios/` from the data directory; a directory without one uses the shipped files (and says so).
pub fn load_book(source: &DataSource) -> Result<ScenarioBook, Error> {
    match source {
        DataSource::Dir(dir) if dir.join("scenarios").is_dir() => {
            let root = dir.join("scenarios");
            // Every file is read, so that one unreadable file does not hide the problems of the others.
            let mut unreadable = Vec::new();
            let limit = max_file_bytes();
            let files: Vec<SourceFile> = toml_files(dir, &root, false, &mut unreadable)
                .iter()
                .filter_map(|p| {
                    read_source(dir, p, limit)
                        .map_err(|e| unreadable.push(e))
                        .ok()
                })
                .collect();
            match parse(files, format!("{}", root.display())) {
                Ok(book) if unreadable.is_empty() => Ok(book),
                Ok(_) => Err(Error::Invalid(unreadable)),
                Err(Error::Invalid(mut problems)) => {
                    unreadable.append(&mut problems);
                    Err(Error::Invalid(unreadable))
                }
                Err(other) => Err(other),
            }
        }
        DataSource::Dir(dir) => {
            let mut book = shipped_book()?;
            book.origin = format!("内置情景文件（{} 中没有 scenarios/）", dir.display());
            Ok(book)
        }
        DataSource::Shipped => shipped_book(),
    }
}

/// The named scenarios.
pub fn load_scenarios(source: &DataSource) -> Result<Vec<NamedScenario>, Error> {
    Ok(load_book(source)?.scenarios)
}

/// The headline goals.
pub fn load_goals(source: &DataSource) -> Result<Goals, Error> {
    Ok(load_book(source)?.goals)
}

pub(crate) fn shipped_book() -> Result<ScenarioBook, Error> {
    let mut files: Vec<SourceFile> = SHIPPED_SCENARIOS
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .map(|f| SourceFile {
            name: format!("scenarios/{}", f.path().display()),
            text: f.contents_utf8().unwrap_or_default().to_string(),
        })
        .collect();
    files.sort_by(|a, b| a.name.cmp(&b.name));
    parse(files, "内置情景文件 scenarios/".to_string())
}

fn parse(files: Vec<SourceFile>, origin: String) -> Result<ScenarioBook, Error> {
    let mut problems = Vec::new();
    let mut goals: Option<GoalsFile> = None;
    let mut scenarios: Vec<NamedScenario> = Vec::new();
    let is_goals = |f: &SourceFile| {
        Path::new(&f.name)
            .file_name()
            .is_some_and(|n| n == GOALS_FILE)
    };
    for file in &files {
        let doc = match Document::parse(file) {
            Ok(doc) => doc,
            Err(p) => {
                problems.extend(p);
                continue;
            }
        };
        doc.control_characters(&mut problems);
        if is_goals(file) {
            goals = read_goals(&doc, &mut problems);
        } else if let Some(s) = read_scenario(&doc, &mut problems) {
            if let Some(first) = scenarios.iter().find(|x| x.name == s.name) {
                let span = doc.get("name").map_or(0..0, |v| v.span());
                problems.push(doc.problem(
                    span,
                    "name",
                    format!("情景名称“{}”与 {} 重复", s.name, first.file),
                ));
            } else {
                scenarios.push(s);
            }
        }
    }
    if !files.iter().any(is_goals) {
        problems.push(Problem {
            file: origin.clone(),
            line: 1,
            column: 1,
            field: String::new(),
            message: format!(
                "缺少 {GOALS_FILE}：情景需要规划的目标（[goals]）和测算口径（[defaults]）"
            ),
        });
    }
    match goals {
        Some(g) if problems.is_empty() => Ok(ScenarioBook {
            plan: g.plan,
            source: g.source,
            goals: g.goals,
            defaults: g.defaults,
            ratios: g.ratios,
            scenarios,
            origin,
        }),
        _ => Err(Error::Invalid(problems)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile {
            name: format!("scenarios/{name}"),
            text: text.to_string(),
        }
    }

    fn goals() -> SourceFile {
        let text = SHIPPED_SCENARIOS
            .get_file("goals.toml")
            .and_then(|f| f.contents_utf8())
            .unwrap_or_default();
        file(GOALS_FILE, text)
    }

    fn problems(files: Vec<SourceFile>) -> Vec<String> {
        match parse(files, "test".into()) {
            Err(Error::Invalid(p)) => p.iter().map(ToString::to_string).collect(),
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn problems_name_file_line_column_and_field() {
        let bad = file(
            "9-bad.toml",
            "name = \"坏\"\ndescription = \"x\"\ngrowth = \"5\"\nfx = -7.0\nspeed = 1\n",
        );
        let p = problems(vec![goals(), bad]);
        assert!(
            p.iter()
                .any(|m| m.starts_with("scenarios/9-bad.toml:3:10: 字段 growth:")),
            "{p:?}"
        );
        assert!(
            p.iter()
                .any(|m| m.starts_with("scenarios/9-bad.toml:4:6: 字段 fx:") && m.contains("正数")),
            "{p:?}"
        );
        assert!(p.iter().any(|m| m.contains("speed")), "{p:?}");
    }

    #[test]
    fn conflicting_and_duplicate_scenarios_are_reported() {
        let both = file(
            "a.toml",
            "name = \"甲\"\ndescription = \"x\"\ngrowth = 5.0\ngrowth_path = [5.0]\n",
        );
        let first = file("b.toml", "name = \"乙\"\ndescription = \"x\"\n");
        let again = file(
            "c.toml",
            "name = \"乙\"\ndescription = \"y\"\npopulation_change = 1.0\npopulation_end = 1.0\n",
        );
        let p = problems(vec![goals(), both, first, again]);
        assert!(
            p.iter()
                .any(|m| m.contains("growth 与 growth_path 只能写一个")),
            "{p:?}"
        );
        assert!(p.iter().any(|m| m.contains("只能写其中一个")), "{p:?}");
        let p = problems(vec![
            goals(),
            file("b.toml", "name = \"乙\"\ndescription = \"x\"\n"),
            file("c.toml", "name = \"乙\"\ndescription = \"y\"\n"),
        ]);
        assert!(
            p.iter()
                .any(|m| m.starts_with("scenarios/c.toml:1:8: 字段 name:") && m.contains("重复")),
            "{p:?}"
        );
    }

    #[test]
    fn goals_file_is_required_and_checked() {
        let p = problems(vec![file("a.toml", "name = \"甲\"\ndescription = \"x\"\n")]);
        assert!(p.iter().any(|m| m.contains("缺少 goals.toml")), "{p:?}");
        let text = goals().text.replace("gdp = 30000.0", "gdp = -1.0");
        let p = problems(vec![file(GOALS_FILE, &text)]);
        assert!(
            p.iter()
                .any(|m| m.contains("字段 goals.gdp") && m.contains("正数")),
            "{p:?}"
        );
    }
}
