//! Rendering of the browser into ratatui's `TestBackend`: each pane, the popups,
//! many sizes, hostile text and wide characters.

use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::{Color, Modifier};

use referat::Corpus;
use referat::i18n::Lang;
use referat::theme::Theme;
use referat::tui::app::{App, Loading};
use referat::tui::look::Look;
use referat::tui::{Action, Options, testing, ui};

fn app(corpus: Corpus, width: u16, height: u16) -> App {
    let mut app = App::new(corpus);
    app.finder.settle(Duration::from_secs(10));
    app.handle(referat::tui::Message::Action(Action::Resize {
        width,
        height,
    }));
    app
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\x1b' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle(referat::tui::Message::Key(KeyEvent::new(code, mods)));
        testing::settle(app);
    }
}

fn render(app: &App) -> Terminal<TestBackend> {
    let mut term = Terminal::new(TestBackend::new(app.size.width, app.size.height)).unwrap();
    term.draw(|f| ui::draw(f, app)).unwrap();
    term
}

fn text(buffer: &Buffer) -> String {
    (0..buffer.area.height)
        .map(|y| {
            row(buffer, y)
                .into_iter()
                .map(|(_, s)| s)
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// The symbols of screen row `y` with their columns, skipping the cell hidden
/// behind each wide character.
fn row(buffer: &Buffer, y: u16) -> Vec<(u16, String)> {
    let mut out = Vec::new();
    let mut x = 0;
    while x < buffer.area.width {
        let symbol = buffer[(x, y)].symbol().to_string();
        let w = unicode_width::UnicodeWidthStr::width(symbol.as_str()).max(1) as u16;
        out.push((x, symbol));
        x += w;
    }
    out
}

/// The cell where `needle` starts on screen, searching row by row.
fn find(buffer: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_from(buffer, needle, 0)
}

/// Like [`find`], from row `top` down (row 0 holds the pane titles).
fn find_from(buffer: &Buffer, needle: &str, top: u16) -> Option<(u16, u16)> {
    for y in top..buffer.area.height {
        let cells = row(buffer, y);
        for start in 0..cells.len() {
            let mut s = String::new();
            for (_, sym) in &cells[start..] {
                if s.len() >= needle.len() {
                    break;
                }
                s.push_str(sym);
            }
            if s.starts_with(needle) {
                return Some((cells[start].0, y));
            }
        }
    }
    None
}

#[test]
fn three_panes() {
    let mut app = app(testing::corpus(), 120, 24);
    press(&mut app, "\n");
    let term = render(&app);
    insta::assert_snapshot!("three_panes", term.backend());
    let buf = term.backend().buffer();
    // The focused pane has a thick border, the others a plain one.
    let (x, y) = find(buf, "▶ Items").unwrap();
    assert_eq!(buf[(x - 2, y)].symbol(), "┏");
    assert_eq!(buf[(0, 0)].symbol(), "┌");
    // The selected row of the focused list is in reverse video.
    let (x, y) = find_from(buf, "Øvrige sager", 1).unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn items_pane_dims_closed_items_and_marks_decisions() {
    let mut app = app(testing::corpus(), 120, 24);
    press(&mut app, "j\n");
    let term = render(&app);
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "Lukket").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::DIM));
    let mut app2 = self::app(testing::corpus(), 120, 24);
    press(&mut app2, "\n");
    let term = render(&app2);
    let buf = term.backend().buffer();
    let (_, y) = find(buf, "Status på indkøb").unwrap();
    let row: String = (0..120).map(|x| buf[(x, y)].symbol().to_string()).collect();
    assert!(row.contains("✓   2 Status"), "{row}");
    assert!(row.contains("25/8362"), "{row}");
}

#[test]
fn detail_pane() {
    let mut app = app(testing::corpus(), 100, 40);
    press(&mut app, "\nj\n");
    let term = render(&app);
    insta::assert_snapshot!("detail_pane", term.backend());
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "BESLUTNING").unwrap();
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    assert_eq!(buf[(x - 2, y)].symbol(), "▌");
    let (x, y) = find(buf, "Baggrund").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn detail_scroll_indicator() {
    let mut app = app(testing::corpus(), 70, 14);
    press(&mut app, "\nj\njjj");
    let term = render(&app);
    insta::assert_snapshot!("detail_scrolled", term.backend());
    let screen = text(term.backend().buffer());
    assert!(screen.contains("4-"), "{screen}");
    assert!(screen.contains('%'), "{screen}");
}

#[test]
fn two_panes_and_one_pane() {
    let mut app = app(testing::corpus(), 80, 16);
    press(&mut app, "\n");
    insta::assert_snapshot!("two_panes", render(&app).backend());
    let mut app = self::app(testing::corpus(), 50, 16);
    press(&mut app, "\nj\n");
    insta::assert_snapshot!("one_pane", render(&app).backend());
}

#[test]
fn finder_popup() {
    let mut app = app(testing::corpus(), 100, 20);
    press(&mut app, "fkvarter");
    let term = render(&app);
    insta::assert_snapshot!("finder", term.backend());
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "Kvarterhus").unwrap();
    // `kvarter` is highlighted, the `h` after it is not.
    assert!(
        buf[(x, y)].modifier.contains(Modifier::UNDERLINED),
        "matched chars are underlined"
    );
    assert!(!buf[(x + 7, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn at_40_by_10_the_finder_shows_titles_and_no_popup_covers_the_status_line() {
    let mut app = app(testing::corpus(), 40, 10);
    let status_before = row_text(&render(&app), 9);
    press(&mut app, "fkvarter");
    let term = render(&app);
    assert!(
        find(term.backend().buffer(), "Kvarterhus").is_some(),
        "{:?}",
        term.backend()
    );
    // The status line is the last row; no popup border is drawn over it.
    let status = row_text(&term, 9);
    assert!(!status.contains('═') && !status.contains('╝'), "{status}");
    assert_eq!(status.trim().is_empty(), status_before.trim().is_empty());
    // The footer reads from its start, cut at its end.
    let footer = row_text(&term, 8);
    assert!(footer.contains(" Enter jump · "), "{footer}");
    for keys in ["\x1bS", "\x1b?"] {
        press(&mut app, keys);
        let status = row_text(&render(&app), 9);
        assert!(
            !status.contains('═') && !status.contains('╝'),
            "{keys:?}: {status}"
        );
    }
}

/// The text of row `y` of the screen.
fn row_text(term: &Terminal<TestBackend>, y: u16) -> String {
    let buf = term.backend().buffer();
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn fulltext_popup() {
    let mut app = app(testing::corpus(), 100, 24);
    press(&mut app, "Sdirektionen");
    let term = render(&app);
    insta::assert_snapshot!("fulltext", term.backend());
    let buf = term.backend().buffer();
    let screen = text(buf);
    assert!(screen.contains("Search all minutes · 2 items"), "{screen}");
    assert!(screen.contains("25-08-2025 Direktionen"), "{screen}");
    // The preview shows the hits of the selected result, each hit bold and
    // underlined, not only coloured.
    let (_, rule) = find_from(buf, "Direktionen 25-08-2025 · item 2", 1).unwrap();
    let (x, y) = find_from(buf, "Direktionen får", rule + 1).unwrap();
    for i in 0..11 {
        let m = buf[(x + i, y)].modifier;
        assert!(m.contains(Modifier::BOLD | Modifier::UNDERLINED), "{i}");
    }
    assert!(!buf[(x + 12, y)].modifier.contains(Modifier::UNDERLINED));
    // Enter: the item, its hits highlighted in the detail.
    press(&mut app, "\n");
    let term = render(&app);
    let screen = text(term.backend().buffer());
    assert!(screen.contains("S direktionen ("), "{screen}");
}

#[test]
fn finder_highlights_case_numbers() {
    let mut app = app(testing::corpus(), 100, 20);
    press(&mut app, "f8362");
    let term = render(&app);
    let buf = term.backend().buffer();
    let (x, y) = find(buf, "25/8362").unwrap();
    let lit: Vec<bool> = (0..7)
        .map(|i| buf[(x + i, y)].modifier.contains(Modifier::UNDERLINED))
        .collect();
    assert_eq!(lit, [false, false, false, true, true, true, true]);
}

#[test]
fn timeline_popup() {
    let mut app = app(testing::corpus(), 120, 20);
    press(&mut app, "\nc");
    insta::assert_snapshot!("timeline", render(&app).backend());
}

#[test]
fn help_overlay() {
    let mut app = app(testing::corpus(), 90, 50);
    press(&mut app, "?");
    insta::assert_snapshot!("help", render(&app).backend());
    let mut app = self::app(testing::corpus(), 60, 12);
    press(&mut app, "?jjjj");
    insta::assert_snapshot!("help_small_scrolled", render(&app).backend());
}

#[test]
fn decisions_view() {
    let mut app = app(testing::corpus(), 110, 24);
    press(&mut app, "G\nd");
    insta::assert_snapshot!("decisions", render(&app).backend());
}

#[test]
fn status_line_and_search_prompt() {
    let mut app = app(testing::corpus(), 120, 12);
    press(&mut app, "\nj\n/direktionen");
    let term = render(&app);
    let screen = text(term.backend().buffer());
    let status = screen.lines().last().unwrap();
    assert!(status.starts_with(" /direktionen"), "{status}");
    press(&mut app, "\n");
    let screen = text(render(&app).backend().buffer());
    let status = screen.lines().last().unwrap();
    assert!(status.contains("matches for “direktionen”"), "{status}");
    press(&mut app, "y");
    let screen = text(render(&app).backend().buffer());
    assert!(
        screen
            .lines()
            .last()
            .unwrap()
            .contains("Copied: Direktionen 25-08-2025, punkt 2")
    );
    press(&mut app, "\x1bk");
    let status = text(render(&app).backend().buffer())
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(status.contains("item 1/2"), "{status}");
    assert!(status.contains("3 meetings · 7 items"), "{status}");
    assert!(status.contains("? help"), "{status}");
}

#[test]
fn empty_corpus_is_friendly() {
    let app = app(Corpus::default(), 110, 16);
    let term = render(&app);
    insta::assert_snapshot!("empty", term.backend());
}

#[test]
fn no_size_panics() {
    let mut sizes = vec![
        (1, 1),
        (2, 1),
        (1, 2),
        (10, 3),
        (59, 20),
        (60, 20),
        (99, 30),
        (100, 30),
        (250, 80),
    ];
    for w in (0..=130).step_by(7) {
        for h in (0..=45).step_by(4) {
            sizes.push((w, h));
        }
    }
    let states = [
        "",
        "\n",
        "\nj\n",
        "\nj\njjjb",
        "fk",
        "\nc",
        "?",
        "?G",
        "d",
        "\nj\n/e",
        "Sdirektionen",
        "Szzz",
    ];
    for corpus in [testing::corpus(), Corpus::default()] {
        for keys in states {
            let mut app = app(corpus.clone(), 120, 40);
            press(&mut app, keys);
            for &(w, h) in &sizes {
                app.handle(referat::tui::Message::Action(Action::Resize {
                    width: w,
                    height: h,
                }));
                render(&app);
            }
        }
    }
}

#[test]
fn resize_storm() {
    let mut app = app(testing::corpus(), 120, 40);
    press(&mut app, "\nj\n");
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for i in 0..300u16 {
        let (w, h) = ((i * 37) % 260, (i * 13) % 90);
        app.handle(referat::tui::Message::Action(Action::Resize {
            width: w,
            height: h,
        }));
        term.backend_mut().resize(w, h);
        term.autoresize().unwrap();
        term.draw(|f| ui::draw(f, &app)).unwrap();
    }
}

#[test]
fn hostile_text_is_shown_escaped_everywhere() {
    let mut app = app(testing::hostile(), 120, 20);
    let check = |app: &App, place: &str| {
        let term = render(app);
        let buf = term.backend().buffer();
        let screen = text(buf);
        assert!(
            !screen.contains('\x1b') && !screen.contains('\x07'),
            "{place}: raw control in buffer"
        );
        assert!(screen.contains("␛]0;x"), "{place}: {screen}");
        assert!(screen.contains("␛[2J"), "{place}: {screen}");
    };
    press(&mut app, "\n");
    check(&app, "lists and detail");
    press(&mut app, "\n");
    check(&app, "detail");
    press(&mut app, "fevil");
    check(&app, "finder");
    press(&mut app, "\x1b\x1bd");
    check(&app, "decisions view");
}

#[test]
fn wide_and_combining_characters_keep_columns_aligned() {
    let text = "REFERAT Direktionen d. 01-04-2025\n\nMødedato Tirsdag d. 1. april 2025 kl. 09:30\n\n\
        Punkt 1: Cafe\u{301} og kaffe\n\n25/1\n\n\
        Punkt 2: 日本語の会議録と予算\n\n25/22\n\n\
        Punkt 3: Fest 🎉🎉 for alle\n\n25/333\n\n\
        Punkt 4: Plain title\n\n25/4444\n";
    let corpus = Corpus::from_texts([("wide.txt".to_string(), text.to_string())]);
    let mut app = app(corpus, 110, 12);
    press(&mut app, "\n");
    let term = render(&app);
    let buf = term.backend().buffer();
    let columns: Vec<u16> = ["25/1 ", "25/22", "25/333", "25/4444"]
        .iter()
        .map(|c| {
            find(buf, c)
                .unwrap_or_else(|| panic!("{c} missing:\n{}", self::text(buf)))
                .0
        })
        .collect();
    assert!(
        columns.iter().all(|&x| x == columns[0]),
        "{columns:?}\n{}",
        self::text(buf)
    );
    // The finder's title column is aligned too.
    press(&mut app, "f25");
    let term = render(&app);
    let buf = term.backend().buffer();
    let starts: Vec<u16> = ["Cafe\u{301}", "日本語", "Fest", "Plain"]
        .iter()
        .map(|t| {
            find_from(buf, t, 1)
                .unwrap_or_else(|| panic!("{t} missing:\n{}", self::text(buf)))
                .0
        })
        .collect();
    assert!(
        starts.iter().all(|&x| x == starts[0]),
        "{starts:?}\n{}",
        self::text(buf)
    );
}

#[test]
fn bundled_sample_renders_at_every_item() {
    let corpus = Corpus::bundled();
    let mut app = app(corpus, 120, 40);
    for _ in 0..app.meeting_count() {
        press(&mut app, "\n");
        let n = app.meeting().map_or(0, |m| m.items.len());
        for _ in 0..n {
            for (w, h) in [(120, 40), (70, 20), (40, 10)] {
                app.handle(referat::tui::Message::Action(Action::Resize {
                    width: w,
                    height: h,
                }));
                render(&app);
            }
            press(&mut app, "j");
        }
        press(&mut app, "hj");
    }
}

#[test]
fn timeline_with_case_history() {
    let text = "REFERAT Direktionen d. 25-08-2025\n\nMødedato Mandag d. 25. august 2025 kl. 12:00\n\n\
        Punkt 1: Havnens Perle\n\nEMN-2025-003383\n\nBeslutning\n\nFremsendes til Teknisk Udvalg.\n\n\
        Sagsforløb\n\nUdvalg: Aarhus Byråd\nDato: 26-03-2025\nPunktnummer: 21\n\
        Sagens behandling blev udsat.\n";
    let corpus = Corpus::from_texts([("h.txt".to_string(), text.to_string())]);
    let mut app = app(corpus, 100, 12);
    press(&mut app, "c");
    insta::assert_snapshot!("timeline_history", render(&app).backend());
}

fn app_with(corpus: Corpus, look: Look, width: u16, height: u16) -> App {
    let options = Options {
        look,
        ..Options::default()
    };
    let mut app = options.app(corpus);
    app.finder.settle(Duration::from_secs(10));
    app.handle(referat::tui::Message::Action(Action::Resize {
        width,
        height,
    }));
    app
}

#[test]
fn interface_in_danish_and_in_english() {
    let da = Look {
        lang: Lang::Da,
        ..Look::default()
    };
    let mut app = app_with(testing::corpus(), da, 120, 30);
    press(&mut app, "\nj\n");
    let term = render(&app);
    insta::assert_snapshot!("danish", term.backend());
    let screen = text(term.backend().buffer());
    for danish in [
        "Møder (3)",
        "Punkter · Direktionen 25-08-2025",
        "Punkt 2 · Status på indkøb",
        "Sag 25/8362",
        "Direktionen 25-08-2025 · punkt 2",
        "linje 1-",
        "3 møder · 7 punkter · 1 fil med advarsler",
    ] {
        assert!(screen.contains(danish), "{danish} missing:\n{screen}");
    }
    press(&mut app, "\x1b?");
    let screen = text(render(&app).backend().buffer());
    assert!(screen.contains("Taster"), "{screen}");
    assert!(screen.contains("gå til næste rude"), "{screen}");

    let mut app = app_with(testing::corpus(), Look::default(), 120, 30);
    press(&mut app, "\nj\n");
    let screen = text(render(&app).backend().buffer());
    for english in [
        "Meetings (3)",
        "Items · Direktionen 25-08-2025",
        "Item 2 · Status på indkøb",
        "Case 25/8362",
        "Direktionen 25-08-2025 · item 2",
        "3 meetings · 7 items · 1 file with warnings",
    ] {
        assert!(screen.contains(english), "{english} missing:\n{screen}");
    }
}

#[test]
fn iso_dates_when_configured() {
    let iso = Look {
        dates: referat::config::DateFormat::Iso,
        ..Look::default()
    };
    let app = app_with(testing::corpus(), iso, 120, 20);
    let screen = text(render(&app).backend().buffer());
    assert!(screen.contains("2025-08-25 Direktionen"), "{screen}");
    assert!(!screen.contains("25-08-2025"), "{screen}");
}

#[test]
fn no_color_still_shows_selection_and_decisions() {
    let mono = Look {
        theme: Theme::from_config(referat::config::ThemeName::Dark, true),
        ..Look::default()
    };
    let mut app = app_with(testing::corpus(), mono, 120, 30);
    press(&mut app, "\nj\n/direktionen\n");
    let term = render(&app);
    let buf = term.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "colour at {x},{y}"
            );
        }
    }
    // The decision heading is reversed and bold, its lines carry the bar.
    let (x, y) = find(buf, "BESLUTNING").unwrap();
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::REVERSED | Modifier::BOLD)
    );
    assert_eq!(buf[(x - 2, y)].symbol(), "▌");
    // The selected item is underlined (its pane is not focused); search hits
    // are reversed.
    let (x, y) = find_from(buf, "Status på", 2).unwrap();
    assert!(
        buf[(x, y)]
            .modifier
            .contains(Modifier::UNDERLINED | Modifier::BOLD)
    );
    let (x, y) = find_from(buf, "Direktionen får", 1).unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    // In a focused list, the selection is reverse video.
    press(&mut app, "\x1b");
    let term = render(&app);
    let buf = term.backend().buffer();
    let (x, y) = find_from(buf, "Status på", 2).unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn high_contrast_paints_every_cell() {
    let look = Look {
        theme: Theme::from_config(referat::config::ThemeName::HighContrast, false),
        ..Look::default()
    };
    let mut app = app_with(testing::corpus(), look, 100, 24);
    press(&mut app, "\nj\n");
    let term = render(&app);
    let buf = term.backend().buffer();
    let unpainted = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == Color::Reset)
        .count();
    assert_eq!(unpainted, 0);
}

