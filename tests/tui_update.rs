//! The update step, key by key: every key the help overlay lists does what it says, with no terminal.

mod tui_support;

use planwatch::scenario::Yearly;
use planwatch::tui::app::{ListLine, SortOrder};
use planwatch::tui::scenario::{Field, Workbench};
use planwatch::tui::{App, AppEvent, Screen, update};
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui_support::{AS_OF, app, press, type_keys};

fn selected(app: &App) -> &str {
    app.selected.as_deref().unwrap_or("")
}

fn visible_ids(app: &App) -> Vec<String> {
    app.visible()
        .into_iter()
        .map(|i| app.dataset.plan.indicators[i].id.clone())
        .collect()
}

fn mouse(app: &mut App, kind: MouseEventKind, column: u16, row: u16) {
    update(
        app,
        AppEvent::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }),
    );
}

// ── Keys that work everywhere ────────────────────────────────────────────────

#[test]
fn q_quits() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

#[test]
fn ctrl_c_quits_from_every_state() {
    let setups: [&dyn Fn(&mut App); 5] = [
        &|_| {},
        &|a| press(a, KeyCode::Char('/')),
        &|a| press(a, KeyCode::Char('?')),
        &|a| press(a, KeyCode::Enter),
        &|a| press(a, KeyCode::Tab),
    ];
    for setup in setups {
        let mut a = app(80, 24);
        setup(&mut a);
        assert!(!a.quit);
        update(&mut a, AppEvent::ctrl('c'));
        assert!(a.quit);
    }
}

#[test]
fn question_mark_opens_help_and_esc_question_mark_enter_close_it() {
    for close in [KeyCode::Esc, KeyCode::Char('?'), KeyCode::Enter] {
        let mut a = app(80, 24);
        press(&mut a, KeyCode::Char('?'));
        assert!(a.help_open);
        press(&mut a, close);
        assert!(!a.help_open, "{close:?}");
        assert_eq!(a.screen, Screen::Overview);
    }
}

#[test]
fn brackets_change_the_as_of_year_within_the_plan() {
    let mut a = app(80, 24);
    let assessed_year = |a: &App| a.assessment().get("2").unwrap().assessed.unwrap().year;
    assert_eq!(assessed_year(&a), AS_OF);
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.as_of(), AS_OF - 1);
    assert_eq!(a.assessment().as_of, AS_OF - 1);
    assert_eq!(
        assessed_year(&a),
        AS_OF - 1,
        "the assessment is redone for the year"
    );
    press(&mut a, KeyCode::Char(']'));
    press(&mut a, KeyCode::Char(']'));
    assert_eq!(a.as_of(), AS_OF + 1);
    for _ in 0..10 {
        press(&mut a, KeyCode::Char(']'));
    }
    assert_eq!(a.as_of(), 2030);
    assert!(a.message.as_deref().unwrap().contains("2030"));
    for _ in 0..10 {
        press(&mut a, KeyCode::Char('['));
    }
    assert_eq!(a.as_of(), 2025);
    assert!(a.message.as_deref().unwrap().contains("2025"));
    // The next key clears the message.
    press(&mut a, KeyCode::Char('j'));
    assert!(a.message.is_none());
}

#[test]
fn tab_and_shift_tab_switch_between_overview_and_scenario() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.screen, Screen::Scenario);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.screen, Screen::Overview);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.screen, Screen::Scenario);
    press(&mut a, KeyCode::BackTab);
    assert_eq!(a.screen, Screen::Overview);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.screen, Screen::Scenario);
}

#[test]
fn key_releases_are_ignored() {
    let mut a = app(80, 24);
    let mut release = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    update(&mut a, AppEvent::Key(release));
    assert!(!a.quit);
}

#[test]
fn resize_is_remembered_and_keeps_the_selection_on_screen() {
    let mut a = app(120, 40);
    press(&mut a, KeyCode::End);
    update(
        &mut a,
        AppEvent::Resize {
            width: 80,
            height: 12,
        },
    );
    assert_eq!((a.size.width, a.size.height), (80, 12));
    let rows = planwatch::tui::view::overview::body_rows(&a);
    let at = a
        .lines()
        .iter()
        .position(|l| matches!(l, ListLine::Indicator(i) if a.dataset.plan.indicators[*i].id == selected(&a)))
        .unwrap();
    assert!(a.offset <= at && at < a.offset + rows);
}

