//! Following in the browser: `w` follows and unfollows the item's case, a
//! reload that brings a new item of it says so and marks it `●` until it is
//! read, `m` marks a list seen, and `W` lists what is followed.

use super::*;
use crate::follow::store::Store;
use crate::tui::following::Following;
use crate::tui::live::Reloaded;

/// A browser over `dir` (MARCH and AUGUST, both carrying 24/24964) whose
/// watch list lives in `state`.
fn app_over(dir: &std::path::Path, state: &std::path::Path) -> App {
    std::fs::write(dir.join("a.txt"), testing::MARCH).unwrap();
    std::fs::write(dir.join("b.txt"), testing::AUGUST).unwrap();
    let mut app = App::new(Corpus::load(&[dir.to_path_buf()]));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    app.set_following(Following::open(Some(Store::in_dir(state))));
    app
}

/// The August meeting again on 01-12-2026, as `c.txt`: a new item carrying
/// 24/24964 (and another that does not).
fn write_newer(dir: &std::path::Path) {
    let newer = testing::AUGUST.replace("25-08-2025", "01-12-2026");
    std::fs::write(dir.join("c.txt"), newer).unwrap();
}

/// [`write_newer`], then the reload the watcher would bring.
fn arrive(app: &mut App, dir: &std::path::Path) {
    write_newer(dir);
    reload(app, dir);
}

fn reload(app: &mut App, dir: &std::path::Path) {
    app.handle(Message::Loaded(Loaded::Reloaded(Reloaded {
        corpus: Corpus::load(&[dir.to_path_buf()]),
        change: Default::default(),
    })));
}

/// The first row of the meetings list and the first item row, as drawn.
fn rows(app: &App) -> (String, String) {
    let screen = testing::screen(app);
    let width = usize::from(app.size.width);
    let lines: Vec<String> = screen
        .chars()
        .collect::<Vec<_>>()
        .chunks(width)
        .map(|l| l.iter().collect())
        .collect();
    (lines[1].clone(), lines.join("\n"))
}

