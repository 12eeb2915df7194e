//! The three panes: lists, focus, the detail, decisions, sections and the mouse.

use super::*;

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
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = app_sized(120, 12);
    let panes = app.panes();
    let meetings = layout::inner(panes.meetings.unwrap());
    let click = |column, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    app.handle(Message::Mouse(click(meetings.x + 2, meetings.y + 2)));
    assert_eq!(app.meetings.selected, 2);
    let items = layout::inner(panes.items.unwrap());
    app.handle(Message::Mouse(click(items.x + 2, items.y + 1)));
    assert_eq!(app.focus, Focus::Items);
    assert_eq!(app.items.selected, 1);
    assert!(title(&app).starts_with("Kvarterhus"));
    let detail = layout::inner(panes.detail.unwrap());
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        ..click(detail.x + 2, detail.y + 2)
    };
    app.handle(Message::Mouse(wheel));
    assert_eq!(app.focus, Focus::Items, "the wheel does not move focus");
    assert_eq!(app.detail_scroll, 3.min(app.max_scroll()));
    assert!(app.max_scroll() >= 3);
    app.handle(Message::Mouse(click(detail.x + 2, detail.y + 2)));
    assert_eq!(app.focus, Focus::Detail);
    // A click below the last row selects nothing new.
    app.handle(Message::Mouse(click(meetings.x + 2, meetings.y + 8)));
    assert_eq!(app.meetings.selected, 2);
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
        .map(|row| {
            app.corpus()
                .meeting(app.meeting_at_row(row).unwrap())
                .unwrap()
                .date
        })
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
    let c = app.corpus();
    assert!(c.order_key(t.rows[0].target()) < c.order_key(t.rows[1].target()));

    // d: every item's title with its decisions.
    press(&mut app, "<Esc>d");
    assert!(app.decisions_only);
    assert_eq!(app.view().anchors.len(), app.meeting().unwrap().items.len());
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
    let mut app = bundled_sized(130, 20);
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
    let meetings = layout::inner(app.panes().meetings.unwrap());
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
        app.handle(Message::Mouse(wheel(true)));
    }
    assert_eq!(app.meetings.offset, 5, "the list scrolls");
    assert_eq!(
        (app.meetings.selected, app.items.selected, app.detail_scroll),
        (meeting, item, scroll),
        "the selection, the item and the scroll stay"
    );
    app.handle(Message::Mouse(wheel(false)));
    assert_eq!(app.meetings.offset, 4);
    // A key brings the selection back into view.
    press(&mut app, "k");
    assert!(app.meetings.offset <= app.meetings.selected);
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
    app.handle(Message::Loaded(Loaded::Done));
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