// ── Overview ─────────────────────────────────────────────────────────────────

#[test]
fn arrows_and_j_k_move_through_indicators_skipping_headings() {
    let mut a = app(80, 24);
    assert_eq!(selected(&a), "1");
    press(&mut a, KeyCode::Down);
    assert_eq!(selected(&a), "2");
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(selected(&a), "3");
    press(&mut a, KeyCode::Up);
    assert_eq!(selected(&a), "2");
    press(&mut a, KeyCode::Char('k'));
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(selected(&a), "1", "stops at the top");
    for _ in 0..7 {
        press(&mut a, KeyCode::Char('j'));
    }
    // 7 is the last of 经济发展; the next is 8 under the 创新驱动 heading.
    assert_eq!(selected(&a), "8");
}

#[test]
fn home_end_g_and_page_keys_jump() {
    let mut a = app(80, 24);
    let ids = visible_ids(&a);
    press(&mut a, KeyCode::End);
    assert_eq!(selected(&a), ids.last().unwrap());
    assert!(a.offset > 0, "the list scrolled to show the last row");
    press(&mut a, KeyCode::Home);
    assert_eq!(selected(&a), "1");
    assert_eq!(a.offset, 0);
    press(&mut a, KeyCode::Char('G'));
    assert_eq!(selected(&a), ids.last().unwrap());
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(selected(&a), "1");
    let page = planwatch::tui::view::overview::body_rows(&a);
    press(&mut a, KeyCode::PageDown);
    assert_eq!(selected(&a), ids[page]);
    press(&mut a, KeyCode::PageUp);
    assert_eq!(selected(&a), "1");
}

#[test]
fn enter_and_right_open_the_selected_indicator() {
    for open in [KeyCode::Enter, KeyCode::Right] {
        let mut a = app(80, 24);
        press(&mut a, KeyCode::Down);
        press(&mut a, open);
        assert_eq!(a.screen, Screen::Indicator);
        assert_eq!(selected(&a), "2");
        assert_eq!(a.selected_item().unwrap().0.name, "全员劳动生产率");
    }
}

#[test]
fn b_shows_binding_indicators_only() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('b'));
    let ids = visible_ids(&a);
    assert_eq!(ids, ["23", "24", "25", "26", "27", "28", "29"]);
    assert_eq!(
        selected(&a),
        "23",
        "the selection moves to a visible indicator"
    );
    press(&mut a, KeyCode::Char('b'));
    assert_eq!(visible_ids(&a).len(), 31);
}

#[test]
fn l_shows_lagging_indicators_only() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('l'));
    // The official order of the behind list: binding first, then 严重滞后, then plan order.
    assert_eq!(visible_ids(&a), ["25", "10", "3"]);
    press(&mut a, KeyCode::Char('b'));
    assert_eq!(visible_ids(&a), ["25"], "filters combine");
}

#[test]
fn c_and_shift_c_cycle_through_categories() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('c'));
    assert_eq!(a.filter.category, Some(0));
    assert_eq!(visible_ids(&a), ["1", "2", "3", "4", "5", "6", "7"]);
    press(&mut a, KeyCode::Char('c'));
    assert_eq!(visible_ids(&a), ["8", "9", "10", "11"]);
    for _ in 0..4 {
        press(&mut a, KeyCode::Char('c'));
    }
    assert_eq!(
        a.filter.category, None,
        "after the last category: all again"
    );
    press(&mut a, KeyCode::Char('C'));
    assert_eq!(visible_ids(&a), ["29", "30"]);
    press(&mut a, KeyCode::Char('C'));
    assert_eq!(a.filter.category, Some(3));
}

