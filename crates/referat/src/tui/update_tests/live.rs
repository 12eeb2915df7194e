//! Streaming, reloading, watching and remembering: what changes on screen while
//! the minutes change or the terminal is resized, and what is kept.

use super::*;

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
fn a_watcher_started_on_its_own_thread_reports_changes_once_it_is_up() {
    use crate::tui::live::{Live, Loaded};
    use std::time::Instant;
    let dir = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    std::fs::write(dir.path().join("a.txt"), testing::MARCH).unwrap();
    let mut live = Live::manual(paths.clone(), false);
    live.start_watching_later();
    // Writes again until a reload comes: the watcher is up some time after
    // the call, and a change before it is not seen.
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut n = 0;
    let reloaded = loop {
        assert!(Instant::now() < deadline, "no reload came");
        n += 1;
        std::fs::write(dir.path().join(format!("b{n}.txt")), testing::AUGUST).unwrap();
        std::thread::sleep(Duration::from_millis(50));
        match live.poll() {
            Some(Loaded::Reloaded(reloaded)) => break reloaded,
            _ => std::thread::sleep(Duration::from_millis(50)),
        }
    };
    assert!(!reloaded.change.created.is_empty(), "{:?}", reloaded.change);
    assert_eq!(live.take_watch_error(), None);
}

