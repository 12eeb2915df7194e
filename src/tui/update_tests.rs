//! Key handling as state transitions: no terminal involved.

use crate::tui::testing::settle;
use std::time::Duration;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

use crate::corpus::Corpus;
use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, Focus, Popup};
use crate::tui::layout;
use crate::tui::testing;

fn app_sized(width: u16, height: u16) -> App {
    let mut app = App::new(testing::corpus());
    app.finder.settle(Duration::from_secs(10));
    app.update(Action::Resize { width, height });
    app
}

fn app() -> App {
    app_sized(120, 40)
}

fn event(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
    KeyEvent {
        code,
        modifiers,
        kind: KeyEventKind::Press,
        state: KeyEventState::NONE,
    }
}

/// Presses keys written as text: plain chars, or `<Enter>`, `<Esc>`, `<Tab>`,
/// `<S-Tab>`, `<Down>`, `<Up>`, `<Left>`, `<Right>`, `<Home>`, `<End>`,
/// `<PgDn>`, `<PgUp>`, `<F1>`, `<BS>`, `<C-x>`. Returns the last effect.
fn press(app: &mut App, keys: &str) -> Effect {
    let mut effect = Effect::None;
    let mut rest = keys;
    while let Some(c) = rest.chars().next() {
        let (ev, len) = if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            let ev = match name {
                "Enter" => event(KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => event(KeyCode::Esc, KeyModifiers::NONE),
                "Tab" => event(KeyCode::Tab, KeyModifiers::NONE),
                "S-Tab" => event(KeyCode::BackTab, KeyModifiers::SHIFT),
                "Down" => event(KeyCode::Down, KeyModifiers::NONE),
                "Up" => event(KeyCode::Up, KeyModifiers::NONE),
                "Left" => event(KeyCode::Left, KeyModifiers::NONE),
                "Right" => event(KeyCode::Right, KeyModifiers::NONE),
                "Home" => event(KeyCode::Home, KeyModifiers::NONE),
                "End" => event(KeyCode::End, KeyModifiers::NONE),
                "PgDn" => event(KeyCode::PageDown, KeyModifiers::NONE),
                "PgUp" => event(KeyCode::PageUp, KeyModifiers::NONE),
                "F1" => event(KeyCode::F(1), KeyModifiers::NONE),
                "BS" => event(KeyCode::Backspace, KeyModifiers::NONE),
                "lt" => event(KeyCode::Char('<'), KeyModifiers::NONE),
                ctrl if ctrl.starts_with("C-") => event(
                    KeyCode::Char(ctrl.chars().nth(2).unwrap()),
                    KeyModifiers::CONTROL,
                ),
                other => panic!("unknown key <{other}>"),
            };
            (ev, end + 1)
        } else {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            (event(KeyCode::Char(c), mods), c.len_utf8())
        };
        effect = app.handle_key(ev);
        settle(app);
        rest = &rest[len..];
    }
    effect
}