#[test]
fn loading_shows_a_spinner_not_an_empty_corpus() {
    let mut app = app(Corpus::default(), 100, 12);
    app.loading = Some(Loading {
        frame: 2,
        seconds: 3,
        done: 0,
        total: 0,
    });
    app.sync();
    let screen = text(render(&app).backend().buffer());
    assert!(screen.contains("⠹ Reading the minutes… 3 s"), "{screen}");
    assert!(!screen.contains("No minutes loaded"), "{screen}");
    // Once the folders are listed, the count of files read shows.
    app.loading = Some(Loading {
        frame: 3,
        seconds: 4,
        done: 1234,
        total: 10_000,
    });
    let screen = text(render(&app).backend().buffer());
    assert!(
        screen.contains("⠸ Reading the minutes… 1234 of 10000 files, 4 s"),
        "{screen}"
    );
    app.loading = None;
    app.sync();
    let screen = text(render(&app).backend().buffer());
    assert!(screen.contains("No minutes loaded"), "{screen}");
}

/// Titles of the shape that made a portal's items unreadable: long, alike in
/// their first words, with long case numbers.
fn alike_titles() -> Corpus {
    let titles = [
        (
            "Forslag fra M om styrket implementering af relationel velfærd",
            "EMN-2025-008774",
        ),
        (
            "Forslag fra M om International Aarhus 2.0",
            "EMN-2025-008892",
        ),
        (
            "Forslag fra EL og Viggo Jonasen, UFP, om særskilt budgettering af specialundervisning",
            "EMN-2025-008908",
        ),
        (
            "Forslag fra EL og Viggo Jonasen, UFP, om tabt arbejdsfortjeneste ved skolevægring og lignende",
            "EMN-2025-008910",
        ),
    ];
    let mut text = String::from(
        "REFERAT Byrådet d. 27-08-2025\n\nMødedato Onsdag d. 27. august 2025 kl. 16:00\n\n",
    );
    for (n, (title, case)) in titles.iter().enumerate() {
        text.push_str(&format!("Punkt {}: {title}\n\n{case}\n\n", n + 1));
    }
    Corpus::from_texts([("alike.txt".to_string(), text)])
}

