//! Key handling as state transitions: no terminal involved. The helpers are
//! here; the tests are split by feature, one module each.

use crate::tui::testing::settle;
use std::time::Duration;

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MouseButton, MouseEvent,
    MouseEventKind,
};

use crate::tui::action::{Action, Effect};
use crate::tui::app::{App, Focus, Popup};
use crate::tui::layout;
use crate::tui::live::Loaded;
use crate::tui::message::Message;
use crate::tui::testing;
use referat_core::corpus::Corpus;

mod filter;
mod finder;
mod follow;
mod fulltext;
mod jumps;
mod keys;
mod live;
mod mentions;
mod panes;
mod timeline;

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
        effect = app.handle(Message::Key(ev));
        settle(app);
        rest = &rest[len..];
    }
    effect
}

/// Types into a text popup without waiting for results between keys.
fn type_fast(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle(Message::Key(event(KeyCode::Char(c), KeyModifiers::NONE)));
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

fn fulltext_titles(app: &App) -> Vec<String> {
    app.fulltext
        .matches()
        .iter()
        .map(|m| app.corpus().get(m.at).1.title.clone())
        .collect()
}

fn app_with_keys(toml: &str) -> App {
    let config = crate::config::parse(toml, std::path::Path::new("/c.toml"), None).unwrap();
    let mut app = app();
    app.keys = crate::tui::keys::KeyTable::with_overrides(&config.keys);
    app
}

fn bundled_sized(width: u16, height: u16) -> App {
    let mut app = App::new(Corpus::bundled());
    app.update(Action::Resize { width, height });
    app
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
    app.handle(Message::Loaded(Loaded::Batch(corpus, haystacks)));
    settle(app);
}

fn finder_titles(app: &App) -> Vec<String> {
    app.finder
        .rows()
        .iter()
        .map(|r| r.title.text.clone())
        .collect()
}
