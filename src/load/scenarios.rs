//! Reading `scenarios/` from the data directory, or from the copy compiled into the binary.

use std::path::Path;

use include_dir::{Dir, include_dir};

use super::document::Document;
use super::files::{max_file_bytes, read_source, toml_files};
use super::scenario_file::{GoalsFile, read_goals, read_scenario};
use super::source::DataSource;
use crate::error::Error;
use crate::problem::{Problem, SourceFile};
use crate::scenario::book::ScenarioBook;
use crate::scenario::named::NamedScenario;

static SHIPPED_SCENARIOS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/scenarios");

const GOALS_FILE: &str = "goals.toml";

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
            book.shipped_fallback = true;
            Ok(book)
        }
        DataSource::Shipped => shipped_book(),
    }
}

fn shipped_book() -> Result<ScenarioBook, Error> {
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
            shipped_fallback: false,
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