#[test]
fn s_sorts_by_gap_without_headings_and_back() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('s'));
    assert_eq!(a.sort, SortOrder::Gap);
    assert!(
        a.lines()
            .iter()
            .all(|l| matches!(l, ListLine::Indicator(_)))
    );
    let gaps: Vec<f64> = a
        .visible()
        .into_iter()
        .filter_map(|i| {
            let (ind, asm) = a.item(i).unwrap();
            asm.gap_share(ind)
        })
        .collect();
    assert!(gaps.len() > 10);
    assert!(gaps.windows(2).all(|w| w[0] >= w[1]), "{gaps:?}");
    press(&mut a, KeyCode::Char('s'));
    assert_eq!(a.sort, SortOrder::Plan);
    assert!(matches!(a.lines()[0], ListLine::Category { .. }));
}

#[test]
fn x_clears_search_and_filters() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('b'));
    press(&mut a, KeyCode::Char('l'));
    press(&mut a, KeyCode::Char('c'));
    type_keys(&mut a, "/gdp");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Char('x'));
    assert!(!a.filter.is_active());
    assert!(a.search.query.is_empty());
    assert_eq!(visible_ids(&a).len(), 31);
}

#[test]
fn esc_clears_the_search_then_the_filters_then_says_how_to_quit() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('b'));
    type_keys(&mut a, "/森林");
    press(&mut a, KeyCode::Enter);
    assert_eq!(visible_ids(&a), ["28"]);
    press(&mut a, KeyCode::Esc);
    assert!(a.search.query.is_empty());
    assert!(a.filter.binding_only);
    press(&mut a, KeyCode::Esc);
    assert!(!a.filter.is_active());
    press(&mut a, KeyCode::Esc);
    assert!(!a.quit);
    assert!(a.message.as_deref().unwrap().contains('q'));
}

#[test]
fn mouse_wheel_moves_and_a_click_selects_then_opens() {
    let mut a = app(80, 24);
    mouse(&mut a, MouseEventKind::ScrollDown, 10, 10);
    assert_eq!(selected(&a), "2");
    mouse(&mut a, MouseEventKind::ScrollUp, 10, 10);
    assert_eq!(selected(&a), "1");
    let body =
        planwatch::tui::view::overview::layout(&a, planwatch::tui::view::screen_area(&a)).body;
    // Row 0 of the body is the 经济发展 heading; row 3 is indicator 3.
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), 10, body.y);
    assert_eq!(selected(&a), "1", "a heading is not selectable");
    mouse(
        &mut a,
        MouseEventKind::Down(MouseButton::Left),
        10,
        body.y + 3,
    );
    assert_eq!(selected(&a), "3");
    assert_eq!(a.screen, Screen::Overview);
    mouse(
        &mut a,
        MouseEventKind::Down(MouseButton::Left),
        10,
        body.y + 3,
    );
    assert_eq!(a.screen, Screen::Indicator);
    // Outside the list nothing happens.
    let mut b = app(80, 24);
    mouse(&mut b, MouseEventKind::Down(MouseButton::Left), 10, 0);
    assert_eq!(selected(&b), "1");
}

// ── Search ───────────────────────────────────────────────────────────────────

#[test]
fn slash_searches_by_name_in_any_case() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('/'));
    assert!(a.search.editing);
    type_keys(&mut a, "GDP");
    assert_eq!(a.search.query, "GDP");
    let ids = visible_ids(&a);
    assert!(ids.contains(&"1".to_string()) && ids.contains(&"10".to_string()));
    assert!(!ids.contains(&"2".to_string()));
    let mut b = app(80, 24);
    type_keys(&mut b, "/gdp");
    assert_eq!(visible_ids(&b), ids);
}

#[test]
fn search_by_number_finds_the_parts_of_17() {
    let mut a = app(80, 24);
    type_keys(&mut a, "/17");
    assert_eq!(visible_ids(&a), ["17.1", "17.2"]);
    press(&mut a, KeyCode::Backspace);
    assert_eq!(visible_ids(&a), ["1"]);
}

#[test]
fn typing_q_in_the_search_is_text_not_quit() {
    let mut a = app(80, 24);
    type_keys(&mut a, "/q");
    assert!(!a.quit);
    assert_eq!(a.search.query, "q");
}

