//! Loader tests on in-memory files: what is accepted, and how each problem is reported.

use super::*;

const PLAN: &str = r#"[plan]
id = "p"
name = "测试规划"
short_name = "测试"
region = "测试市"
start_year = 2026
end_year = 2030
baseline_year = 2025
categories = ["经济发展"]

[[indicator]]
id = "1"
name = "城镇化率"
unit = "%"
category = "经济发展"
attribute = "预期性"
level = "国家"
better = "higher"
baseline = { year = 2025, value = 85.0, text = "85" }
target = { year = 2030, kind = "at_least", value = 86.0, text = "86" }
"#;

const OBS: &str = r#"indicator = "1"
unit = "%"

[[observation]]
period = "2026"
value = 85.3
status = "preliminary"
source = "测试"
recorded = 2027-01-20

[[observation]]
period = "2026"
value = 85.4
status = "revised"
source = "测试"
published = 2027-06-01
recorded = 2027-06-02
"#;

fn file(name: &str, text: &str) -> SourceFile {
    SourceFile {
        name: name.to_string(),
        text: text.to_string(),
    }
}

fn parse_one(plan: &str, history: &[(&str, &str)]) -> Result<Dataset, Vec<Problem>> {
    let files = Files {
        plans: vec![file("indicators/p.toml", plan)],
        history: history
            .iter()
            .map(|(n, t)| (String::new(), file(n, t)))
            .collect(),
        problems: Vec::new(),
    };
    match parse(files, None) {
        Ok(ds) => Ok(ds),
        Err(Error::Invalid(p)) => Err(p),
        Err(e) => panic!("unexpected error {e}"),
    }
}

fn problems(plan: &str, history: &[(&str, &str)]) -> Vec<Problem> {
    parse_one(plan, history).expect_err("should be rejected")
}

#[test]
fn loads_a_plan_and_keeps_every_vintage() {
    let ds = parse_one(PLAN, &[("history/1.toml", OBS)]).unwrap();
    assert_eq!(ds.plan.indicators.len(), 1);
    assert_eq!(ds.history.all_vintages("1").len(), 2);
    assert_eq!(ds.history.year_value("1", 2026), Some(85.4));
}

#[test]
fn the_shipped_data_load() {
    let ds = load(&DataSource::Shipped, None).unwrap();
    assert_eq!(ds.plan.id, "hangzhou-15th");
    assert_eq!(ds.plan.indicators.len(), 31);
    let old = load(&DataSource::Shipped, Some("hangzhou-14th")).unwrap();
    assert_eq!(old.plan.short_name, "十四五");
    // The 2021 GDP revision keeps both vintages and uses the revised one.
    assert_eq!(
        ds.history
            .all_vintages("gdp")
            .iter()
            .filter(|o| o.period.year == 2021)
            .count(),
        2
    );
    assert_eq!(ds.history.year_value("gdp", 2021), Some(18247.0));
}

#[test]
fn syntax_errors_name_line_and_column() {
    let p = problems("[plan\nid = 1", &[]);
    assert!(
        p[0].line == 1 && p[0].file == "indicators/p.toml",
        "{:?}",
        p
    );
    assert!(p[0].message.contains("TOML"));
}

#[test]
fn unknown_keys_and_wrong_types_name_the_field() {
    let bad = PLAN.replace("better = \"higher\"", "better = \"higher\"\nunit_typo = 1");
    let p = problems(&bad, &[]);
    assert_eq!(p.len(), 1, "{p:?}");
    let unknown = &p[0];
    assert!(unknown.message.contains("unit_typo"), "{unknown}");
    assert_eq!(unknown.line, 19);

    let bad = PLAN.replace("value = 86.0", "value = \"八十六\"");
    let p = problems(&bad, &[]);
    assert_eq!(p[0].field, "indicator[1].target.value", "{:?}", p);
    assert!(p[0].message.contains("数字"), "{}", p[0]);
}

#[test]
fn reports_every_problem_across_files() {
    let unknown_indicator = OBS.replace("indicator = \"1\"", "indicator = \"99\"");
    let nan = OBS.replace("value = 85.3", "value = nan");
    let wrong_unit = OBS.replace("unit = \"%\"", "unit = \"万人\"");
    let p = problems(
        PLAN,
        &[
            ("history/a.toml", &unknown_indicator),
            ("history/b.toml", &nan),
            ("history/c.toml", &wrong_unit),
        ],
    );
    assert_eq!(p.len(), 3, "{p:#?}");
    assert!(p[0].file == "history/a.toml" && p[0].message.contains("99"));
    assert!(
        p[1].file == "history/b.toml" && p[1].field == "observation[1].value" && p[1].line == 6
    );
    assert!(p[2].file == "history/c.toml" && p[2].message.contains("万人"));
}

#[test]
fn a_duplicate_period_in_one_vintage_is_rejected_with_both_places() {
    let dup = format!(
        "{OBS}\n[[observation]]\nperiod = \"2026\"\nvalue = 1.0\nstatus = \"preliminary\"\nsource = \"x\"\nrecorded = 2027-01-20\n"
    );
    let p = problems(PLAN, &[("history/1.toml", &dup)]);
    assert_eq!(p.len(), 1);
    assert!(p[0].message.contains("history/1.toml:5"), "{}", p[0]);
}