/// The title cells of the items pane, row by row.
fn item_rows(buf: &Buffer) -> Vec<String> {
    let (x0, y0) = find(buf, "▶ Items").expect("items pane focused");
    let right = (x0..buf.area.width)
        .find(|&x| buf[(x, y0)].symbol() == "┓")
        .unwrap();
    (y0 + 1..buf.area.height - 1)
        .map(|y| {
            (x0 - 2..right)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .take_while(|r| !r.contains('━'))
        .filter(|r| r.chars().any(char::is_alphanumeric))
        .collect()
}

#[test]
fn at_130_columns_alike_titles_read_to_their_distinguishing_words() {
    let mut app = app(alike_titles(), 130, 35);
    press(&mut app, "\n");
    let buf = render(&app).backend().buffer().clone();
    let rows = item_rows(&buf);
    assert_eq!(rows.len(), 4, "{}", text(&buf));
    for wanted in [
        "Forslag fra M om styrket",
        "Forslag fra M om International Aarhus 2.0",
        "UFP, om sær",
        "UFP, om tab",
    ] {
        assert!(
            rows.iter().any(|r| r.contains(wanted)),
            "{wanted:?} not in\n{}",
            rows.join("\n")
        );
    }
    // The case column gave way to its tail, which still tells them apart.
    assert!(
        rows[0].contains("008774") && rows[1].contains("008892"),
        "{rows:?}"
    );
}

#[test]
fn at_200_columns_no_title_of_the_sample_is_cut() {
    let mut app = app(testing::corpus(), 200, 60);
    press(&mut app, "\n");
    for _ in 0..app.meeting_count() {
        let buf = render(&app).backend().buffer().clone();
        let rows = item_rows(&buf);
        assert!(!rows.is_empty());
        for r in &rows {
            assert!(!r.contains('…'), "cut at 200 columns: {r}");
        }
        press(&mut app, "\x1bj\n");
    }
}

#[test]
fn zoom_shows_the_focused_pane_alone_and_says_how_back() {
    let mut app = app(alike_titles(), 120, 20);
    press(&mut app, "\nz");
    let buf = render(&app).backend().buffer().clone();
    let screen = text(&buf);
    assert!(!screen.contains("Meetings ("), "{screen}");
    assert!(screen.contains("z: all panes"), "{screen}");
    let rows = item_rows(&buf);
    assert!(rows[3].contains("skolevægring og lignende"), "{rows:?}");
    press(&mut app, "z");
    assert!(text(render(&app).backend().buffer()).contains("Meetings ("));
}

#[test]
fn meeting_page_shows_facts_and_contents_with_pages() {
    let mut app = app(testing::corpus(), 100, 30);
    press(&mut app, "i");
    let term = render(&app);
    insta::assert_snapshot!("meeting_page", term.backend());
    let screen = text(term.backend().buffer());
    let m = app
        .corpus()
        .meeting(app.corpus().id_at(app.meeting_count() - 1).unwrap())
        .unwrap();
    for item in &m.items {
        assert!(
            screen.contains(&item.title[..item.title.len().min(20)]),
            "{screen}"
        );
    }
    assert!(screen.contains("Source"), "{screen}");
    // The status line stays visible under the page, with its keys.
    let status = screen.lines().last().unwrap().to_string();
    assert!(status.contains("Esc close"), "{status}");
}

#[test]
fn the_filter_popup_counts_each_choice_and_the_pane_title_names_the_filter() {
    let mut app = app(testing::corpus(), 100, 20);
    press(&mut app, "F");
    let term = render(&app);
    insta::assert_snapshot!("filter_popup", term.backend());
    let screen = text(term.backend().buffer());
    assert!(screen.contains("Filter meetings (3 of 3)"), "{screen}");
    // Choose Direktionen (the second forum), then close.
    press(&mut app, "j\n\x1b");
    let term = render(&app);
    insta::assert_snapshot!("filtered_meetings", term.backend());
    let screen = text(term.backend().buffer());
    assert!(screen.contains("Meetings (2 of 3)"), "{screen}");
    // Too narrow to name the filter in the title: the bottom border does.
    let bottom = screen.lines().nth(18).unwrap();
    assert!(bottom.contains(" Direktionen "), "{bottom}");
    assert!(!screen.contains("Chefforum"), "{screen}");
    // Zoomed, the title has the room.
    press(&mut app, "z");
    let screen = text(render(&app).backend().buffer());
    assert!(
        screen.contains("Meetings (2 of 3 · Direktionen)"),
        "{screen}"
    );
}

#[test]
fn problems_name_each_file_whole_where_paths_share_a_long_start() {
    let folder = "/home/reader/referater/kommunen/byraadet/2025/downloads/portal";
    let corpus = Corpus::from_texts([
        (
            format!("{folder}/referat-a.txt"),
            testing::MARCH.to_string(),
        ),
        (format!("{folder}/noter-b.txt"), "Just a note.".to_string()),
        (format!("{folder}/noter-c.txt"), "Another note.".to_string()),
    ]);
    let mut app = app(corpus, 80, 16);
    press(&mut app, "P");
    let screen = text(render(&app).backend().buffer());
    assert!(screen.contains("portal/noter-b.txt"), "{screen}");
    assert!(screen.contains("portal/noter-c.txt"), "{screen}");
    assert!(
        !screen.contains("referat-a.txt"),
        "no findings there: {screen}"
    );
}

#[test]
fn a_short_meeting_page_keeps_its_contents_in_sight() {
    let mut app = app(Corpus::bundled(), 40, 10);
    press(&mut app, "i");
    let screen = text(render(&app).backend().buffer());
    // The first item of the newest meeting, under the facts.
    let m = app
        .corpus()
        .meeting(
            app.corpus()
                .id_at(app.corpus().meetings().len() - 1)
                .unwrap(),
        )
        .unwrap();
    let (first, second) = (m.items[0].title.clone(), m.items[1].title.clone());
    assert!(screen.contains(&first[..first.len().min(8)]), "{screen}");
    press(&mut app, "j");
    let screen = text(render(&app).backend().buffer());
    assert!(screen.contains(&second[..second.len().min(8)]), "{screen}");
}