/// Types into a text popup without waiting for results between keys.
fn type_fast(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(event(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn title(app: &App) -> String {
    app.item().map(|(_, i)| i.title.clone()).unwrap_or_default()
}

fn line(app: &App, n: usize) -> String {
    app.view().lines[n].to_string()
}

fn visible(app: &App, line: usize) -> bool {
    (app.detail_scroll..app.detail_scroll + app.detail_height()).contains(&line)
}

#[test]
fn meetings_are_listed_newest_first() {
    let mut app = app();
    assert_eq!(app.focus, Focus::Meetings);
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-08-2025");
    press(&mut app, "j");
    assert_eq!(app.meeting().unwrap().label(), "Chefforum 02-06-2025");
    press(&mut app, "G");
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-03-2025");
    press(&mut app, "k<Home>");
    assert_eq!(app.meetings.selected, 0);
    press(&mut app, "<End>");
    assert_eq!(app.meetings.selected, 2);
    press(&mut app, "g<Down>");
    assert_eq!(app.meetings.selected, 1);
}

#[test]
fn moving_to_another_meeting_resets_the_item() {
    let mut app = app();
    press(&mut app, "<Enter>j");
    assert_eq!(app.items.selected, 1);
    press(&mut app, "hj");
    assert_eq!(app.items.selected, 0);
    assert_eq!(app.focus, Focus::Meetings);
}

#[test]
fn enter_descends_and_esc_goes_back() {
    let mut app = app();
    press(&mut app, "<Enter>");
    assert_eq!(app.focus, Focus::Items);
    press(&mut app, "j<Enter>");
    assert_eq!(app.focus, Focus::Detail);
    assert!(title(&app).starts_with("Status på indkøb"));
    assert!(line(&app, 0).starts_with("Status på indkøb"));
    press(&mut app, "<Esc>");
    assert_eq!(app.focus, Focus::Items);
    // And on back to the meetings (the only way back with one pane).
    press(&mut app, "<Esc>");
    assert_eq!(app.focus, Focus::Meetings);
    press(&mut app, "<Esc>");
    assert_eq!(app.focus, Focus::Meetings);
    let mut narrow = app_sized(50, 20);
    press(&mut narrow, "<Enter>j<Enter><Esc><Esc>");
    assert_eq!(narrow.focus, Focus::Meetings);
}

#[test]
fn focus_moves_with_tab_and_h_l_and_arrows() {
    let mut app = app();
    press(&mut app, "<Tab>");
    assert_eq!(app.focus, Focus::Items);
    press(&mut app, "<Tab>");
    assert_eq!(app.focus, Focus::Detail);
    press(&mut app, "<Tab>");
    assert_eq!(app.focus, Focus::Meetings);
    press(&mut app, "<S-Tab>");
    assert_eq!(app.focus, Focus::Detail);
    press(&mut app, "h");
    assert_eq!(app.focus, Focus::Items);
    press(&mut app, "<Left><Left>");
    assert_eq!(app.focus, Focus::Meetings);
    press(&mut app, "l<Right><Right>");
    assert_eq!(app.focus, Focus::Detail);
}

#[test]
fn detail_scrolls_and_stays_clamped() {
    let mut app = app_sized(40, 12);
    press(&mut app, "<Enter>j<Enter>");
    let max = app.max_scroll();
    assert!(max > 5, "the item must be longer than the pane: {max}");
    press(&mut app, "j");
    assert_eq!(app.detail_scroll, 1);
    press(&mut app, "<C-d>");
    let half = app.detail_height() / 2;
    assert_eq!(app.detail_scroll, 1 + half);
    press(&mut app, "<C-u>k");
    assert_eq!(app.detail_scroll, 0);
    press(&mut app, "<PgDn>");
    assert_eq!(app.detail_scroll, (app.detail_height() - 1).min(max));
    press(&mut app, "<PgUp> ");
    assert_eq!(app.detail_scroll, (app.detail_height() - 1).min(max));
    press(&mut app, "G");
    assert_eq!(app.detail_scroll, max);
    press(&mut app, "jjj<PgDn><C-d>");
    assert_eq!(app.detail_scroll, max);
    press(&mut app, "g");
    assert_eq!(app.detail_scroll, 0);
    press(&mut app, "<End>");
    assert_eq!(app.detail_scroll, max);
    press(&mut app, "<Home>k");
    assert_eq!(app.detail_scroll, 0);
    // A narrower pane re-wraps; the scroll stays in range.
    press(&mut app, "G");
    app.update(Action::Resize {
        width: 200,
        height: 80,
    });
    assert!(app.detail_scroll <= app.max_scroll());
}

#[test]
fn b_from_items_opens_the_item_at_its_decision() {
    let mut app = app_sized(50, 14);
    press(&mut app, "<Enter>j");
    assert_eq!(app.focus, Focus::Items);
    press(&mut app, "b");
    assert_eq!(app.focus, Focus::Detail);
    let d = app.view().decisions[0];
    assert!(visible(&app, d));
    assert_eq!(app.detail_scroll, d.min(app.max_scroll()));
    assert!(line(&app, d).contains("BESLUTNING"));
    let text: String = (d..d + 3).map(|n| line(&app, n)).collect();
    assert!(
        text.contains("Direktionen tager sagen til efterretning"),
        "{text}"
    );
}

#[test]
fn b_without_a_decision_says_so() {
    let mut app = app();
    press(&mut app, "<Enter>b");
    assert_eq!(app.focus, Focus::Items);
    assert_eq!(app.message.as_deref(), Some("Item 1 has no decision"));
    // The message goes away with the next key.
    press(&mut app, "j");
    assert_eq!(app.message, None);
}

#[test]
fn b_and_shift_b_step_through_decisions_in_the_detail() {
    let mut app = app_sized(40, 10);
    press(&mut app, "G<Enter>j<Enter>");
    assert!(title(&app).starts_with("Kvarterhus"));
    assert_eq!(app.view().decisions.len(), 2);
    let [first, second] = [app.view().decisions[0], app.view().decisions[1]];
    press(&mut app, "b");
    assert_eq!(app.detail_scroll, first.min(app.max_scroll()));
    press(&mut app, "b");
    assert!(visible(&app, second));
    press(&mut app, "B");
    assert!(visible(&app, first));
    press(&mut app, "gB");
    assert_eq!(app.message.as_deref(), Some("No earlier decision"));
    // From the items pane, B opens the item at its last decision.
    press(&mut app, "<Esc>B");
    assert_eq!(app.focus, Focus::Detail);
    assert!(visible(&app, second));
}

#[test]
fn brackets_step_through_sections() {
    let mut app = app_sized(40, 10);
    press(&mut app, "<Enter>j<Enter>");
    let sections = app.view().sections.clone();
    assert!(sections.len() >= 4, "{sections:?}");
    press(&mut app, "]");
    assert_eq!(app.detail_scroll, sections[0]);
    press(&mut app, "]");
    assert_eq!(app.detail_scroll, sections[1]);
    press(&mut app, "[");
    assert_eq!(app.detail_scroll, sections[0]);
    press(&mut app, "[[");
    assert_eq!(app.detail_scroll, 0);
    assert_eq!(app.message.as_deref(), Some("First section"));
}

#[test]
fn search_in_the_detail_finds_and_steps_through_hits() {
    let mut app = app_sized(60, 12);
    press(&mut app, "<Enter>j<Enter>/");
    assert!(app.search.editing);
    assert_eq!(app.context(), crate::tui::keys::Context::Search);
    press(&mut app, "direktionen");
    assert_eq!(app.search.query, "direktionen");
    let hits = app.view().hits.clone();
    assert!(hits.len() >= 3, "{hits:?}");
    press(&mut app, "<Enter>");
    assert!(!app.search.editing);
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with(&format!("{} matches", hits.len()))
    );
    press(&mut app, "n");
    assert_eq!(app.search.current, 1);
    assert!(visible(&app, hits[1]));
    press(&mut app, "N");
    assert_eq!(app.search.current, 0);
    press(&mut app, "N");
    assert_eq!(app.search.current, hits.len() - 1);
    assert!(visible(&app, hits[hits.len() - 1]));
    // A new search that matches nothing, then cancelled.
    press(&mut app, "/zzz");
    assert!(app.view().hits.is_empty());
    press(&mut app, "<BS><BS><BS><Esc>");
    assert_eq!(
        app.search.query, "direktionen",
        "Esc keeps the search before"
    );
    assert!(!app.search.editing);
    // An empty search clears it.
    press(&mut app, "/<Enter>");
    assert!(app.search.query.is_empty() && !app.search.editing);
    assert_eq!(app.message.as_deref(), Some("Search cleared"));
    press(&mut app, "n");
    assert!(app.message.as_deref().unwrap().starts_with("No search"));
}

#[test]
fn finder_jumps_to_the_item_with_the_detail_focused() {
    let mut app = app();
    press(&mut app, "f");
    assert!(app.popup_is_finder());
    press(&mut app, "25/8362");
    assert_eq!(app.finder.matched(), 1);
    press(&mut app, "<Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(app.focus, Focus::Detail);
    assert!(title(&app).starts_with("Status på indkøb"));
    // `/` in a list opens the finder too; `q` is text there.
    press(&mut app, "<Esc>/kvarterq<BS>");
    assert_eq!(app.finder.query(), "kvarter");
    press(&mut app, "<Enter>");
    assert!(title(&app).starts_with("Kvarterhus"));
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-03-2025");
}

#[test]
fn finder_esc_restores_the_previous_selection() {
    let mut app = app();
    press(&mut app, "<Enter>j");
    let before = (app.meetings, app.items, app.focus);
    press(&mut app, "f<Down><Down><C-n><C-p>");
    assert_ne!(
        (app.meetings, app.items),
        (before.0, before.1),
        "moving previews the match"
    );
    press(&mut app, "<Esc>");
    assert_eq!((app.meetings, app.items, app.focus), before);
    assert_eq!(app.popup, None);
}

#[test]
fn finder_editing_keys() {
    let mut app = app();
    press(&mut app, "fgadehave kvarter<C-w>");
    assert_eq!(app.finder.query(), "gadehave ");
    press(&mut app, "<C-u>");
    assert_eq!(app.finder.query(), "");
    assert_eq!(app.finder.matched(), app.finder.total());
    press(&mut app, "zzzzzz<Enter>");
    assert_eq!(app.message.as_deref(), Some("No match"));
    assert!(app.popup_is_finder());
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
}

#[test]
fn timeline_lists_the_case_oldest_first_and_jumps() {
    let mut app = app();
    press(&mut app, "<Enter>c");
    let Some(Popup::Timeline(t)) = &app.popup else {
        panic!("no timeline")
    };
    assert_eq!(t.cases, "24/24964");
    assert_eq!(t.rows.len(), 2);
    assert!(
        t.rows[0].target().meeting < t.rows[1].target().meeting,
        "oldest first"
    );
    assert_eq!(t.cursor.selected, 1, "the item it was opened from");
    press(&mut app, "k<Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-03-2025");
    assert_eq!(title(&app), "Øvrige sager");
    press(&mut app, "cj<Esc>");
    assert_eq!(app.popup, None);
    press(&mut app, "cc");
    assert_eq!(app.popup, None);
}

#[test]
fn timeline_needs_a_case_number() {
    let mut app = app();
    press(&mut app, "j<Enter>j");
    assert_eq!(title(&app), "CF - Evt.");
    press(&mut app, "c");
    assert_eq!(app.popup, None);
    assert_eq!(app.message.as_deref(), Some("Item 2 has no case number"));
}

#[test]
fn decisions_view_toggles_and_follows_the_item() {
    let mut app = app_sized(60, 10);
    press(&mut app, "<Enter>d");
    assert!(app.decisions_only);
    assert!(line(&app, 0).starts_with("Decisions ·"));
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-08-2025");
    assert_eq!(app.view().anchors.len(), 2);
    press(&mut app, "j");
    assert_eq!(
        app.detail_scroll,
        app.view().anchors[1].min(app.max_scroll())
    );
    press(&mut app, "b");
    assert_eq!(app.focus, Focus::Detail);
    assert!(visible(&app, app.view().decisions[0]));
    press(&mut app, "d");
    assert!(!app.decisions_only);
    assert!(line(&app, 0).starts_with("Status på indkøb"));
}

#[test]
fn y_copies_a_citation() {
    let mut app = app();
    press(&mut app, "G<Enter>j");
    let effect = press(&mut app, "y");
    let citation = "Direktionen 25-03-2025, punkt 6: Kvarterhus Gadehavegård - uddannelsesreformen (sag 18/15736)";
    assert_eq!(effect, Effect::Copy(citation.into()));
    assert_eq!(app.message, Some(format!("Copied: {citation}")));
}

#[test]
fn quit_and_help() {
    let mut app = app();
    assert_eq!(press(&mut app, "q"), Effect::Quit);
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
    press(&mut app, "?");
    assert!(matches!(app.popup, Some(Popup::Help { .. })));
    press(&mut app, "<Esc>");
    assert_eq!(app.popup, None);
    press(&mut app, "<F1>");
    assert!(matches!(app.popup, Some(Popup::Help { .. })));
    press(&mut app, "?");
    assert_eq!(app.popup, None);
    press(&mut app, "?");
    assert_eq!(press(&mut app, "q"), Effect::Quit);
}

#[test]
fn help_scrolls_when_small_and_stays_clamped() {
    let mut app = app_sized(60, 12);
    press(&mut app, "?j");
    assert_eq!(app.popup, Some(Popup::Help { scroll: 1 }));
    press(&mut app, "G");
    let Some(Popup::Help { scroll }) = app.popup else {
        panic!()
    };
    let max = app.keys.help_lines(app.look.lang).len() - app.help_height();
    assert_eq!(scroll, max);
    press(&mut app, "jjj ");
    assert_eq!(app.popup, Some(Popup::Help { scroll: max }));
    press(&mut app, "g");
    assert_eq!(app.popup, Some(Popup::Help { scroll: 0 }));
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app();
    let mut release = event(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle_key(release);
    assert_eq!(app.meetings.selected, 0);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = app_sized(120, 12);
    let panes = layout::panes(app.size, app.focus);
    let meetings = layout::inner(panes.meetings.unwrap());
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.handle_mouse(click(meetings.x + 2, meetings.y + 2));
    assert_eq!(app.meetings.selected, 2);
    let items = layout::inner(panes.items.unwrap());
    app.handle_mouse(click(items.x + 2, items.y + 1));
    assert_eq!(app.focus, Focus::Items);
    assert_eq!(app.items.selected, 1);
    assert!(title(&app).starts_with("Kvarterhus"));
    let detail = layout::inner(panes.detail.unwrap());
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        ..click(detail.x + 2, detail.y + 2)
    };
    app.handle_mouse(wheel);
    assert_eq!(app.focus, Focus::Items, "the wheel does not move focus");
    assert_eq!(app.detail_scroll, 3.min(app.max_scroll()));
    assert!(app.max_scroll() >= 3);
    app.handle_mouse(click(detail.x + 2, detail.y + 2));
    assert_eq!(app.focus, Focus::Detail);
    // A click below the last row selects nothing new.
    app.handle_mouse(click(meetings.x + 2, meetings.y + 8));
    assert_eq!(app.meetings.selected, 2);
}

#[test]
fn an_empty_corpus_survives_every_key() {
    let mut app = App::new(Corpus::default());
    app.finder.settle(Duration::from_secs(5));
    for keys in [
        "jkgG<Enter>",
        "<Tab>bBcdy]",
        "[nN/abc<Enter>",
        "f<Enter>x<Esc>",
        "?j<Esc>",
        "<C-d><PgDn>",
    ] {
        press(&mut app, keys);
    }
    assert!(
        app.view().lines[0]
            .to_string()
            .starts_with("No minutes loaded")
    );
}

#[test]
fn tiny_terminals_survive_every_key() {
    for (w, h) in [(0, 0), (1, 1), (2, 1), (1, 2), (10, 3), (59, 20)] {
        let mut app = app_sized(w, h);
        for keys in [
            "jG<Enter>b",
            "Bc<Enter>",
            "<Tab>]/e<Enter>nN",
            "f2<Down><Enter>",
            "?G<Esc>dy",
            "<C-d><C-u>",
        ] {
            press(&mut app, keys);
            assert!(app.detail_scroll <= app.max_scroll());
        }
    }
}

#[test]
fn timeline_shows_case_history_of_meetings_not_loaded() {
    let text = "REFERAT Direktionen d. 25-08-2025\n\nMødedato Mandag d. 25. august 2025 kl. 12:00\n\n\
        Punkt 1: Havnens Perle\n\nEMN-2025-003383\n\nBeslutning\n\nFremsendes til Teknisk Udvalg.\n\n\
        Sagsforløb\n\nUdvalg: Aarhus Byråd\nDato: 26-03-2025\nPunktnummer: 21\n\
        Sagens behandling blev udsat.\n";
    let corpus = Corpus::from_texts([("h.txt".to_string(), text.to_string())]);
    let mut app = App::new(corpus);
    app.update(Action::Resize {
        width: 120,
        height: 30,
    });
    press(&mut app, "c");
    let Some(Popup::Timeline(t)) = &app.popup else {
        panic!("no timeline: {:?}", app.message)
    };
    assert_eq!(t.rows.len(), 2, "{:?}", t.rows);
    assert!(
        matches!(t.rows[0], crate::tui::app::TimelineRow::History { .. }),
        "history is older"
    );
    assert_eq!(t.cursor.selected, 1);
    press(&mut app, "k<Enter>");
    assert_eq!(app.focus, Focus::Detail);
    assert!(app.message.as_deref().unwrap().contains("not loaded"));
}

/// The contract on the bundled sample: the examples the issue names.
#[test]
fn bundled_sample_contract() {
    let mut app = App::new(Corpus::bundled());
    app.finder.settle(Duration::from_secs(10));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert!(app.meeting_count() >= 2);
    // Newest first.
    let dates: Vec<_> = (0..app.meeting_count())
        .map(|row| app.corpus().meetings[app.meeting_at_row(row).unwrap()].date)
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    // `25/83` and `8362` find case 25/8362; Enter opens it with the detail focused.
    for query in ["25/83", "8362"] {
        press(&mut app, &format!("<Esc><Esc>f{query}"));
        let row = &app.finder.rows()[0];
        assert_eq!(row.case.text, "25/8362", "{query}");
    }
    press(&mut app, "<Enter>");
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.item().unwrap().1.case_numbers, ["25/8362"]);
    // b: the decision.
    press(&mut app, "gb");
    let d = app.detail_scroll;
    assert!(line(&app, d).contains("BESLUTNING"));
    assert!(line(&app, d + 1).contains("Direktionen tager sagen til efterretning"));
    // y: the citation.
    let Effect::Copy(citation) = press(&mut app, "y") else {
        panic!("no copy")
    };
    assert!(
        citation.starts_with("Direktionen 25-08-2025, punkt 2: Status på indkøb"),
        "{citation}"
    );
    assert!(citation.ends_with("(sag 25/8362)"), "{citation}");

    // `kvarter` finds the Kvarterhus item.
    press(&mut app, "fkvarter");
    assert!(
        app.finder.rows()[0].title.text.starts_with("Kvarterhus"),
        "{:?}",
        app.finder.rows()[0]
    );
    press(&mut app, "<Enter>y");
    assert_eq!(
        app.message
            .as_deref()
            .map(|m| m.starts_with("Copied: Direktionen 25-03-2025, punkt 6: Kvarterhus")),
        Some(true),
        "{:?}",
        app.message
    );

    // c on 24/24964: the two "Øvrige sager" items, oldest first.
    press(&mut app, "f24/24964");
    press(&mut app, "<Enter>c");
    let Some(Popup::Timeline(t)) = &app.popup else {
        panic!("no timeline: {:?}", app.message)
    };
    assert_eq!(t.rows.len(), 2, "{:?}", t.rows);
    for row in &t.rows {
        assert_eq!(app.corpus().get(row.target()).1.title, "Øvrige sager");
    }
    assert!(t.rows[0].target().meeting < t.rows[1].target().meeting);

    // d: every item's title with its decisions.
    press(&mut app, "<Esc>d");
    assert!(app.decisions_only);
    assert_eq!(app.view().anchors.len(), app.meeting().unwrap().items.len());
}

fn fulltext_titles(app: &App) -> Vec<String> {
    app.fulltext
        .matches()
        .iter()
        .map(|m| app.corpus().get(m.at).1.title.clone())
        .collect()
}

#[test]
fn full_text_search_runs_off_the_input_thread_and_keeps_up_with_typing() {
    let mut app = app();
    press(&mut app, "S");
    assert_eq!(app.popup, Some(Popup::FullText { saved: app.saved() }));
    assert_eq!(app.context(), crate::tui::keys::Context::FullText);
    assert!(app.fulltext.matches().is_empty());
    // Keys are text: `q`, `n` and `S` type, they do not quit or step.
    type_fast(&mut app, "qnS");
    assert_eq!(app.fulltext.query(), "qnS");
    assert!(app.popup.is_some());
    press(&mut app, "<C-u>");
    assert_eq!(app.fulltext.query(), "");
    // Typing sends queries; each keystroke returns at once and the results
    // of the latest query arrive later.
    type_fast(&mut app, "direktionen");
    assert!(app.fulltext_pending() || !app.fulltext.matches().is_empty());
    settle(&mut app);
    assert!(!app.fulltext_pending());
    let all = fulltext_titles(&app);
    assert!(all.len() >= 2, "{all:?}");
    // Newest meeting first: the August items before the March ones.
    assert!(all[0].starts_with("Status på indkøb"), "{all:?}");
    // Another word narrows: every word must occur.
    press(&mut app, " realdania");
    assert_eq!(
        fulltext_titles(&app),
        ["Kvarterhus Gadehavegård - uddannelsesreformen"]
    );
    // Ctrl-w takes the last word back.
    press(&mut app, "<C-w>");
    assert_eq!(app.fulltext.query(), "direktionen ");
    assert_eq!(fulltext_titles(&app), all);
    press(&mut app, "<C-w>zzzz");
    assert!(app.fulltext.matches().is_empty());
}

#[test]
fn stale_full_text_results_are_dropped() {
    use crate::tui::fulltext::Response;
    let mut app = app();
    press(&mut app, "Srealdania");
    let found = app.fulltext.matches().to_vec();
    assert_eq!(found.len(), 1);
    // An answer to an older query (fewer letters typed) arrives late.
    let stale = Response {
        generation: 1,
        matches: Vec::new(),
    };
    assert!(!app.fulltext.accept(stale));
    assert_eq!(app.fulltext.matches(), &found[..]);
    // While a newer query is out, the old results stay, then are replaced.
    type_fast(&mut app, "x");
    assert!(app.fulltext_pending());
    assert_eq!(app.fulltext.matches(), &found[..]);
    settle(&mut app);
    assert!(app.fulltext.matches().is_empty());
}

#[test]
fn full_text_enter_opens_the_item_at_the_hit_and_n_steps_through_its_hits() {
    let mut app = app_sized(60, 14);
    press(&mut app, "Srealdania");
    press(&mut app, "<Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(title(&app), "Kvarterhus Gadehavegård - uddannelsesreformen");
    assert_eq!(app.search.query, "realdania");
    assert_eq!(app.search.mode, crate::tui::detail::MatchMode::Terms);
    let hits = app.view().hits.clone();
    assert_eq!(hits.len(), 1);
    assert!(visible(&app, hits[0]));
    assert!(line(&app, hits[0]).contains("Realdania"));
    assert!(app.message.as_deref().unwrap().starts_with("1 hit"));

    // Several words: every occurrence of each is a hit, n/N cycle through them.
    press(&mut app, "Sdirektionen<C-w>direktionen sagen");
    let first = app.fulltext.matches()[0].at;
    press(&mut app, "<Enter>");
    assert_eq!(app.selected_item(), Some(first));
    let hits = app.view().hits.clone();
    assert!(hits.len() >= 3, "{hits:?}");
    let current = app.search.current;
    assert!(visible(&app, hits[current]));
    press(&mut app, "n");
    assert_eq!(app.search.current, (current + 1) % hits.len());
    assert!(visible(&app, hits[app.search.current]));
    press(&mut app, "NN");
    assert_eq!(app.search.current, (current + hits.len() - 1) % hits.len());
    assert!(app.message.as_deref().unwrap().starts_with("Match "));
}

#[test]
fn full_text_esc_restores_the_previous_selection_and_keeps_the_query() {
    let mut app = app();
    press(&mut app, "<Enter>j");
    let before = (app.meetings, app.items, app.focus, app.detail_scroll);
    press(&mut app, "Skvarterhus<Down><Up>");
    assert_eq!(app.fulltext.matches().len(), 1);
    press(&mut app, "<Esc>");
    assert_eq!(app.popup, None);
    assert_eq!(
        (app.meetings, app.items, app.focus, app.detail_scroll),
        before
    );
    assert!(app.search.query.is_empty());
    // Reopening shows the last query and its results.
    press(&mut app, "S");
    assert_eq!(app.fulltext.query(), "kvarterhus");
    assert_eq!(app.fulltext.matches().len(), 1);
    // Enter with no results says so and stays.
    press(&mut app, "<C-u>zzzz<Enter>");
    assert!(app.popup.is_some());
    assert_eq!(app.message.as_deref(), Some("No match"));
}

#[test]
fn full_text_results_move_with_keys_wheel_and_clicks() {
    let mut app = app();
    press(&mut app, "Se");
    let n = app.fulltext.matches().len();
    assert!(n >= 3);
    press(&mut app, "<Down><C-n>");
    assert_eq!(app.fulltext.cursor.selected, 2);
    press(&mut app, "<PgUp>");
    assert_eq!(app.fulltext.cursor.selected, 0);
    let (_, list, _) = layout::fulltext_parts(layout::fulltext(app.size));
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: list.x + 3,
        row: list.y + 1,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.fulltext.cursor.selected, 1);
    app.handle_mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: list.x + 3,
        row: list.y + 1,
        modifiers: KeyModifiers::NONE,
    });
    assert_eq!(app.fulltext.cursor.selected, 2);
    // The preview holds the selected result's hits, in document order.
    let hits = app.fulltext.preview().to_vec();
    assert_eq!(hits.len(), app.fulltext.matches()[2].hits);
    assert!(hits.windows(2).all(|w| w[0] <= w[1]));
}