#[test]
fn search_keys_enter_esc_ctrl_u_and_arrows() {
    let mut a = app(80, 24);
    type_keys(&mut a, "/收入");
    let found = visible_ids(&a);
    assert!(found.len() >= 2, "{found:?}");
    assert_eq!(selected(&a), found[0]);
    press(&mut a, KeyCode::Down);
    assert_eq!(selected(&a), found[1]);
    press(&mut a, KeyCode::Up);
    assert_eq!(selected(&a), found[0]);
    update(&mut a, AppEvent::ctrl('u'));
    assert!(a.search.query.is_empty());
    type_keys(&mut a, "寿命");
    press(&mut a, KeyCode::Enter);
    assert!(!a.search.editing);
    assert_eq!(visible_ids(&a), ["19"]);
    // After Enter, keys are commands again: j does not go into the query.
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(a.search.query, "寿命");
    press(&mut a, KeyCode::Char('/'));
    press(&mut a, KeyCode::Esc);
    assert!(!a.search.editing);
    assert!(a.search.query.is_empty());
    assert_eq!(visible_ids(&a).len(), 31);
}

#[test]
fn a_search_that_finds_nothing_keeps_the_selection_for_later() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Down);
    type_keys(&mut a, "/没有这个指标");
    assert!(visible_ids(&a).is_empty());
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Overview, "nothing visible to open");
    press(&mut a, KeyCode::Esc);
    assert_eq!(selected(&a), "2");
}

// ── Indicator view ───────────────────────────────────────────────────────────

fn opened(id_position: usize) -> App {
    let mut a = app(80, 24);
    for _ in 0..id_position {
        press(&mut a, KeyCode::Down);
    }
    press(&mut a, KeyCode::Enter);
    assert_eq!(a.screen, Screen::Indicator);
    a
}

#[test]
fn esc_backspace_left_and_h_go_back() {
    for back in [
        KeyCode::Esc,
        KeyCode::Backspace,
        KeyCode::Left,
        KeyCode::Char('h'),
    ] {
        let mut a = opened(2);
        press(&mut a, back);
        assert_eq!(a.screen, Screen::Overview, "{back:?}");
        assert_eq!(selected(&a), "3", "the selection is where it was");
    }
}

#[test]
fn arrows_j_k_page_home_end_scroll_the_details_within_bounds() {
    let mut a = opened(2);
    assert_eq!(a.detail_scroll, 0);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(a.detail_scroll, 2);
    press(&mut a, KeyCode::Up);
    assert_eq!(a.detail_scroll, 1);
    press(&mut a, KeyCode::Char('k'));
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(a.detail_scroll, 0, "stops at the top");
    press(&mut a, KeyCode::PageDown);
    let page = a.detail_scroll;
    assert!(page > 1);
    press(&mut a, KeyCode::PageUp);
    assert_eq!(a.detail_scroll, 0);
    press(&mut a, KeyCode::End);
    let end = a.detail_scroll;
    assert!(end > page, "the working and sources are longer than a page");
    press(&mut a, KeyCode::Down);
    assert_eq!(a.detail_scroll, end, "stops at the end");
    press(&mut a, KeyCode::Home);
    assert_eq!(a.detail_scroll, 0);
    press(&mut a, KeyCode::Char('G'));
    assert_eq!(a.detail_scroll, end);
    press(&mut a, KeyCode::Char('g'));
    assert_eq!(a.detail_scroll, 0);
    mouse(&mut a, MouseEventKind::ScrollDown, 40, 20);
    assert_eq!(a.detail_scroll, 1);
    mouse(&mut a, MouseEventKind::ScrollUp, 40, 20);
    assert_eq!(a.detail_scroll, 0);
}

#[test]
fn n_and_p_step_through_the_visible_indicators() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('l'));
    press(&mut a, KeyCode::Enter);
    assert_eq!(selected(&a), "25");
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(selected(&a), "10");
    assert_eq!(a.detail_scroll, 0);
    press(&mut a, KeyCode::Char('n'));
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(selected(&a), "3", "stops at the last visible one");
    press(&mut a, KeyCode::Char('p'));
    assert_eq!(selected(&a), "10");
}

#[test]
fn the_indicator_view_follows_the_as_of_year() {
    let mut a = opened(2);
    let now = a.selected_item().unwrap().1.status;
    press(&mut a, KeyCode::Char('['));
    press(&mut a, KeyCode::Char('['));
    assert_eq!(a.as_of(), 2025);
    let then = a.selected_item().unwrap().1.status;
    assert_ne!(now, then);
    assert_eq!(a.screen, Screen::Indicator);
}