#[test]
fn a_target_kind_without_its_fields_is_named() {
    let bad = PLAN.replace(
        "kind = \"at_least\", value = 86.0,",
        "kind = \"cumulative\",",
    );
    let p = problems(&bad, &[]);
    assert!(
        p.iter()
            .any(|p| p.field.ends_with("target.total") && p.message.contains("cumulative")),
        "{p:?}"
    );
    let bad = PLAN.replace("kind = \"at_least\"", "kind = \"mostly\"");
    let p = problems(&bad, &[]);
    assert!(
        p[0].message.contains("mostly") && p[0].message.contains("at_least"),
        "{p:?}"
    );
    let bad = PLAN.replace(
        "kind = \"at_least\", value = 86.0,",
        "kind = \"in_step\", with = \"7\",",
    );
    assert!(problems(&bad, &[])[0].message.contains("“7”"));
}

#[test]
fn bad_words_in_fields_are_explained() {
    let bad = PLAN
        .replace("attribute = \"预期性\"", "attribute = \"必须\"")
        .replace("level = \"国家\"", "level = \"县\"");
    let p = problems(&bad, &[]);
    assert_eq!(p.len(), 2);
    assert!(p[0].message.contains("约束性") && p[1].message.contains("国家"));
}

#[test]
fn a_plan_must_be_chosen_when_it_is_not_found() {
    let files = Files {
        plans: vec![file("indicators/p.toml", PLAN)],
        history: vec![],
        problems: Vec::new(),
    };
    match parse(files, Some("nope")) {
        Err(Error::PlanNotFound { available, .. }) => assert_eq!(available, vec!["p".to_string()]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn never_panics_on_garbage() {
    for text in [
        "",
        "\u{0}",
        "[[indicator]]",
        "plan = 3",
        "[plan]\nstart_year = 99999999999",
        "indicator = [1,2]",
    ] {
        let _ = parse_one(text, &[("history/x.toml", text)]);
    }
}

proptest::proptest! {
    /// Any text at all, in the plan or in a history file: problems, never a panic.
    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}", cut in 0usize..600) {
        let _ = parse_one(&text, &[("history/x.toml", OBS)]);
        let mut truncated = PLAN.to_string();
        truncated.truncate(PLAN.char_indices().map(|(i, _)| i).take_while(|i| *i <= cut).last().unwrap_or(0));
        let _ = parse_one(&truncated, &[("history/x.toml", &text)]);
        let _ = parse_one(PLAN, &[("history/x.toml", &format!("{OBS}{text}"))]);
    }
}

#[test]
fn a_plan_may_use_its_own_status_words() {
    let own = PLAN.replace(
        "[[indicator]]",
        "[labels]\nlagging = \"进度偏慢\"\n\n[[indicator]]",
    );
    let ds = parse_one(&own, &[]).unwrap();
    assert_eq!(
        ds.plan.status_label(crate::assess::Status::Lagging),
        "进度偏慢"
    );
    assert_eq!(
        ds.plan.status_label(crate::assess::Status::OnTrack),
        "基本符合预期"
    );
    let typo = PLAN.replace("[[indicator]]", "[labels]\nlaging = \"x\"\n\n[[indicator]]");
    assert!(problems(&typo, &[])[0].message.contains("laging"));
}

#[test]
fn a_broken_series_file_is_not_also_reported_as_a_missing_series() {
    let plan = PLAN.replace("id = \"1\"\n", "id = \"1\"\nseries = \"urban\"\n");
    let series = OBS.replace(
        "indicator = \"1\"",
        "context = \"urban\"\nname = \"城镇化率\"",
    );
    assert!(parse_one(&plan, &[("history/context/urban.toml", &series)]).is_ok());
    let broken = series.replace("value = 85.3", "value = 85,3");
    let p = problems(&plan, &[("history/context/urban.toml", &broken)]);
    assert_eq!(p.len(), 1, "{p:#?}");
    assert!(p[0].message.contains("TOML"));
    // With the history clean, a series nobody declares is still named.
    let p = problems(&plan, &[]);
    assert!(
        p[0].message.contains("urban") && p[0].field.ends_with("series"),
        "{p:?}"
    );
}

#[test]
fn annual_targets_and_intra_year_periods_load_and_every_problem_is_named() {
    let good = format!(
        "{OBS}\n[[observation]]\nperiod = \"2027-08\"\nvalue = 85.5\nstatus = \"preliminary\"\nsource = \"测试\"\nrecorded = 2027-09-20\n\n[[annual_target]]\nyear = 2027\norder = 2\nkind = \"level\"\nvalue = 85.6\nupper = 86.0\ntext = \"85.6%—86%\"\nbetter = \"higher\"\nattribute = \"binding\"\ntolerance = 0.1\nname = \"城镇化率（年度）\"\nsource = \"测试\"\nrecorded = 2027-02-01\n\n[[annual_target]]\nyear = 2028\nkind = \"direction\"\ntext = \"稳步提高\"\nsource = \"测试\"\nrecorded = 2028-02-01\n"
    );
    let ds = parse_one(PLAN, &[("history/1.toml", &good)]).unwrap();
    let t = ds.history.annual_target("1", 2027).unwrap();
    assert_eq!(t.kind, crate::model::AnnualKind::Level);
    assert_eq!(
        (t.value, t.upper, t.tolerance),
        (Some(85.6), Some(86.0), Some(0.1))
    );
    assert_eq!(t.attribute, Some(crate::model::Attribute::Binding));
    assert_eq!(ds.history.annual_target("1", 2028).unwrap().value, None);
    assert_eq!(ds.history.latest_period().unwrap().to_string(), "2027-08");

    let bad = format!(
        "{OBS}\n[[annual_target]]\nyear = 2027\nkind = \"rate\"\nvalue = 5.0\ntext = \"x\"\nsource = \"测试\"\nrecorded = 2027-02-01\n\n[[annual_target]]\nyear = 2028\nkind = \"amount\"\nbetter = \"up\"\ntolerance = -1.0\ntext = \"x\"\nsource = \"测试\"\nrecorded = 2027-02-01\n"
    );
    let p = problems(PLAN, &[("history/1.toml", &bad)]);
    let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "annual_target[1].kind",
            "annual_target[2].better",
            "annual_target[2].value",
            "annual_target[2].tolerance"
        ],
        "{p:?}"
    );
    assert!(p[0].message.contains("growth / level / amount / direction"));
    assert!(p[2].message.contains("缺少 value"));
    assert!(p.iter().all(|p| p.file == "history/1.toml" && p.line > 0));
}