/// A first load that handed on a cached file its walk then did not keep
/// (reached first through a new link) reads everything again at once, and
/// the corpus becomes the walk's.
#[cfg(unix)]
#[test]
fn a_first_load_that_withdrew_a_cached_file_reloads_at_once() {
    use crate::tui::live::{Live, Loaded};
    use referat_core::corpus::CacheMode;
    use std::time::Instant;
    let dir = tempfile::tempdir().unwrap();
    let paths = vec![dir.path().to_path_buf()];
    std::fs::write(dir.path().join("b.txt"), testing::MARCH).unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = CacheMode::At(cache_dir.path().join("cache"));
    Corpus::load_with(&paths, &cache);
    std::os::unix::fs::symlink(dir.path().join("b.txt"), dir.path().join("a.txt")).unwrap();
    let mut live = Live::with_cache(paths.clone(), cache.clone());
    live.load();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut seen = Vec::new();
    let reloaded = loop {
        assert!(Instant::now() < deadline, "no reload came: {seen:?}");
        match live.poll() {
            Some(Loaded::Reloaded(reloaded)) => break reloaded,
            Some(Loaded::Batch(batch, _)) => seen.extend(batch.reports.iter().map(source_name)),
            Some(Loaded::Done) => seen.push("done".to_string()),
            None => std::thread::sleep(Duration::from_millis(10)),
        }
    };
    assert!(seen.contains(&"b.txt".to_string()), "{seen:?}");
    assert_eq!(seen.last().map(String::as_str), Some("done"));
    let kept: Vec<String> = reloaded.corpus.reports.iter().map(source_name).collect();
    assert_eq!(kept, ["a.txt"]);
    assert!(!live.busy());

    // The reload wrote the walk's cache: the next first load withdraws
    // nothing, and nothing follows its end.
    let mut live = Live::with_cache(paths, cache);
    live.load();
    loop {
        assert!(Instant::now() < deadline, "the load did not end");
        match live.poll() {
            Some(Loaded::Done) => break,
            Some(Loaded::Reloaded(_)) => panic!("a reload without a withdrawal"),
            _ => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    assert!(!live.busy(), "no reload started");
}

fn source_name(report: &referat_core::corpus::FileReport) -> String {
    report.source.rsplit('/').next().unwrap().to_string()
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
                app.handle(Message::Loaded(Loaded::Reloaded(reloaded)));
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
                app.handle(Message::Loaded(Loaded::Reloaded(reloaded)));
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
    let change = referat_core::watch::Change {
        modified: vec![dir.path().join("a.txt")],
        ..Default::default()
    };
    app.handle(Message::Loaded(Loaded::Reloaded(Reloaded {
        corpus,
        change,
    })));
    assert_eq!(
        app.message.as_deref(),
        Some("Reloaded: 0 new, 0 changed, 0 removed")
    );
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
fn an_open_timeline_keeps_its_items_while_earlier_meetings_arrive() {
    let mut app = loading_app();
    receive(&mut app, &[("b.txt", testing::AUGUST)]);
    // The case 24/24964 of the August meeting; its history is all there is.
    press(&mut app, "<Tab><Enter>c");
    let Some(Popup::Timeline(before)) = app.popup.clone() else {
        panic!("no timeline")
    };
    let titles = |app: &App, t: &crate::tui::app::Timeline| -> Vec<String> {
        t.rows
            .iter()
            .map(|r| {
                let (meeting, item) = app.corpus().get(r.target());
                format!("{} {}", meeting.label(), item.title)
            })
            .collect()
    };
    let shown = titles(&app, &before);
    // March comes in before August in date order: every position moves, ids
    // do not, and the timeline's rows were not touched.
    receive(&mut app, &[("a.txt", testing::MARCH)]);
    let Some(Popup::Timeline(after)) = app.popup.clone() else {
        panic!("the timeline closed")
    };
    assert_eq!(after.rows, before.rows);
    assert_eq!(titles(&app, &after), shown);
}

#[test]
fn a_reload_keeps_the_ids_of_meetings_read_from_the_same_files() {
    let dir = tempfile::tempdir().unwrap();
    let paths = [dir.path().to_path_buf()];
    std::fs::write(dir.path().join("b.txt"), testing::AUGUST).unwrap();
    let mut app = App::new(Corpus::load(&paths));
    app.update(Action::Resize {
        width: 120,
        height: 40,
    });
    let august = app.selected_meeting().unwrap();
    // An earlier meeting appears: August moves down a row, its id stays.
    std::fs::write(dir.path().join("a.txt"), testing::MARCH).unwrap();
    let corpus = Corpus::load(&paths);
    app.handle(Message::Loaded(Loaded::Reloaded(
        crate::tui::live::Reloaded {
            corpus,
            change: Default::default(),
        },
    )));
    assert_eq!(app.selected_meeting(), Some(august));
    assert_eq!(
        app.corpus().meeting(august).map(|m| m.label()).as_deref(),
        Some("Direktionen 25-08-2025")
    );
}

#[test]
fn a_file_that_fails_on_reload_is_reported_in_the_readers_language() {
    let dir = tempfile::tempdir().unwrap();
    let paths = [dir.path().to_path_buf()];
    std::fs::write(dir.path().join("a.txt"), testing::MARCH).unwrap();
    let mut app = App::new(Corpus::load(&paths));
    app.look.lang = crate::i18n::Lang::Da;
    std::fs::write(dir.path().join("a.txt"), b"\x00\x01\x02 no longer text").unwrap();
    app.handle(Message::Loaded(Loaded::Reloaded(
        crate::tui::live::Reloaded {
            corpus: Corpus::load(&paths),
            change: Default::default(),
        },
    )));
    let message = app.message.clone().unwrap_or_default();
    assert!(
        message.starts_with("Kunne ikke læse ")
            && message.ends_with(": binær fil, ikke referattekst"),
        "{message}"
    );
}

#[test]
fn the_loads_progress_and_its_end_are_messages_like_any_other() {
    let mut app = loading_app();
    let progress = |app: &mut App, seconds| {
        app.handle(Message::Progress {
            seconds,
            done: 3,
            total: 9,
        })
    };
    assert_eq!(progress(&mut app, 2), Effect::Redraw);
    let loading = app.loading.unwrap();
    assert_eq!(
        (loading.frame, loading.seconds, loading.done, loading.total),
        (1, 2, 3, 9)
    );
    receive(&mut app, &[("a.txt", testing::MARCH)]);
    assert_eq!(app.handle(Message::Loaded(Loaded::Done)), Effect::Redraw);
    assert_eq!(app.loading, None);
    // After the load, progress has nothing to say and draws nothing.
    assert_eq!(progress(&mut app, 3), Effect::None);
    assert_eq!(app.loading, None);
    // A tick with no finder or search running changes nothing.
    assert_eq!(app.handle(Message::Tick), Effect::None);
}