fn app_with_keys(toml: &str) -> App {
    let config = crate::config::parse(toml, std::path::Path::new("/c.toml"), None).unwrap();
    let mut app = app();
    app.keys = crate::tui::keys::KeyTable::with_overrides(&config.keys);
    app
}

#[test]
fn remapped_keys_change_what_keys_do() {
    let mut app =
        app_with_keys("[keys]\nquit = \"Q\"\ndown = [\"J\", \"ctrl-j\"]\nfinder = \"F\"\n");
    // `q` no longer quits, `Q` does; Ctrl-C still does.
    assert_eq!(press(&mut app, "q"), Effect::None);
    assert_eq!(press(&mut app, "Q"), Effect::Quit);
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
    // `j` no longer moves, `J` does; `k` (not remapped) still moves up.
    press(&mut app, "j");
    assert_eq!(app.meetings.selected, 0);
    press(&mut app, "JJ");
    assert_eq!(app.meetings.selected, 2);
    press(&mut app, "k");
    assert_eq!(app.meetings.selected, 1);
    // The finder opens on `F`, and there `J` is text while Ctrl-J moves.
    press(&mut app, "f");
    assert_eq!(app.popup, None);
    press(&mut app, "FJ");
    assert!(app.popup_is_finder());
    assert_eq!(app.finder.query(), "J");
}