#[test]
fn huge_values_and_far_periods_are_problems_not_dropped() {
    let bad = OBS.replacen("value = 85.3", "value = 1e308", 1).replacen(
        "period = \"2026\"",
        "period = \"9999\"",
        1,
    );
    let p = problems(PLAN, &[("history/1.toml", &bad)]);
    let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        ["observation[1].period", "observation[1].value"],
        "{p:?}"
    );
    assert!(p[0].message.contains("1949–2100"), "{}", p[0].message);
    assert!(p[1].message.contains("超出合理范围"), "{}", p[1].message);
    let plan = PLAN.replace("value = 86.0", "value = -2e15");
    let p = problems(&plan, &[]);
    assert!(p[0].field.ends_with("target.value"), "{p:?}");
}

#[test]
fn control_characters_in_text_are_problems() {
    let plan = PLAN.replace(
        "name = \"城镇化率\"",
        "name = \"城镇化率\\u001b[2J\\u001b]0;pwned\\u0007\"",
    );
    let p = problems(&plan, &[]);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].line, p[0].field.as_str()), (13, "indicator[1].name"));
    assert!(p[0].message.contains("U+001B"), "{}", p[0].message);
    let obs = OBS.replace("source = \"测试\"", "source = \"测\\u009b试\"");
    let p = problems(PLAN, &[("history/1.toml", &obs)]);
    assert!(
        p.iter().all(|p| p.message.contains("U+009B")) && p.len() == 2,
        "{p:?}"
    );
}

#[test]
fn toml_syntax_errors_are_explained_in_chinese_with_the_original() {
    let obs = OBS.replace("recorded = 2027-01-20", "recorded = 2027/01/20");
    let p = problems(PLAN, &[("history/1.toml", &obs)]);
    assert_eq!(p[0].line, 9, "{p:?}");
    assert!(p[0].message.contains("原文："), "{}", p[0].message);
    assert!(p[0].message.contains("2027-03-20"), "{}", p[0].message);
}

#[test]
fn every_plan_and_its_history_is_checked() {
    let other = PLAN.replace("id = \"p\"", "id = \"q\"");
    let broken = OBS.replace("value = 85.3", "value = \"x\"");
    let files = Files {
        plans: vec![
            file("indicators/p.toml", PLAN),
            file("indicators/q.toml", &other),
        ],
        history: vec![
            ("p".into(), file("history/p/1.toml", OBS)),
            ("q".into(), file("history/q/1.toml", &broken)),
            ("gone".into(), file("history/gone/1.toml", OBS)),
        ],
        problems: Vec::new(),
    };
    let Err(Error::Invalid(p)) = parse(files, Some("p")) else {
        panic!("the other plan's broken history must be found");
    };
    let named: Vec<&str> = p.iter().map(|p| p.file.as_str()).collect();
    assert_eq!(named, ["history/q/1.toml", "history/gone/1.toml"], "{p:?}");
}

#[test]
fn entries_are_checked_even_when_the_header_is_wrong() {
    let bad =
        OBS.replace("unit = \"%\"", "unit = \"‰\"")
            .replacen("value = 85.3", "value = \"x\"", 1);
    let p = problems(PLAN, &[("history/1.toml", &bad)]);
    let fields: Vec<&str> = p.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["unit", "observation[1].value"], "{p:?}");
}
