//! Keys themselves: remapping, AltGr, prompts, help, and surviving every key.

use super::*;
use crate::tui::help::Help;

#[test]
fn quit_and_help() {
    let mut app = app();
    assert_eq!(press(&mut app, "q"), Effect::Quit);
    assert_eq!(press(&mut app, "<C-c>"), Effect::Quit);
    press(&mut app, "?");
    assert!(matches!(app.popup, Some(Popup::Help(_))));
    press(&mut app, "<Esc>");
    assert_eq!(app.popup, None);
    press(&mut app, "<F1>");
    assert!(matches!(app.popup, Some(Popup::Help(_))));
    press(&mut app, "?");
    assert_eq!(app.popup, None);
    press(&mut app, "?");
    assert_eq!(press(&mut app, "q"), Effect::Quit);
}

#[test]
fn help_scrolls_when_small_and_stays_clamped() {
    let mut app = app_sized(60, 12);
    press(&mut app, "?j");
    assert_eq!(app.popup, Some(Popup::Help(Help { scroll: 1 })));
    press(&mut app, "G");
    let Some(Popup::Help(Help { scroll })) = app.popup else {
        panic!()
    };
    let max = app.keys.help_lines(app.look.lang).len() - app.help_height();
    assert_eq!(scroll, max);
    press(&mut app, "jjj ");
    assert_eq!(app.popup, Some(Popup::Help(Help { scroll: max })));
    press(&mut app, "g");
    assert_eq!(app.popup, Some(Popup::Help(Help { scroll: 0 })));
}

#[test]
fn key_releases_are_ignored() {
    let mut app = app();
    let mut release = event(KeyCode::Char('j'), KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.handle(Message::Key(release));
    assert_eq!(app.meetings.selected, 0);
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
fn altgr_characters_are_typed() {
    // crossterm reports AltGr as Ctrl+Alt on Windows.
    let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
    let mut app = app();
    press(&mut app, "f");
    for c in ['2', '5', '/', '8', '3', '6', '2'] {
        app.handle(Message::Key(event(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    app.handle(Message::Key(event(KeyCode::Char('@'), altgr)));
    assert_eq!(app.finder.query(), "25/8362@");
    press(&mut app, "<Esc><Enter>j<Enter>/");
    app.handle(Message::Key(event(KeyCode::Char('{'), altgr)));
    app.handle(Message::Key(event(KeyCode::Char('€'), altgr)));
    assert_eq!(app.search.query, "{€");
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
fn m_shows_every_message_in_full_and_esc_closes_it() {
    let mut app = app_sized(60, 20);
    press(&mut app, "<C-n>");
    let first = app.message.clone().unwrap();
    press(&mut app, "d");
    let second = app.message.clone().unwrap();
    assert!(
        first.len() > 40,
        "long enough to be cut in a status line: {first}"
    );
    press(&mut app, "M");
    assert!(matches!(app.popup, Some(Popup::Messages(_))));
    assert_eq!(app.log.messages(), [first.clone(), second.clone()]);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(60, 20)).unwrap();
    terminal
        .draw(|frame| crate::tui::ui::draw(frame, &app))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let screen: String = (0..20)
        .map(|y| (0..60).map(|x| buffer[(x, y)].symbol()).collect::<String>() + "\n")
        .collect();
    // Wrapped, but whole: every word of the long message is on screen.
    for word in first.split_whitespace() {
        assert!(screen.contains(word), "{word:?} in\n{screen}");
    }
    assert!(screen.contains("Messages (2)"), "{screen}");
    press(&mut app, "<Esc>");
    assert_eq!(app.popup, None);
}

#[test]
fn p_lists_the_files_with_problems_and_enter_opens_one_in_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), testing::MARCH).unwrap();
    std::fs::write(dir.path().join("note.txt"), "Not minutes at all.").unwrap();
    let mut app = App::new(Corpus::load(&[dir.path().to_path_buf()]));
    app.handle(Message::Action(Action::Resize {
        width: 100,
        height: 30,
    }));
    press(&mut app, "P");
    let Some(Popup::Problems(problems)) = &app.popup else {
        panic!("no problems view")
    };
    assert!(
        problems.rows.iter().all(|r| r.source.ends_with("note.txt")),
        "{:?}",
        problems.rows
    );
    assert!(problems.rows[0].failed);
    match press(&mut app, "<Enter>") {
        Effect::Edit { file, line } => {
            assert_eq!(file, dir.path().join("note.txt"));
            assert_eq!(line, 1);
        }
        other => panic!("{other:?}"),
    }
    press(&mut app, "<Esc>");
    assert_eq!(app.popup, None);
}

#[test]
fn a_message_too_long_for_the_status_line_points_to_the_log() {
    let draw = |app: &App, width: u16| -> String {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 12)).unwrap();
        terminal
            .draw(|frame| crate::tui::ui::draw(frame, app))
            .unwrap();
        let buffer = terminal.backend().buffer();
        (0..width).map(|x| buffer[(x, 11)].symbol()).collect()
    };
    let mut app = app_sized(50, 12);
    press(&mut app, "<C-n>");
    let message = app.message.clone().unwrap();
    let status = draw(&app, 50);
    assert!(message.len() > 50);
    assert!(status.trim_end().ends_with("M: all of it"), "{status}");
    // With room, the message is whole and the position gives way to it.
    let mut app = app_sized(120, 12);
    press(&mut app, "<C-n>");
    let status = draw(&app, 120);
    assert!(status.contains(&message), "{status}");
    assert!(!status.contains("M: all of it"));
}

#[test]
fn e_opens_text_in_the_editor_and_pdfs_and_portal_pages_in_a_viewer() {
    let dir = tempfile::tempdir().unwrap();
    let mut expect = Vec::new();
    for (name, wanted) in [("a.txt", "edit"), ("b.PDF", "pdf"), ("c.html", "page")] {
        let path = dir.path().join(name);
        // The browser reads the text below; the file need only exist.
        std::fs::write(&path, "bytes the editor must not be shown").unwrap();
        expect.push((path, wanted));
    }
    let texts = expect
        .iter()
        .enumerate()
        .map(|(n, (path, _))| {
            let text = testing::MARCH.replace("25-03-2025", &format!("2{n}-03-2025"));
            (path.to_string_lossy().into_owned(), text)
        })
        .collect::<Vec<_>>();
    let mut app = App::new(Corpus::from_texts(texts));
    for _ in 0..expect.len() {
        let source = std::path::PathBuf::from(&app.meeting().unwrap().source);
        let line = app.meeting().unwrap().items[0].line.max(1);
        let (_, wanted) = expect.iter().find(|(p, _)| *p == source).unwrap();
        let effect = press(&mut app, "e");
        let want = match *wanted {
            "edit" => Effect::Edit { file: source, line },
            "pdf" => Effect::View {
                file: source,
                line: Some(line),
            },
            _ => Effect::View {
                file: source,
                line: None,
            },
        };
        assert_eq!(effect, want);
        press(&mut app, "j");
    }
}

#[test]
fn the_zoomed_pane_names_the_zoom_key_as_bound() {
    let mut app = app_with_keys("[keys]\nzoom = \"Z\"\n");
    press(&mut app, "Z");
    assert!(app.zoom);
    let shown = testing::screen(&app);
    assert!(shown.contains("Z: all panes"), "{shown}");
    assert!(!shown.contains("z: all panes"), "{shown}");
}