#[test]
fn editor_pager_and_reload_are_effects() {
    let mut app = app();
    // Nothing selected in an empty meeting list? The sample has items.
    press(&mut app, "<Enter>j");
    // Test corpora come from memory: no file on disk.
    assert_eq!(press(&mut app, "e"), Effect::None);
    assert_eq!(app.message.as_deref(), Some("b.txt is not a file on disk"));
    app.bundled = true;
    press(&mut app, "e");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("The bundled sample")
    );
    // With a real file, `e` asks for the editor at the item's line.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("m.txt");
    std::fs::write(&file, testing::AUGUST).unwrap();
    let mut app = App::new(Corpus::load(std::slice::from_ref(&file)));
    press(&mut app, "<Enter>j");
    let line = app.item().unwrap().1.line;
    assert!(line > 1);
    assert_eq!(press(&mut app, "e"), Effect::Edit { file, line });
    // `o` hands the item's text, laid out, to the pager.
    let Effect::Page(text) = press(&mut app, "o") else {
        panic!("no pager effect")
    };
    assert!(text.starts_with("Status på indkøb"), "{text}");
    assert!(
        text.contains("▌ BESLUTNING Direktionen den 25-08-2025"),
        "{text}"
    );
    assert!(text.contains("Kompetenceforløb │ 505.000 kr."), "{text}");
    assert_eq!(press(&mut app, "R"), Effect::Reload);
}