// ── Help overlay ─────────────────────────────────────────────────────────────

#[test]
fn help_scrolls_within_bounds_and_q_still_quits() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Char('?'));
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(a.help_scroll, 2);
    press(&mut a, KeyCode::Up);
    press(&mut a, KeyCode::Char('k'));
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(a.help_scroll, 0);
    press(&mut a, KeyCode::PageDown);
    press(&mut a, KeyCode::PageDown);
    press(&mut a, KeyCode::PageDown);
    press(&mut a, KeyCode::PageDown);
    let end = a.help_scroll;
    assert!(end > 0);
    press(&mut a, KeyCode::Down);
    assert_eq!(a.help_scroll, end, "stops at the end");
    press(&mut a, KeyCode::PageUp);
    assert!(a.help_scroll < end);
    press(&mut a, KeyCode::Home);
    assert_eq!(a.help_scroll, 0);
    mouse(&mut a, MouseEventKind::ScrollDown, 40, 12);
    assert_eq!(a.help_scroll, 1);
    // Keys of the screen below do nothing while help is open.
    press(&mut a, KeyCode::Char('b'));
    assert!(!a.filter.binding_only);
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}

// ── Scenario panel ───────────────────────────────────────────────────────────

fn scenario_app() -> App {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Tab);
    assert_eq!(a.screen, Screen::Scenario);
    a
}

fn bench(a: &App) -> &Workbench {
    a.scenario.bench.as_ref().unwrap()
}

fn end_gdp(a: &App) -> f64 {
    bench(a).outcome.as_ref().unwrap().end_gdp
}

#[test]
fn the_scenario_panel_starts_on_the_first_named_scenario() {
    let a = scenario_app();
    let b = bench(&a);
    assert_eq!(b.chosen().unwrap().name, "基准");
    assert_eq!(b.field, Field::Growth);
    assert_eq!(b.value(Field::Growth), Some(5.0));
    assert!(!b.adjusted);
    // 23011 × 1.05^5, as `planwatch scenario` computes it.
    assert!((end_gdp(&a) - 29368.5).abs() < 0.1, "{}", end_gdp(&a));
}

#[test]
fn up_down_j_k_choose_the_assumption_and_wrap() {
    let mut a = scenario_app();
    press(&mut a, KeyCode::Down);
    assert_eq!(bench(&a).field, Field::Population);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(bench(&a).field, Field::Fx);
    press(&mut a, KeyCode::Char('j'));
    assert_eq!(bench(&a).field, Field::Growth);
    press(&mut a, KeyCode::Up);
    assert_eq!(bench(&a).field, Field::Fx);
    press(&mut a, KeyCode::Char('k'));
    assert_eq!(bench(&a).field, Field::Population);
}

#[test]
fn right_left_plus_minus_adjust_growth_and_the_outcome_follows() {
    let mut a = scenario_app();
    let before = end_gdp(&a);
    for key in [
        KeyCode::Right,
        KeyCode::Char('l'),
        KeyCode::Char('+'),
        KeyCode::Char('='),
    ] {
        press(&mut a, key);
    }
    assert_eq!(bench(&a).value(Field::Growth), Some(5.4));
    assert!(bench(&a).adjusted);
    let stretched = end_gdp(&a);
    assert!(stretched > before);
    // 5.4% a year: 23011 × 1.054^5 ≈ 29932, still short of 3万亿 in 2030.
    assert!((stretched - 29932.2).abs() < 0.1, "{stretched}");
    assert_eq!(bench(&a).outcome.as_ref().unwrap().goal_year, None);
    press(&mut a, KeyCode::Right);
    // 5.5%: crosses 3万亿 in 2030.
    assert_eq!(bench(&a).outcome.as_ref().unwrap().goal_year, Some(2030));
    for key in [KeyCode::Left, KeyCode::Char('h'), KeyCode::Char('-')] {
        press(&mut a, key);
    }
    assert_eq!(bench(&a).value(Field::Growth), Some(5.2));
}

