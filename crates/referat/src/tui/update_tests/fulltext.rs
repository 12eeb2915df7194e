//! Full-text search: off the input thread, stale results, hits and keys.

use super::*;

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
    app.handle(Message::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: list.x + 3,
        row: list.y + 1,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.fulltext.cursor.selected, 1);
    app.handle(Message::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: list.x + 3,
        row: list.y + 1,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.fulltext.cursor.selected, 2);
    // The preview holds the selected result's hits, in document order.
    let hits = app.fulltext.preview().to_vec();
    assert_eq!(hits.len(), app.fulltext.matches()[2].hits);
    assert!(hits.windows(2).all(|w| w[0] <= w[1]));
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
    app.handle(Message::Key(event(KeyCode::Enter, KeyModifiers::NONE)));
    assert!(matches!(app.popup, Some(Popup::FullText { .. })));
    assert_eq!(app.message.as_deref(), Some("Still searching…"));
    assert_eq!(app.saved(), before);
    settle(&mut app);
    press(&mut app, "<Enter>");
    assert!(app.popup.is_none());
    assert!(title(&app).starts_with("Kvarterhus"), "{}", title(&app));
}

#[test]
fn keys_typed_ahead_open_the_result_of_the_query_as_typed() {
    let mut app = app();
    press(&mut app, "S");
    type_fast(&mut app, "kvarterhus");
    press(&mut app, "<Enter>");
    // Whether or not the search was done at the Enter, the result of the
    // query as typed opens (at the latest with the results' tick).
    settle(&mut app);
    app.handle(Message::Tick);
    assert_eq!(app.popup, None);
    assert!(title(&app).starts_with("Kvarterhus"), "{}", title(&app));
    assert_ne!(app.message.as_deref(), Some("Still searching…"));
    // Reopened, the query is selected: Enter reuses it, typing replaces it.
    press(&mut app, "S");
    assert!(app.fulltext.query_selected());
    press(&mut app, "budget");
    assert_eq!(app.fulltext.query(), "budget");
}

#[test]
fn the_finder_reopens_on_its_last_query_selected() {
    let mut app = app();
    press(&mut app, "f25/8362<Enter>f");
    assert_eq!(app.finder.query(), "25/8362");
    assert!(app.finder.query_selected());
    press(&mut app, "kv");
    assert_eq!(app.finder.query(), "kv");
}

#[test]
fn a_move_and_enter_typed_ahead_open_that_row_of_the_final_results_laid_out() {
    let mut app = app();
    press(&mut app, "S");
    type_fast(&mut app, "direktionen");
    for code in [KeyCode::Down, KeyCode::Enter] {
        app.handle(Message::Key(event(code, KeyModifiers::NONE)));
    }
    app.fulltext.settle(Duration::from_secs(10));
    app.handle(Message::Tick);
    assert_eq!(app.popup, None);
    let second = app.fulltext.matches()[1].at;
    assert_eq!(app.selected_item(), Some(second), "the second result");
    // Laid out at once: the item's hits are highlighted before any key.
    assert!(!app.view().hits.is_empty());
    assert!(
        app.view().lines[0].to_string().contains(&title(&app)[..10]),
        "{}",
        app.view().lines[0]
    );
}