#[test]
fn the_position_is_remembered_and_restored() {
    let dir = tempfile::tempdir().unwrap();
    let key = vec!["<test>".to_string()];
    let mut app = app_sized(60, 12);
    press(&mut app, "G<Enter>j<Enter>jjj");
    assert!(title(&app).starts_with("Kvarterhus"));
    let scroll = app.detail_scroll;
    assert!(scroll > 0);
    let position = app.session_position().unwrap();
    crate::tui::session::save_in(dir.path(), &key, &position).unwrap();

    let position = crate::tui::session::load_in(dir.path(), &key).unwrap();
    let mut again = app_sized(60, 12);
    again.resume(position.find(again.corpus()).unwrap());
    assert!(title(&again).starts_with("Kvarterhus"));
    assert_eq!(again.detail_scroll, scroll);
    assert_eq!(again.focus, Focus::Detail);
    assert!(
        again
            .message
            .as_deref()
            .unwrap()
            .starts_with("Back where you left off: Direktionen 25-03-2025")
    );

    // A position in minutes no longer loaded is ignored, quietly.
    let other = App::new(Corpus::from_texts([(
        "z.txt".to_string(),
        testing::CHEFFORUM.to_string(),
    )]));
    assert_eq!(position.find(other.corpus()), None);
    assert_eq!(
        crate::tui::session::load_in(dir.path(), &["<none>".to_string()]),
        None
    );
}

