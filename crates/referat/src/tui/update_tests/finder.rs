//! The finder: jumping, restoring, editing, and what it searches while loading.

use super::*;

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
