//! The jump list: `Ctrl-o` back to where the reader was before a jump, the
//! forward key forward again, for every kind of jump.

use super::*;

/// Where the reader is: meeting, item title, focus.
fn place(app: &App) -> (String, String, Focus) {
    (app.meeting().unwrap().label(), title(app), app.focus)
}

#[test]
fn ctrl_o_goes_back_before_a_finder_jump_and_ctrl_f_forward_again() {
    let mut app = app();
    press(&mut app, "<Enter>j");
    let before = place(&app);
    press(&mut app, "f25/8362<Enter>");
    let after = place(&app);
    assert!(after.1.starts_with("Status på indkøb"), "{after:?}");
    assert_ne!(before, after);
    press(&mut app, "<C-o>");
    assert_eq!(place(&app), before, "back where the finder was opened");
    press(&mut app, "<C-f>");
    assert_eq!(place(&app), after);
    press(&mut app, "<C-f>");
    assert_eq!(
        app.message.as_deref(),
        Some("No later place to go forward to")
    );
    press(&mut app, "<C-o><C-o>");
    assert_eq!(
        app.message.as_deref(),
        Some("No earlier place to go back to")
    );
    assert_eq!(place(&app), before);
}

#[test]
fn timeline_and_full_text_jumps_are_recorded_and_backspace_goes_back_too() {
    let mut app = app();
    // An item with a case: 24/24964 is in two meetings of the sample.
    press(&mut app, "f24/24964<Enter>");
    let from_finder = place(&app);
    press(&mut app, "c");
    let Some(Popup::Timeline(t)) = &app.popup else {
        panic!("no timeline")
    };
    let other = (t.cursor.selected + 1) % t.rows.len();
    let keys = if other > t.cursor.selected { "j" } else { "k" };
    press(&mut app, keys);
    press(&mut app, "<Enter>");
    assert_ne!(place(&app), from_finder, "the timeline jumped");
    press(&mut app, "<BS>");
    assert_eq!(place(&app), from_finder, "Backspace goes back like Ctrl-o");

    press(&mut app, "Skvarterhus");
    settle(&mut app);
    press(&mut app, "<Enter>");
    assert_ne!(place(&app), from_finder);
    press(&mut app, "<C-o>");
    assert_eq!(place(&app), from_finder, "back from a full-text hit");
}

#[test]
fn places_keep_their_meeting_while_more_meetings_arrive() {
    let mut app = loading_app();
    receive(&mut app, &[("b.txt", testing::AUGUST)]);
    press(&mut app, "<Tab>");
    let before = place(&app);
    press(&mut app, "f25/8362<Enter>");
    // An earlier meeting arrives: every row moves down, the place does not.
    receive(&mut app, &[("a.txt", testing::MARCH)]);
    press(&mut app, "<C-o>");
    assert_eq!(place(&app), before);
}

#[test]
fn ctrl_n_and_ctrl_p_step_through_the_last_results_without_the_popup() {
    let mut app = app();
    press(&mut app, "<C-n>");
    assert_eq!(
        app.message.as_deref(),
        Some("No results to step through: find (f) or search (S) first")
    );
    press(&mut app, "Sdirektionen");
    settle(&mut app);
    let listed = fulltext_titles(&app);
    assert_eq!(listed.len(), 2, "{listed:?}");
    press(&mut app, "<Enter>");
    assert!(listed[0].starts_with(&title(&app)) || listed[0].contains(&title(&app)));
    press(&mut app, "<C-n>");
    assert_eq!(app.popup, None, "no popup reopened");
    assert!(
        listed[1].contains(&title(&app)),
        "{listed:?} / {}",
        title(&app)
    );
    assert_eq!(
        app.message.as_deref(),
        Some(&*format!("Result 2 of {}", listed.len()))
    );
    assert_eq!(app.search.query, "direktionen", "its hits stay highlighted");
    press(&mut app, "<C-n>");
    assert_eq!(app.message.as_deref(), Some("That was the last result"));
    press(&mut app, "<C-p><C-p>");
    assert_eq!(app.message.as_deref(), Some("That was the first result"));
    // Each step is a jump: Ctrl-o goes back through them.
    press(&mut app, "<C-n><C-o>");
    assert!(listed[0].contains(&title(&app)));
}

#[test]
fn finder_results_can_be_stepped_through_too() {
    let mut app = app();
    press(&mut app, "fdirektionen");
    settle(&mut app);
    let listed: Vec<String> = finder_titles(&app);
    assert!(listed.len() >= 2, "{listed:?}");
    press(&mut app, "<Enter><C-n>");
    assert!(
        listed[1].contains(&title(&app)),
        "{listed:?} / {}",
        title(&app)
    );
}

#[test]
fn n_past_the_last_hit_of_a_result_goes_on_to_the_next_result() {
    let mut app = app();
    press(&mut app, "Sdirektionen");
    settle(&mut app);
    let listed = fulltext_titles(&app);
    assert!(listed.len() >= 2, "{listed:?}");
    press(&mut app, "<Enter>");
    let first = title(&app);
    let hits = app.view().hits.len();
    assert!(hits >= 1);
    // Enter showed the search's first hit; through the others, then one
    // more: the next result.
    let start = app.search.current;
    assert!(start < hits);
    for _ in start + 1..hits {
        press(&mut app, "n");
        assert_eq!(title(&app), first, "still in the first result");
    }
    assert_eq!(app.search.current, hits - 1);
    press(&mut app, "n");
    assert!(
        listed[1].contains(&title(&app)),
        "{listed:?} / {}",
        title(&app)
    );
    assert_ne!(app.search.current, crate::tui::app::NO_HIT);
    assert_eq!(
        app.message.as_deref(),
        Some(&*format!("Result 2 of {}", listed.len()))
    );
    // N before the first hit: back to the previous result, at its last hit.
    for _ in 0..app.search.current {
        press(&mut app, "N");
        assert!(listed[1].contains(&title(&app)));
    }
    press(&mut app, "N");
    assert_eq!(title(&app), first);
    assert_eq!(app.search.current, hits - 1);
    // Back to the first hit of the first result: N goes nowhere from there.
    for _ in 0..hits - 1 {
        press(&mut app, "N");
    }
    assert_eq!(app.search.current, 0);
    press(&mut app, "N");
    assert_eq!(app.search.current, 0, "stays on the first hit");
    assert_eq!(app.message.as_deref(), Some("That was the first result"));
    // A search of the reader's own (`/`) cycles inside the item as before.
    press(&mut app, "/direktionen<Enter>");
    let own = app.view().hits.len();
    for _ in 0..own + 1 {
        press(&mut app, "n");
    }
    assert_eq!(title(&app), first);
}

#[test]
fn the_meeting_page_lists_the_contents_and_enter_jumps_to_an_item() {
    let mut app = app();
    press(&mut app, "j");
    let meeting = app.meeting().unwrap().label();
    press(&mut app, "i");
    let Some(Popup::Meeting(page)) = &app.popup else {
        panic!("no meeting page")
    };
    assert_eq!(page.label, meeting);
    let last = page.rows.len() - 1;
    let wanted = page.rows[last].title.clone();
    press(&mut app, "G<Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(title(&app), wanted);
    assert_eq!(app.focus, Focus::Detail);
    // A jump like any other: Ctrl-o comes back.
    press(&mut app, "<C-o>");
    assert_eq!(app.meeting().unwrap().label(), meeting);
    assert_eq!(app.focus, Focus::Meetings);
    press(&mut app, "i<Esc>");
    assert_eq!(app.popup, None);
}