#[test]
fn new_changed_and_removed_files_appear_through_the_watcher() {
    use crate::tui::live::{Live, Loaded};
    use std::time::Instant;
    let dir = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    std::fs::write(dir.path().join("a.txt"), testing::MARCH).unwrap();
    let mut app = App::new(Corpus::load(&paths));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    press(&mut app, "<Enter>j<Enter>j");
    assert!(title(&app).starts_with("Kvarterhus"));
    let scroll = app.detail_scroll;
    let (mut live, error) = Live::watch(paths.clone(), false);
    assert_eq!(error, None);
    let wait_for = |app: &mut App, live: &mut Live, what: &str, done: &dyn Fn(&App) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done(app) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            if let Some(Loaded::Reloaded(reloaded)) = live.poll() {
                app.reloaded(reloaded);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    };

    // A new meeting, newer than the one shown: listed first, selection kept.
    std::fs::write(dir.path().join("b.txt"), testing::AUGUST).unwrap();
    wait_for(&mut app, &mut live, "the new file", &|a| {
        a.meeting_count() == 2
    });
    assert_eq!(
        app.message.as_deref(),
        Some("Reloaded: 1 new, 0 changed, 0 removed")
    );
    assert!(title(&app).starts_with("Kvarterhus"));
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-03-2025");
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.detail_scroll, scroll);

    // The shown file changes: the new title shows, still the same item.
    let edited = testing::MARCH.replace("Kvarterhus Gadehavegård", "Kvarterhuset Gadehavegård");
    std::fs::write(dir.path().join("a.txt"), edited).unwrap();
    wait_for(&mut app, &mut live, "the changed title", &|a| {
        title(a).starts_with("Kvarterhuset")
    });
    assert!(app.message.as_deref().unwrap().contains("1 changed"));

    // The other file goes away.
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    wait_for(&mut app, &mut live, "the removed file", &|a| {
        a.meeting_count() == 1
    });
    assert!(app.message.as_deref().unwrap().contains("1 removed"));
    assert!(title(&app).starts_with("Kvarterhuset"));
}

fn bundled_sized(width: u16, height: u16) -> App {
    let mut app = App::new(Corpus::bundled());
    app.update(Action::Resize { width, height });
    app
}

#[test]
fn a_resize_keeps_the_same_text_at_the_top_of_the_detail() {
    let mut app = bundled_sized(130, 30);
    press(&mut app, "j<Enter>jjjjj<Enter>]]]]");
    assert!(title(&app).starts_with("Kvarterhus"));
    let top = line(&app, app.detail_scroll);
    assert!(
        top.contains("BESLUTNING Direktionen den 25-03-2025"),
        "{top}"
    );
    for (width, height) in [(70, 30), (45, 20), (130, 30)] {
        app.update(Action::Resize { width, height });
        let now = line(&app, app.detail_scroll);
        assert!(
            now.contains("BESLUTNING Direktionen den"),
            "{width}x{height}: {now}"
        );
    }
    // Within a paragraph: the line at the top still shows the same words.
    press(&mut app, "jjjj");
    let top = line(&app, app.detail_scroll);
    let first_word = top
        .trim_start_matches("▌ ")
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    app.update(Action::Resize {
        width: 70,
        height: 30,
    });
    let now = line(&app, app.detail_scroll);
    assert!(now.contains(&first_word), "{first_word:?} not in {now:?}");
}

#[test]
fn the_remembered_scroll_is_the_same_text_at_another_width() {
    let mut app = bundled_sized(130, 30);
    press(&mut app, "j<Enter>jjjjj<Enter>]]]]");
    let top = line(&app, app.detail_scroll);
    let position = app.session_position().unwrap();
    let mut again = bundled_sized(70, 30);
    again.resume(position.find(again.corpus()).unwrap());
    assert_eq!(again.focus, Focus::Detail);
    assert_eq!(line(&again, again.detail_scroll), top);
    assert!(top.contains("BESLUTNING"), "{top}");
}

#[test]
fn n_and_shift_n_go_by_where_the_reader_is() {
    let mut app = bundled_sized(60, 12);
    press(&mut app, "j<Enter>jjjjj<Enter>/kvarterhus<Enter>");
    assert!(title(&app).starts_with("Kvarterhus"));
    let hits = app.view().hits.clone();
    assert!(hits.len() >= 4, "{hits:?}");
    // Scroll well past the current hit, then `n`: the first hit in view or
    // below, not the one after the current.
    let far = hits[hits.len() / 2] + 1;
    while app.detail_scroll < far.min(app.max_scroll()) {
        press(&mut app, "j");
    }
    let top = app.detail_scroll;
    let below = hits.iter().position(|&l| l >= top).unwrap_or(0);
    press(&mut app, "n");
    assert_eq!(app.search.current, below, "top {top}, hits {hits:?}");
    assert!(visible(&app, hits[below]));
    // `N` from there steps back one, as the current hit is in view.
    press(&mut app, "N");
    assert_eq!(app.search.current, below - 1);
    // Scrolled away again, `N` is the last hit above the top.
    press(&mut app, "G");
    let top = app.detail_scroll;
    assert!(!visible(&app, hits[app.search.current]));
    let above = hits.iter().rposition(|&l| l < top).unwrap();
    press(&mut app, "N");
    assert_eq!(app.search.current, above, "top {top}, hits {hits:?}");

    // Another item: the current hit is forgotten, `n` is its first hit, not
    // the one after the number of the current hit in the item before.
    press(&mut app, "g/kommune<Enter>n");
    assert_eq!(app.search.current, 1);
    press(&mut app, "hj<Enter>");
    assert!(title(&app).starts_with("Høje- Taastrup"), "{}", title(&app));
    assert_eq!(app.search.current, crate::tui::app::NO_HIT);
    assert!(app.view().hits.len() >= 3);
    press(&mut app, "n");
    assert_eq!(app.search.current, 0);
}

#[test]
fn the_decisions_view_acts_on_the_item_being_read() {
    let mut app = bundled_sized(130, 30);
    press(&mut app, "j<Enter>d");
    assert!(app.decisions_only);
    assert_eq!(app.items.selected, 0);
    press(&mut app, "l");
    assert_eq!(app.focus, Focus::Detail);
    // Scroll until item 6 (index 5) is at the top.
    let anchor = app.view().anchors[5];
    assert!(anchor <= app.max_scroll());
    while app.detail_scroll < anchor {
        press(&mut app, "j");
    }
    assert_eq!(app.items.selected, 5, "the items pane follows the reading");
    assert!(title(&app).starts_with("Kvarterhus"));
    match press(&mut app, "y") {
        Effect::Copy(text) => assert!(text.contains("punkt 6: Kvarterhus"), "{text}"),
        other => panic!("{other:?}"),
    }
    press(&mut app, "c");
    match &app.popup {
        Some(Popup::Timeline(t)) => assert_eq!(t.origin.item, 5),
        other => panic!("{other:?}"),
    }
    press(&mut app, "<Esc>");
    match press(&mut app, "o") {
        Effect::Page(text) => assert!(text.starts_with("Kvarterhus"), "{text}"),
        other => panic!("{other:?}"),
    }
    // Back up one line: the item before is the one being read.
    press(&mut app, "k");
    assert_eq!(app.items.selected, 4);
    // Choosing an item in the items pane still shows it.
    press(&mut app, "hjj");
    assert_eq!(app.items.selected, 6);
    press(&mut app, "l");
    assert_eq!(app.items.selected, 6);
}

