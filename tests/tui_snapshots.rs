//! What each screen shows, as text, at 80×24 and 120×40 (ratatui's TestBackend; snapshots in
//! `tests/snapshots/`), and that no size or sequence of keys can make rendering panic or cut a character.

mod tui_support;

use planwatch::tui::{App, AppEvent, update};
use proptest::prelude::*;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use tui_support::{app, assert_no_cut_characters, buffer, press, screen, type_keys};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, app: &App) {
    assert_no_cut_characters(&buffer(app));
    insta::assert_snapshot!(name, screen(app));
}

#[test]
fn overview() {
    for (w, h) in SIZES {
        snap(&format!("overview_{w}x{h}"), &app(w, h));
    }
}

#[test]
fn overview_lagging_only_sorted_by_gap() {
    let mut a = app(80, 24);
    type_keys(&mut a, "ls");
    snap("overview_lagging_by_gap_80x24", &a);
}

#[test]
fn overview_search_bar() {
    let mut a = app(80, 24);
    type_keys(&mut a, "/收入");
    snap("overview_search_80x24", &a);
}

#[test]
fn overview_wide_adds_the_reason() {
    let a = app(200, 60);
    let text = screen(&a);
    assert!(text.contains("原因"), "{text}");
    assert!(text.contains("基期（2025年）之后尚无年度数据"));
}

#[test]
fn indicator() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        // 3 常住人口城镇化率: lagging, with history, plan path, projection and interval.
        type_keys(&mut a, "jj");
        press(&mut a, KeyCode::Enter);
        snap(&format!("indicator_{w}x{h}"), &a);
    }
}

#[test]
fn indicator_binding_alert_scrolled_to_sources() {
    let mut a = app(80, 24);
    type_keys(&mut a, "/25");
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::Enter);
    press(&mut a, KeyCode::End);
    snap("indicator_binding_sources_80x24", &a);
}

#[test]
fn help() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Char('?'));
        snap(&format!("help_{w}x{h}"), &a);
    }
}

#[test]
fn scenario() {
    for (w, h) in SIZES {
        let mut a = app(w, h);
        press(&mut a, KeyCode::Tab);
        snap(&format!("scenario_{w}x{h}"), &a);
    }
}

#[test]
fn scenario_at_the_stretch_rate_reaches_both_goals() {
    let mut a = app(80, 24);
    press(&mut a, KeyCode::Tab);
    for _ in 0..5 {
        press(&mut a, KeyCode::Right);
    }
    let text = screen(&a);
    assert!(text.contains("每年 5.5%"), "{text}");
    assert!(text.contains("✔ 两项均实现"), "{text}");
    snap("scenario_adjusted_80x24", &a);
}

#[test]
fn tiny_terminals_get_a_notice() {
    for (w, h) in [(1, 1), (10, 5), (39, 10), (40, 9)] {
        let a = app(w, h);
        let text = screen(&a);
        assert_no_cut_characters(&buffer(&a));
        if w > 1 {
            assert!(text.contains("终端"), "{w}x{h}: {text}");
        }
        insta::assert_snapshot!(format!("too_small_{w}x{h}"), text);
    }
    // The smallest size that shows the list.
    let a = app(40, 10);
    assert!(screen(&a).contains("地区生产总值"));
}

#[test]
fn without_colour_the_screen_says_the_same_in_words() {
    let plain = app(120, 40);
    let mut coloured = app(120, 40);
    coloured.color = true;
    // The progress bar is drawn with characters without colour, with coloured cells otherwise.
    let unbarred = |a: &App| screen(a).replace(['=', '-'], " ");
    assert_eq!(unbarred(&plain), unbarred(&coloured));
    let no_colour = |c: Color| c == Color::Reset;
    let plain_buffer = buffer(&plain);
    assert!(
        plain_buffer
            .content
            .iter()
            .all(|c| no_colour(c.fg) && no_colour(c.bg))
    );
    assert!(buffer(&coloured).content.iter().any(|c| !no_colour(c.fg)));
    // Status symbols and words are there without colour.
    let text = screen(&plain);
    for word in [
        "▼ 滞后",
        "✖ 严重滞后",
        "✔ 提前实现",
        "● 基本符合预期",
        "▲ 快于预期",
        "? 无法评估",
    ] {
        assert!(text.contains(word), "{word}");
    }
}

fn all_keys() -> Vec<AppEvent> {
    let mut keys: Vec<AppEvent> = "jkgGbBlcCsxr+-/?[]nphq收入17 "
        .chars()
        .map(|c| AppEvent::key(KeyCode::Char(c)))
        .collect();
    keys.extend(
        [
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Tab,
            KeyCode::BackTab,
        ]
        .map(AppEvent::key),
    );
    keys
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any size from 1×1 up, after any keys (quit aside), renders without a panic and without a cut character.
    #[test]
    fn any_size_and_keys_render(
        width in 1u16..=220,
        height in 1u16..=70,
        keys in proptest::collection::vec(0usize..40, 0..25),
        resize_to in proptest::option::of((1u16..=220, 1u16..=70)),
    ) {
        let all = all_keys();
        let mut a = app(width, height);
        for k in keys {
            let event = all[k % all.len()];
            if event == AppEvent::key(KeyCode::Char('q')) {
                continue;
            }
            update(&mut a, event);
            assert_no_cut_characters(&buffer(&a));
        }
        if let Some((w, h)) = resize_to {
            update(&mut a, AppEvent::Resize { width: w, height: h });
            assert_no_cut_characters(&buffer(&a));
        }
    }
}