#[test]
fn w_follows_the_items_case_and_again_unfollows_it() {
    let (dir, state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut app = app_over(dir.path(), state.path());
    // The newest meeting (August) is selected; its first item carries 24/24964.
    assert_eq!(app.item().unwrap().1.case_numbers, ["24/24964"]);
    press(&mut app, "w");
    assert_eq!(
        app.message.as_deref(),
        Some("Following case 24/24964: new items about it are marked ●")
    );
    let on_disk = Store::in_dir(state.path()).load().unwrap().list;
    assert_eq!(on_disk.case_id("24/24964"), Some(1));
    assert_eq!(app.following.new_count(), 0, "what is there is not new");
    press(&mut app, "w");
    assert_eq!(
        app.message.as_deref(),
        Some("No longer following case 24/24964")
    );
    assert!(
        Store::in_dir(state.path())
            .load()
            .unwrap()
            .list
            .follows
            .is_empty()
    );
}

#[test]
fn a_reload_bringing_a_followed_case_says_so_and_marks_it_until_read() {
    let (dir, state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut app = app_over(dir.path(), state.path());
    press(&mut app, "w");
    arrive(&mut app, dir.path());
    assert_eq!(
        app.message.as_deref(),
        Some("New about what you follow: 1 item (Direktionen 01-12-2026) · W shows the watch list")
    );
    assert_eq!(app.following.new_count(), 1);
    // The reader stays on August; the new meeting, at the top, is marked.
    let (first_row, screen) = rows(&app);
    assert!(first_row.contains("01-12-2026 ● Direktion"), "{screen}");
    press(&mut app, "g");
    let (_, screen) = rows(&app);
    assert!(screen.contains(" ●  1 Øvrige sager"), "{screen}");
    // Selecting it is not reading it; opening it is.
    assert_eq!(app.following.new_count(), 1);
    press(&mut app, "<Enter><Enter>");
    assert_eq!(app.focus, Focus::Detail);
    assert_eq!(app.following.new_count(), 0);
    let (first_row, screen) = rows(&app);
    assert!(!first_row.contains('●'), "{screen}");
    // Seen in the file too, for the next browser.
    let list = Store::in_dir(state.path()).load().unwrap().list;
    assert!(
        list.seen.iter().any(|k| k.starts_with("2026-12-01|")),
        "{:?}",
        list.seen
    );
}

#[test]
fn m_marks_every_new_item_of_the_list_seen() {
    let (dir, state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut app = app_over(dir.path(), state.path());
    press(&mut app, "w");
    for (name, day) in [("c.txt", "01-12-2026"), ("d.txt", "02-12-2026")] {
        let text = testing::AUGUST.replace("25-08-2025", day);
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    reload(&mut app, dir.path());
    assert_eq!(app.following.new_count(), 2);
    press(&mut app, "m");
    assert_eq!(app.message.as_deref(), Some("2 items marked seen"));
    assert_eq!(app.following.new_count(), 0);
    press(&mut app, "m");
    assert_eq!(app.message.as_deref(), Some("Nothing new in this list"));
}

#[test]
fn the_watch_list_counts_what_is_new_opens_a_timeline_and_unfollows() {
    let (dir, state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut app = app_over(dir.path(), state.path());
    press(&mut app, "w");
    arrive(&mut app, dir.path());
    press(&mut app, "W");
    let Some(Popup::Watch(popup)) = &app.popup else {
        panic!("the watch list is open")
    };
    assert_eq!(popup.rows[0].new, 1);
    let screen = testing::screen(&app);
    assert!(screen.contains("case 24/24964"), "{screen}");
    assert!(screen.contains("1 new"), "{screen}");
    press(&mut app, "<Enter>");
    let Some(Popup::Timeline(timeline)) = &app.popup else {
        panic!("Enter opens the case's timeline")
    };
    assert_eq!(timeline.rows.len(), 3);
    assert_eq!(timeline.new, [false, false, true], "the newest is new");
    press(&mut app, "<Esc>Wx");
    assert_eq!(
        app.message.as_deref(),
        Some("No longer following case 24/24964")
    );
    assert!(app.following.list().follows.is_empty());
}

#[test]
fn an_item_without_a_case_number_has_nothing_to_follow() {
    let mut app = App::new(Corpus::from_texts([(
        "a.txt".to_string(),
        "REFERAT Direktionen d. 25-03-2025\n\nPunkt 1: Uden sag\n\nTekst.\n".to_string(),
    )]));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    press(&mut app, "w");
    assert_eq!(
        app.message.as_deref(),
        Some("Item 1 has no case number to follow")
    );
}

#[test]
fn the_finder_and_the_full_text_results_mark_new_items_too() {
    let (dir, state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut app = app_over(dir.path(), state.path());
    press(&mut app, "w");
    arrive(&mut app, dir.path());
    press(&mut app, "f");
    type_fast(&mut app, "Øvrige");
    settle(&mut app);
    let screen = testing::screen(&app);
    assert_eq!(screen.matches("● Øvrige sager").count(), 1, "{screen}");
    press(&mut app, "<Esc>S");
    type_fast(&mut app, "øvrige");
    app.fulltext.settle(Duration::from_secs(10));
    app.sync();
    assert_eq!(app.fulltext.matches().len(), 3);
    let screen = testing::screen(&app);
    assert_eq!(screen.matches("● Øvrige sager").count(), 1, "{screen}");
}

#[test]
fn a_corrupt_watch_list_is_named_in_the_status_line_and_the_browser_goes_on() {
    let (dir, state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let file = state.path().join("watch.json");
    std::fs::write(&file, "{\n  \"version\": 1,\n  \"follows\": [tru }\n").unwrap();
    let mut app = app_over(dir.path(), state.path());
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.starts_with(&format!("Watch list: {}:3:", file.display())),
        "{message}"
    );
    assert!(message.contains("watch.json.bad"), "{message}");
    assert!(state.path().join("watch.json.bad").is_file());
    // Following works on the new, empty list.
    press(&mut app, "w");
    assert_eq!(
        Store::in_dir(state.path())
            .load()
            .unwrap()
            .list
            .case_id("24/24964"),
        Some(1)
    );
}

#[test]
fn following_or_unfollowing_a_case_leaves_what_another_follow_has_new_or_read() {
    let (dir, state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut app = app_over(dir.path(), state.path());
    // A forum followed (by another referat, say) before the new meeting came.
    let store = Store::in_dir(state.path());
    let forum = crate::follow::Follow {
        forum: Some("Direktionen".into()),
        ..Default::default()
    };
    let hits = forum.hits(app.corpus());
    store.update(|l| l.add(forum, &hits, None)).unwrap();
    write_newer(dir.path());
    app.set_following(Following::open(Some(store.clone())));
    reload(&mut app, dir.path());
    assert_eq!(
        app.following.new_count(),
        2,
        "both items of the new meeting"
    );
    // Following the case of one of them reads neither.
    press(&mut app, "g<Enter>w");
    assert_eq!(app.following.new_count(), 2);
    // Reading the first, then unfollowing its case, leaves it read.
    press(&mut app, "<Enter>");
    assert_eq!(app.following.new_count(), 1);
    press(&mut app, "w");
    assert_eq!(
        app.message.as_deref(),
        Some("No longer following case 24/24964")
    );
    assert_eq!(app.following.new_count(), 1);
}

#[test]
fn a_watch_list_that_cannot_be_written_says_so_once_not_on_every_frame() {
    let (dir, state) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut app = app_over(dir.path(), state.path());
    press(&mut app, "w");
    arrive(&mut app, dir.path());
    // The file becomes something that cannot be read or replaced.
    let file = state.path().join("watch.json");
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    std::fs::write(file.join("x"), "").unwrap();
    press(&mut app, "g<Enter><Enter>jkjk");
    let failures = app
        .log
        .messages()
        .iter()
        .filter(|m| m.contains("The watch list was not changed"))
        .count();
    assert_eq!(failures, 1);
    assert_eq!(
        app.following.new_count(),
        1,
        "still new: it was not recorded"
    );
}

#[test]
fn following_waits_for_the_load_to_finish() {
    let mut app = loading_app();
    receive(&mut app, &[("a.txt", testing::MARCH)]);
    press(&mut app, "w");
    assert_eq!(
        app.message.as_deref(),
        Some("The minutes are still being read: follow once they are all in")
    );
    assert!(app.following.list().follows.is_empty());
    // Unfollowing needs no baseline: it works while the load runs.
    let mut list = crate::follow::WatchList::default();
    list.add(crate::follow::Follow::case("24/24964"), &[], None);
    app.set_following((Following::in_memory(list), None));
    press(&mut app, "w");
    assert_eq!(
        app.message.as_deref(),
        Some("No longer following case 24/24964")
    );
}