#[test]
fn altgr_characters_are_typed() {
    // crossterm reports AltGr as Ctrl+Alt on Windows.
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    let mut app = app();
    press(&mut app, "f");
    for c in ['2', '5', '/', '8', '3', '6', '2'] {
        app.handle_key(event(KeyCode::Char(c), KeyModifiers::NONE));
    }
    app.handle_key(event(KeyCode::Char('@'), altgr));
    assert_eq!(app.finder.query(), "25/8362@");
    press(&mut app, "<Esc><Enter>j<Enter>/");
    app.handle_key(event(KeyCode::Char('{'), altgr));
    app.handle_key(event(KeyCode::Char('€'), altgr));
    assert_eq!(app.search.query, "{€");
}

#[test]
fn full_text_enter_waits_for_the_results_of_the_query_typed() {
    let mut app = app();
    press(&mut app, "Sdirektionen");
    assert!(!app.fulltext.matches().is_empty());
    let before = app.saved();
    // A query with other results is out; the old ones are still listed.
    type_fast(&mut app, " realdania");
    assert!(app.fulltext_pending());
    app.handle_key(event(KeyCode::Enter, KeyModifiers::NONE));
    assert!(matches!(app.popup, Some(Popup::FullText { .. })));
    assert_eq!(app.message.as_deref(), Some("Still searching…"));
    assert_eq!(app.saved(), before);
    settle(&mut app);
    press(&mut app, "<Enter>");
    assert!(app.popup.is_none());
    assert!(title(&app).starts_with("Kvarterhus"), "{}", title(&app));
}

#[test]
fn r_on_the_bundled_sample_says_there_is_nothing_to_read() {
    let mut app = App::new(Corpus::bundled());
    app.bundled = true;
    assert_eq!(press(&mut app, "R"), Effect::None);
    assert_eq!(
        app.message.as_deref(),
        Some("The bundled sample has no files to read again")
    );
}

#[test]
fn r_on_a_folder_says_what_really_changed() {
    use crate::tui::live::{Live, Loaded, Reloaded};
    use std::time::Instant;
    let dir = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    std::fs::write(dir.path().join("a.txt"), testing::MARCH).unwrap();
    std::fs::write(dir.path().join("b.txt"), testing::AUGUST).unwrap();
    let mut app = App::new(Corpus::load(&paths));
    assert_eq!(app.meeting_count(), 2);
    // `R` is a reload without a watcher's list of changes.
    let mut live = Live::manual(paths.clone(), false);
    let reload = |app: &mut App, live: &mut Live| {
        assert_eq!(press(app, "R"), Effect::Reload);
        live.reload(Default::default());
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(Loaded::Reloaded(reloaded)) = live.poll() {
                app.reloaded(reloaded);
                return;
            }
            assert!(Instant::now() < deadline, "no reload");
            std::thread::sleep(Duration::from_millis(10));
        }
    };
    reload(&mut app, &mut live);
    assert_eq!(
        app.message.as_deref(),
        Some("Reloaded: 0 new, 0 changed, 0 removed")
    );
    let edited = testing::MARCH.replace("Kvarterhus Gadehavegård", "Kvarterhuset Gadehavegård");
    std::fs::write(dir.path().join("a.txt"), edited).unwrap();
    std::fs::remove_file(dir.path().join("b.txt")).unwrap();
    std::fs::write(dir.path().join("c.txt"), testing::CHEFFORUM).unwrap();
    reload(&mut app, &mut live);
    assert_eq!(
        app.message.as_deref(),
        Some("Reloaded: 1 new, 1 changed, 1 removed")
    );
    // A watcher's burst that changed nothing readable is not news either.
    let corpus = Corpus::load(&paths);
    let change = crate::watch::Change {
        modified: vec![dir.path().join("a.txt")],
        ..Default::default()
    };
    app.reloaded(Reloaded { corpus, change });
    assert_eq!(
        app.message.as_deref(),
        Some("Reloaded: 0 new, 0 changed, 0 removed")
    );
}

#[test]
fn slash_then_esc_keeps_the_previous_search() {
    let mut app = bundled_sized(60, 12);
    press(&mut app, "j<Enter>jjjjj<Enter>/kvarterhus<Enter>n");
    let (hits, current, scroll) = (
        app.view().hits.clone(),
        app.search.current,
        app.detail_scroll,
    );
    assert!(hits.len() > 2);
    press(&mut app, "/zz");
    assert!(app.view().hits.is_empty());
    press(&mut app, "<Esc>");
    assert!(!app.search.editing);
    assert_eq!(app.search.query, "kvarterhus");
    assert_eq!(
        (app.view().hits.clone(), app.search.current),
        (hits, current)
    );
    assert_eq!(app.detail_scroll, scroll);
    press(&mut app, "n");
    assert_eq!(app.search.current, current + 1);
}

#[test]
fn ctrl_w_deletes_a_word_in_every_prompt() {
    let mut app = app();
    press(&mut app, "<Enter>j<Enter>/beslutning direk<C-w>");
    assert_eq!(app.search.query, "beslutning ");
    press(&mut app, "<C-w>");
    assert_eq!(app.search.query, "");
    press(&mut app, "<Esc>fforum dir<C-w>");
    assert_eq!(app.finder.query(), "forum ");
    press(&mut app, "<Esc>Ssagen udsæt<C-w>");
    assert_eq!(app.fulltext.query(), "sagen ");
}

#[test]
fn the_wheel_over_the_meetings_scrolls_the_list_only() {
    // Twenty meetings, in a window low enough for the items to scroll.
    let corpus = testing::synthetic(400);
    let mut app = App::new(corpus);
    app.update(Action::Resize {
        width: 120,
        height: 8,
    });
    press(&mut app, "j<Enter>jj<Enter>jjj");
    let (meeting, item, scroll) = (app.meetings.selected, app.items.selected, app.detail_scroll);
    assert!(scroll > 0);
    let meetings = layout::inner(layout::panes(app.size, app.focus).meetings.unwrap());
    let wheel = |down| MouseEvent {
        kind: if down {
            MouseEventKind::ScrollDown
        } else {
            MouseEventKind::ScrollUp
        },
        column: meetings.x + 2,
        row: meetings.y + 1,
        modifiers: KeyModifiers::NONE,
    };
    for _ in 0..5 {
        app.handle_mouse(wheel(true));
    }
    assert_eq!(app.meetings.offset, 5, "the list scrolls");
    assert_eq!(
        (app.meetings.selected, app.items.selected, app.detail_scroll),
        (meeting, item, scroll),
        "the selection, the item and the scroll stay"
    );
    app.handle_mouse(wheel(false));
    assert_eq!(app.meetings.offset, 4);
    // A key brings the selection back into view.
    press(&mut app, "k");
    assert!(app.meetings.offset <= app.meetings.selected);
}

