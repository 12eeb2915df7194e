//! The meetings filter: choosing, clearing, what follows it, and jumps to a
//! meeting it hides.

use super::*;

fn labels(app: &App) -> Vec<String> {
    (0..app.meeting_count())
        .map(|row| {
            let id = app.meeting_at_row(row).unwrap();
            app.corpus().meeting(id).unwrap().label()
        })
        .collect()
}

/// Opens the filter and chooses the row whose text is `value`.
fn choose(app: &mut App, value: &str) {
    press(app, "F");
    let Some(Popup::Filter(popup)) = &app.popup else {
        panic!("no filter popup")
    };
    let row = popup
        .rows
        .iter()
        .position(|(choice, _)| match choice {
            crate::tui::filter::popup::Choice::Forum(f) => f == value,
            crate::tui::filter::popup::Choice::Year(y) => y.to_string() == value,
            crate::tui::filter::popup::Choice::Kind(_) => false,
        })
        .unwrap_or_else(|| panic!("no choice {value}"));
    press(app, &"j".repeat(row));
    press(app, "<Enter><Esc>");
}

#[test]
fn choosing_a_forum_narrows_the_list_and_x_shows_every_meeting_again() {
    let mut app = app();
    assert_eq!(app.meeting_count(), 3);
    choose(&mut app, "Direktionen");
    assert_eq!(app.popup, None, "Esc closes the popup; the filter stays");
    assert_eq!(
        labels(&app),
        ["Direktionen 25-08-2025", "Direktionen 25-03-2025"]
    );
    assert_eq!(app.filter().forum.as_deref(), Some("Direktionen"));
    assert!(
        app.corpus_summary()
            .starts_with("2 of 3 meetings · 4 items"),
        "{}",
        app.corpus_summary()
    );
    // The selection was on a Direktionen meeting, and stays on it.
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-08-2025");
    press(&mut app, "X");
    assert_eq!(app.meeting_count(), 3);
    assert_eq!(
        app.message.as_deref(),
        Some("Filter cleared: every meeting shows")
    );
    press(&mut app, "X");
    assert_eq!(app.message.as_deref(), Some("No filter to clear"));
}

#[test]
fn a_selection_the_filter_hides_moves_to_the_newest_meeting_shown() {
    let mut app = app();
    press(&mut app, "<Enter>j");
    assert_eq!(app.meeting().unwrap().label(), "Direktionen 25-08-2025");
    choose(&mut app, "Chefforum");
    assert_eq!(labels(&app), ["Chefforum 02-06-2025"]);
    assert_eq!(app.meeting().unwrap().label(), "Chefforum 02-06-2025");
    assert_eq!(
        app.items.selected, 0,
        "a new meeting starts at its first item"
    );
    // The same choice again, in the popup, takes it back.
    press(&mut app, "F<Enter>");
    assert_eq!(app.meeting_count(), 3);
    assert!(matches!(app.popup, Some(Popup::Filter(_))));
    press(&mut app, "F");
    assert_eq!(app.popup, None, "F closes it too");
}

#[test]
fn the_finder_and_full_text_search_follow_the_filter() {
    let mut app = app();
    choose(&mut app, "Direktionen");
    press(&mut app, "f'økonomiopf");
    assert_eq!(app.finder.matched(), 0, "Chefforum's items are left out");
    assert_eq!(
        app.finder.total(),
        4,
        "the items of the two Direktionen meetings"
    );
    press(&mut app, "<C-u>25/1000");
    assert_eq!(app.finder.matched(), 0, "a whole case number too");
    press(&mut app, "<Esc>S");
    type_fast(&mut app, "Økonomien");
    settle(&mut app);
    assert!(
        fulltext_titles(&app).is_empty(),
        "{:?}",
        fulltext_titles(&app)
    );
    press(&mut app, "<Esc>X");
    // Cleared, both search again over everything, with their queries.
    press(&mut app, "S");
    settle(&mut app);
    assert_eq!(fulltext_titles(&app), ["CF - Økonomiopfølgning"]);
    press(&mut app, "<Esc>f<C-u>25/1000");
    assert_eq!(app.finder.matched(), 1);
}

#[test]
fn a_jump_to_a_meeting_the_filter_hides_clears_it_and_says_so() {
    let mut app = app();
    // At Chefforum's first item, then a jump to a Direktionen item.
    press(&mut app, "j<Enter>");
    assert_eq!(title(&app), "CF - Økonomiopfølgning");
    press(&mut app, "f25/8362<Enter>");
    assert!(title(&app).starts_with("Status på indkøb"));
    choose(&mut app, "Direktionen");
    press(&mut app, "<C-o>");
    assert_eq!(title(&app), "CF - Økonomiopfølgning");
    assert_eq!(app.meeting_count(), 3);
    assert!(app.filter().is_empty());
    assert_eq!(
        app.message.as_deref(),
        Some("Filter cleared to show Chefforum 02-06-2025")
    );
}

#[test]
fn the_filter_holds_for_meetings_that_arrive_while_loading_and_after_a_reload() {
    let mut app = loading_app();
    receive(&mut app, &[("a.txt", testing::MARCH)]);
    choose(&mut app, "Direktionen");
    receive(&mut app, &[("c.txt", testing::CHEFFORUM)]);
    assert_eq!(labels(&app), ["Direktionen 25-03-2025"]);
    receive(&mut app, &[("b.txt", testing::AUGUST)]);
    assert_eq!(
        labels(&app),
        ["Direktionen 25-08-2025", "Direktionen 25-03-2025"]
    );
    press(&mut app, "f'økonomiopf");
    assert_eq!(app.finder.matched(), 0, "a batch's items are filtered too");
    press(&mut app, "<Esc>");
    app.handle(Message::Loaded(Loaded::Done));
    app.handle(Message::Loaded(Loaded::Reloaded(
        crate::tui::live::Reloaded {
            corpus: testing::corpus(),
            change: Default::default(),
        },
    )));
    assert_eq!(app.meeting_count(), 2, "the filter outlives a reload");
}