#[test]
fn population_and_exchange_rate_move_per_capita_dollars() {
    let mut a = scenario_app();
    let usd = |a: &App| bench(a).outcome.as_ref().unwrap().end_per_capita_usd;
    let start = usd(&a);
    press(&mut a, KeyCode::Down);
    press(&mut a, KeyCode::Right);
    assert_eq!(bench(&a).value(Field::Population), Some(45.0));
    assert!(usd(&a) < start, "more people, less per head");
    press(&mut a, KeyCode::Down);
    let before_fx = usd(&a);
    press(&mut a, KeyCode::Left);
    assert_eq!(bench(&a).value(Field::Fx), Some(7.07));
    assert!(usd(&a) > before_fx, "a stronger yuan, more dollars");
}

#[test]
fn adjusting_stops_at_the_ends_of_its_range() {
    let mut a = scenario_app();
    for _ in 0..300 {
        press(&mut a, KeyCode::Left);
    }
    assert_eq!(bench(&a).value(Field::Growth), Some(-10.0));
    assert!(bench(&a).outcome.is_ok());
}

#[test]
fn n_p_switch_named_scenarios_and_r_restores_them() {
    let mut a = scenario_app();
    press(&mut a, KeyCode::Char('n'));
    assert_eq!(bench(&a).chosen().unwrap().name, "跳一跳");
    assert_eq!(bench(&a).value(Field::Growth), Some(5.4));
    press(&mut a, KeyCode::Right);
    assert!(bench(&a).adjusted);
    press(&mut a, KeyCode::Char('r'));
    assert!(!bench(&a).adjusted);
    assert_eq!(bench(&a).value(Field::Growth), Some(5.4));
    press(&mut a, KeyCode::Char('p'));
    press(&mut a, KeyCode::Char('p'));
    assert_eq!(
        bench(&a).chosen().unwrap().name,
        "高增长",
        "wraps to the last"
    );
    assert_eq!(bench(&a).value(Field::Growth), Some(6.0));
}

#[test]
fn a_per_year_growth_path_is_adjusted_from_its_average() {
    let (_, mut book) = tui_support::data();
    // Test-only path (not a scenario of the plan): the knob continues from the engine's average of it.
    book.scenarios[0].growth = Some(Yearly::PerYear(vec![5.0, 5.0, 5.0, 5.0, 6.0]));
    let mut a = tui_support::app_with_scenarios(Ok(book));
    press(&mut a, KeyCode::Tab);
    let average = bench(&a)
        .outcome
        .as_ref()
        .unwrap()
        .average_growth_pct
        .unwrap();
    assert_eq!(bench(&a).value(Field::Growth), Some(average));
    press(&mut a, KeyCode::Right);
    assert_eq!(
        bench(&a).value(Field::Growth),
        Some(((average + 0.1) * 10.0).round() / 10.0)
    );
}

#[test]
fn esc_leaves_the_panel_and_a_click_selects_an_assumption() {
    let mut a = scenario_app();
    let text = planwatch::tui::view::scenario::layout(planwatch::tui::view::screen_area(&a)).text;
    mouse(
        &mut a,
        MouseEventKind::Down(MouseButton::Left),
        5,
        text.y + 3,
    );
    assert_eq!(bench(&a).field, Field::Fx);
    mouse(&mut a, MouseEventKind::Down(MouseButton::Left), 5, text.y);
    assert_eq!(bench(&a).field, Field::Fx, "the heading is not a field");
    press(&mut a, KeyCode::Esc);
    assert_eq!(a.screen, Screen::Overview);
}

#[test]
fn without_scenario_files_for_the_plan_the_panel_says_why_and_keys_still_work() {
    let missing = Err(planwatch::Error::Usage("测试：没有情景文件".into()));
    let mut a = tui_support::app_with_scenarios(missing);
    press(&mut a, KeyCode::Tab);
    assert!(a.scenario.bench.is_err());
    for key in [
        KeyCode::Right,
        KeyCode::Down,
        KeyCode::Char('n'),
        KeyCode::Char('r'),
    ] {
        press(&mut a, key);
    }
    assert!(tui_support::screen(&a).contains("没有情景文件"));
    press(&mut a, KeyCode::Char('q'));
    assert!(a.quit);
}