#[test]
fn the_finder_shows_and_matches_iso_dates_when_configured() {
    let mut app = app();
    app.look.dates = crate::config::DateFormat::Iso;
    press(&mut app, "f2025-03-25");
    let rows = app.finder.rows();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.date.text == "2025-03-25"), "{rows:?}");
    press(&mut app, "<C-u>25-03-2025");
    assert_eq!(app.finder.rows()[0].date.text, "2025-03-25");
}

/// A batch as the first load hands it on: a sorted corpus of its own, and its
/// items' haystacks for the finder.
fn batch(texts: &[(&str, &str)]) -> (Corpus, crate::tui::finder::Haystacks) {
    let corpus = Corpus::from_texts(texts.iter().map(|(s, t)| (s.to_string(), t.to_string())));
    let haystacks = crate::tui::finder::Haystacks::of(&corpus);
    (corpus, haystacks)
}

/// The browser as the first load opens it: no minutes yet, reading.
fn loading_app() -> App {
    let mut app = App::new(Corpus::default());
    app.loading = Some(crate::tui::app::Loading::default());
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app
}

fn receive(app: &mut App, texts: &[(&str, &str)]) {
    let (corpus, haystacks) = batch(texts);
    app.receive(corpus, haystacks);
    settle(app);
}

fn finder_titles(app: &App) -> Vec<String> {
    app.finder
        .rows()
        .iter()
        .map(|r| r.title.text.clone())
        .collect()
}

#[test]
fn a_cold_open_lands_on_the_newest_meeting_whatever_order_files_arrive_in() {
    let mut app = loading_app();
    receive(&mut app, &[("a.txt", testing::MARCH)]);
    receive(&mut app, &[("c.txt", testing::CHEFFORUM)]);
    receive(&mut app, &[("b.txt", testing::AUGUST)]);
    let label = app.meeting().map(|m| m.label());
    assert_eq!(
        label.as_deref(),
        Some("Direktionen 25-08-2025"),
        "the newest"
    );
    assert_eq!(app.meetings.selected, 0);
}

#[test]
fn while_more_arrive_the_cursor_stays_on_the_meeting_the_reader_chose() {
    let mut app = loading_app();
    receive(
        &mut app,
        &[("a.txt", testing::MARCH), ("c.txt", testing::CHEFFORUM)],
    );
    press(&mut app, "j");
    let chosen = app.meeting().map(|m| m.label());
    assert_eq!(chosen.as_deref(), Some("Direktionen 25-03-2025"));
    receive(&mut app, &[("b.txt", testing::AUGUST)]);
    assert_eq!(app.meeting().map(|m| m.label()), chosen);
    assert_eq!(app.meetings.selected, 2, "it moved down one row");
}

#[test]
fn the_finder_searches_what_has_loaded_so_far() {
    let mut app = loading_app();
    receive(&mut app, &[("c.txt", testing::CHEFFORUM)]);
    press(&mut app, "føkonomiopf");
    assert_eq!(finder_titles(&app), ["CF - Økonomiopfølgning"]);
    press(&mut app, "<C-u>kvarterhus");
    assert!(finder_titles(&app).is_empty());
    press(&mut app, "<C-u>24/24964");
    assert!(!app.finder.is_direct(), "no such case loaded yet");

    // The rest arrives while the finder is open: the query stays and now
    // finds the new items, and the first batch's items are still found
    // (and opened) where their meeting has moved to.
    receive(
        &mut app,
        &[("a.txt", testing::MARCH), ("b.txt", testing::AUGUST)],
    );
    assert_eq!(app.finder.total(), app.corpus().item_count());
    assert!(app.finder.is_direct(), "the case index knows it now");
    assert_eq!(app.finder.matched(), 2);
    press(&mut app, "<C-u>kvarterhus");
    assert_eq!(finder_titles(&app).len(), 1);
    assert!(finder_titles(&app)[0].starts_with("Kvarterhus"));
    press(&mut app, "<C-u>økonomiopf");
    assert_eq!(finder_titles(&app), ["CF - Økonomiopfølgning"]);
    press(&mut app, "<Enter>");
    assert_eq!(title(&app), "CF - Økonomiopfølgning");
    assert_eq!(app.meeting().unwrap().label(), "Chefforum 02-06-2025");
    // Growing never copied the corpus (the first batch replaced the empty one).
    assert_eq!(std::sync::Arc::strong_count(&app.corpus), 1);
}

#[test]
fn the_selection_stays_put_while_meetings_arrive() {
    const SEPTEMBER: &str = "REFERAT Byrådet d. 01-09-2025\n\nPunkt 1: Budget\n\n25/9000\n";
    let mut app = loading_app();
    receive(&mut app, &[("c.txt", testing::CHEFFORUM)]);
    press(&mut app, "<Enter>j");
    assert_eq!(title(&app), "CF - Evt.");
    // A newer meeting: listed above, the same meeting and item selected.
    receive(&mut app, &[("b.txt", testing::AUGUST)]);
    assert_eq!(app.meetings.selected, 1);
    assert_eq!(app.meeting().unwrap().label(), "Chefforum 02-06-2025");
    assert_eq!(title(&app), "CF - Evt.");
    // An older one: listed below.
    receive(&mut app, &[("a.txt", testing::MARCH)]);
    assert_eq!(app.meetings.selected, 1);
    assert_eq!(title(&app), "CF - Evt.");
    // A newer one while the finder is open: Esc goes back to the same
    // meeting and item, not to the same row.
    press(&mut app, "f");
    receive(&mut app, &[("d.txt", SEPTEMBER)]);
    press(&mut app, "<Esc>");
    assert_eq!(app.meetings.selected, 2);
    assert_eq!(app.meeting().unwrap().label(), "Chefforum 02-06-2025");
    assert_eq!(title(&app), "CF - Evt.");
    assert_eq!(app.focus, Focus::Items);

    // An empty query lists items in the order they were read meanwhile.
    press(&mut app, "f");
    assert_eq!(finder_titles(&app)[0], "CF - Økonomiopfølgning");

    // The load ends: the finder is filled again, newest meeting first, with
    // its query; until the refill has caught up the items already in answer.
    // The selection stays.
    press(&mut app, "kvarterhus");
    app.finish_loading();
    assert_eq!(app.loading, None);
    assert_eq!(app.finder.matched(), 1);
    settle(&mut app);
    assert!(!app.finder.busy());
    assert_eq!(app.finder.query(), "kvarterhus");
    assert_eq!(finder_titles(&app).len(), 1);
    press(&mut app, "<C-u>");
    assert_eq!(finder_titles(&app)[0], "Budget");
    assert_eq!(app.finder.matched(), app.corpus().item_count());
    press(&mut app, "<Esc>");
    assert_eq!(title(&app), "CF - Evt.");
    assert_eq!(app.meetings.selected, 2);
}
