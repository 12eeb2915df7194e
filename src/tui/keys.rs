//! The key map: one table of bindings, each with a description.
//!
//! The help overlay and the status-line hints are generated from [`BINDINGS`], so
//! what the screen says and what the keys do cannot drift apart. Lookup goes from
//! the most specific scope to the most general one, so `/` can mean "finder" in
//! the lists and "search the text" in the detail pane.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// A key as bindings see it: a code and whether Ctrl was held. Shift is part of
/// the character (`G`, `N`, `?`), so it is not tracked separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}

impl Key {
    /// The key for a crossterm event; `None` for releases and Alt combinations,
    /// which the browser does not use.
    pub fn from_event(event: KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release || event.modifiers.contains(KeyModifiers::ALT) {
            return None;
        }
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Some(Key { code, ctrl })
    }

    /// How the key is written in help and hints.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// Where the user is when a key arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Meetings,
    Items,
    Detail,
    Finder,
    /// The full-text search popup.
    FullText,
    /// Typing a search in the detail pane.
    Search,
    Timeline,
    Help,
}

impl Context {
    /// Contexts where printable keys are text, not commands.
    pub fn is_text(self) -> bool {
        matches!(self, Context::Finder | Context::FullText | Context::Search)
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, even while typing.
    Always,
    /// The three panes.
    Panes,
    /// The meetings and items panes.
    Lists,
    Detail,
    /// The finder and the full-text search popup: moving and editing.
    Prompts,
    Finder,
    FullText,
    Search,
    /// The timeline and help popups.
    Popups,
    Timeline,
    Help,
}

impl Scope {
    fn applies(self, ctx: Context) -> bool {
        use Context as C;
        match self {
            Scope::Always => true,
            Scope::Panes => matches!(ctx, C::Meetings | C::Items | C::Detail),
            Scope::Lists => matches!(ctx, C::Meetings | C::Items),
            Scope::Detail => ctx == C::Detail,
            Scope::Prompts => matches!(ctx, C::Finder | C::FullText),
            Scope::Finder => ctx == C::Finder,
            Scope::FullText => ctx == C::FullText,
            Scope::Search => ctx == C::Search,
            Scope::Popups => matches!(ctx, C::Timeline | C::Help),
            Scope::Timeline => ctx == C::Timeline,
            Scope::Help => ctx == C::Help,
        }
    }

    /// Lower is more specific and wins.
    fn rank(self) -> u8 {
        match self {
            Scope::Detail
            | Scope::Finder
            | Scope::FullText
            | Scope::Search
            | Scope::Timeline
            | Scope::Help => 0,
            Scope::Lists | Scope::Popups | Scope::Prompts => 1,
            Scope::Panes => 2,
            Scope::Always => 3,
        }
    }

    /// Section title in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Scope::Always => "Everywhere",
            Scope::Panes => "Panes",
            Scope::Lists => "Meetings and items panes",
            Scope::Detail => "Detail pane",
            Scope::Prompts => "Finder and full-text search",
            Scope::Finder => "Finder (type to match: 'exact ^prefix !not suffix$)",
            Scope::FullText => "Full-text search (every word must occur; \"a phrase\")",
            Scope::Search => "Search prompt (type the text to find)",
            Scope::Popups => "Timeline and help",
            Scope::Timeline => "Case timeline",
            Scope::Help => "Help",
        }
    }
}

/// One key binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the binding does, for the help overlay.
    pub desc: &'static str,
    /// A short label for the status line, for the most useful keys.
    pub hint: Option<&'static str>,
}

const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    desc: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        desc,
        hint,
    }
}

use Action as A;
use KeyCode as K;
use Scope as S;

/// Every binding, in the order the help overlay lists them.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(S::Always, &[ctrl('c')], A::Quit, "quit", None),
    bind(S::Panes, &[ch('q')], A::Quit, "quit (Esc closes a popup first)", Some("quit")),
    bind(S::Panes, &[ch('?'), code(K::F(1))], A::ToggleHelp, "help: every key", Some("help")),
    bind(S::Panes, &[code(K::Tab)], A::FocusNext, "focus the next pane", None),
    bind(S::Panes, &[code(K::BackTab)], A::FocusPrev, "focus the previous pane", None),
    bind(S::Panes, &[ch('h'), code(K::Left)], A::FocusLeft, "focus the pane to the left", None),
    bind(S::Panes, &[ch('l'), code(K::Right)], A::FocusRight, "focus the pane to the right", None),
    bind(S::Panes, &[ch('j'), code(K::Down)], A::Down, "next row, or scroll the detail down", None),
    bind(S::Panes, &[ch('k'), code(K::Up)], A::Up, "previous row, or scroll the detail up", None),
    bind(S::Panes, &[ch('g'), code(K::Home)], A::Top, "first row, or top of the detail", None),
    bind(S::Panes, &[ch('G'), code(K::End)], A::Bottom, "last row, or bottom of the detail", None),
    bind(S::Panes, &[ctrl('d')], A::HalfPageDown, "half a page down", None),
    bind(S::Panes, &[ctrl('u')], A::HalfPageUp, "half a page up", None),
    bind(S::Panes, &[code(K::PageDown), ch(' ')], A::PageDown, "a page down", None),
    bind(S::Panes, &[code(K::PageUp)], A::PageUp, "a page up", None),
    bind(S::Panes, &[ch('f')], A::OpenFinder, "finder: any item of any meeting", Some("find")),
    bind(S::Panes, &[ch('S')], A::OpenFullText, "full-text search in every item's text", Some("search all")),
    bind(S::Panes, &[ch('b')], A::NextDecision, "next Beslutning (from a list: open the item there)", Some("decision")),
    bind(S::Panes, &[ch('B')], A::PrevDecision, "previous Beslutning", None),
    bind(S::Panes, &[ch('c')], A::Timeline, "case timeline of the selected item", Some("case")),
    bind(S::Panes, &[ch('d')], A::ToggleDecisions, "decisions-only view of the meeting", Some("decisions")),
    bind(S::Panes, &[ch('y')], A::Copy, "copy a citation of the item (OSC 52)", Some("cite")),
    bind(S::Lists, &[code(K::Enter)], A::Enter, "meeting → its items; item → its detail", Some("open")),
    bind(S::Lists, &[ch('/')], A::OpenFinder, "finder (as f)", None),
    bind(S::Detail, &[ch('/')], A::StartSearch, "search the item's text", Some("search")),
    bind(S::Detail, &[ch('n')], A::NextHit, "next search hit", None),
    bind(S::Detail, &[ch('N')], A::PrevHit, "previous search hit", None),
    bind(S::Detail, &[ch(']')], A::NextSection, "next section", Some("section")),
    bind(S::Detail, &[ch('[')], A::PrevSection, "previous section", None),
    bind(S::Detail, &[code(K::Esc)], A::Back, "back to the items", None),
    bind(S::Prompts, &[code(K::Down), ctrl('n')], A::Down, "next match", None),
    bind(S::Prompts, &[code(K::Up), ctrl('p')], A::Up, "previous match", None),
    bind(S::Prompts, &[code(K::PageDown)], A::PageDown, "a page of matches down", None),
    bind(S::Prompts, &[code(K::PageUp)], A::PageUp, "a page of matches up", None),
    bind(S::Prompts, &[code(K::Backspace)], A::Backspace, "delete a character", None),
    bind(S::Prompts, &[ctrl('w')], A::DeleteWord, "delete a word", None),
    bind(S::Prompts, &[ctrl('u')], A::ClearInput, "clear the query", None),
    bind(S::Finder, &[code(K::Enter)], A::Enter, "jump to the match", Some("jump")),
    bind(S::Finder, &[code(K::Esc)], A::Back, "close, restoring the previous selection", Some("close")),
    bind(S::FullText, &[code(K::Enter)], A::Enter, "open the item at the hit; n/N then step through its hits", Some("open")),
    bind(S::FullText, &[code(K::Esc)], A::Back, "close, restoring the previous selection", Some("close")),
    bind(S::Search, &[code(K::Enter)], A::Enter, "keep the search; n/N step through hits", Some("keep")),
    bind(S::Search, &[code(K::Esc)], A::Back, "cancel the search", Some("cancel")),
    bind(S::Search, &[code(K::Backspace)], A::Backspace, "delete a character", None),
    bind(S::Search, &[ctrl('u')], A::ClearInput, "clear the search", None),
    bind(S::Popups, &[ch('q')], A::Quit, "quit", None),
    bind(S::Popups, &[ch('j'), code(K::Down)], A::Down, "down", None),
    bind(S::Popups, &[ch('k'), code(K::Up)], A::Up, "up", None),
    bind(S::Popups, &[ch('g'), code(K::Home)], A::Top, "top", None),
    bind(S::Popups, &[ch('G'), code(K::End)], A::Bottom, "bottom", None),
    bind(S::Popups, &[code(K::PageDown), ch(' ')], A::PageDown, "a page down", None),
    bind(S::Popups, &[code(K::PageUp)], A::PageUp, "a page up", None),
    bind(S::Timeline, &[code(K::Enter)], A::Enter, "jump to that item", Some("jump")),
    bind(S::Timeline, &[code(K::Esc), ch('c')], A::Back, "close", Some("close")),
    bind(S::Help, &[code(K::Esc), ch('?'), code(K::F(1))], A::Back, "close help", Some("close")),
];

/// The action for `key` in `ctx`, if any. Printable keys become text input in
/// the finder and the search prompt.
pub fn lookup(ctx: Context, key: Key) -> Option<Action> {
    let found = BINDINGS
        .iter()
        .filter(|b| b.scope.applies(ctx) && b.keys.contains(&key))
        .min_by_key(|b| b.scope.rank())
        .map(|b| b.action);
    match (found, key.code) {
        (Some(action), _) => Some(action),
        (None, KeyCode::Char(c)) if ctx.is_text() && !key.ctrl => Some(Action::Input(c)),
        _ => None,
    }
}

/// The keys of a binding as shown to the user: `j ↓`.
pub fn keys_label(binding: &Binding) -> String {
    binding
        .keys
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Status-line hints for a context: `f find`, `? help`, …, most specific first.
pub fn hints(ctx: Context) -> Vec<(String, &'static str)> {
    let mut found: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.hint.is_some() && b.scope.applies(ctx))
        .collect();
    found.sort_by_key(|b| b.scope.rank());
    found
        .into_iter()
        .map(|b| (b.keys[0].label(), b.hint.unwrap_or_default()))
        .collect()
}

/// The help overlay's lines: a title per scope, then `keys  description` rows.
pub fn help_lines() -> Vec<(Option<String>, String)> {
    let order = [
        S::Panes,
        S::Lists,
        S::Detail,
        S::Finder,
        S::FullText,
        S::Prompts,
        S::Search,
        S::Timeline,
        S::Popups,
        S::Help,
        S::Always,
    ];
    let mut lines = Vec::new();
    for scope in order {
        if !lines.is_empty() {
            lines.push((None, String::new()));
        }
        lines.push((None, scope.title().to_string()));
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            lines.push((Some(keys_label(b)), b.desc.to_string()));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn ev(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent {
            code,
            modifiers,
            kind: KeyEventKind::Press,
            state: KeyEventState::NONE,
        }
    }

    #[test]
    fn slash_depends_on_the_pane() {
        assert_eq!(lookup(Context::Items, ch('/')), Some(A::OpenFinder));
        assert_eq!(lookup(Context::Meetings, ch('/')), Some(A::OpenFinder));
        assert_eq!(lookup(Context::Detail, ch('/')), Some(A::StartSearch));
        assert_eq!(lookup(Context::Finder, ch('/')), Some(A::Input('/')));
        assert_eq!(lookup(Context::FullText, ch('/')), Some(A::Input('/')));
    }

    #[test]
    fn full_text_search_opens_from_every_pane_and_types_text() {
        for ctx in [Context::Meetings, Context::Items, Context::Detail] {
            assert_eq!(lookup(ctx, ch('S')), Some(A::OpenFullText));
        }
        assert_eq!(lookup(Context::FullText, ch('S')), Some(A::Input('S')));
        assert_eq!(lookup(Context::FullText, ch('n')), Some(A::Input('n')));
        assert_eq!(lookup(Context::FullText, code(K::Enter)), Some(A::Enter));
        assert_eq!(lookup(Context::FullText, code(K::Esc)), Some(A::Back));
        assert_eq!(lookup(Context::FullText, ctrl('n')), Some(A::Down));
        assert_eq!(lookup(Context::FullText, ctrl('w')), Some(A::DeleteWord));
    }

    #[test]
    fn typing_contexts_take_letters_as_text() {
        assert_eq!(lookup(Context::Finder, ch('q')), Some(A::Input('q')));
        assert_eq!(lookup(Context::Search, ch('j')), Some(A::Input('j')));
        assert_eq!(lookup(Context::Finder, ctrl('c')), Some(A::Quit));
        assert_eq!(lookup(Context::Finder, ctrl('n')), Some(A::Down));
        assert_eq!(lookup(Context::Items, ctrl('u')), Some(A::HalfPageUp));
        assert_eq!(lookup(Context::Finder, ctrl('u')), Some(A::ClearInput));
    }

    #[test]
    fn popups_quit_on_q_and_close_on_esc() {
        assert_eq!(lookup(Context::Help, ch('q')), Some(A::Quit));
        assert_eq!(lookup(Context::Help, code(K::Esc)), Some(A::Back));
        assert_eq!(lookup(Context::Timeline, ch('c')), Some(A::Back));
        assert_eq!(lookup(Context::Items, ch('c')), Some(A::Timeline));
    }

    #[test]
    fn events_become_keys() {
        let shift_g = ev(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(shift_g), Some(ch('G')));
        let shift_tab = ev(KeyCode::Tab, KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(shift_tab), Some(code(K::BackTab)));
        let ctrl_d = ev(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(Key::from_event(ctrl_d), Some(ctrl('d')));
        let mut release = ev(KeyCode::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(Key::from_event(release), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.scope == b.scope {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{:?} bound twice in {:?}", k, a.scope);
                    }
                }
            }
        }
    }

    #[test]
    fn every_contract_key_is_in_help() {
        let help: String = help_lines()
            .into_iter()
            .map(|(k, d)| format!("{} {d}\n", k.unwrap_or_default()))
            .collect();
        for label in [
            "q",
            "Ctrl-c",
            "?",
            "F1",
            "Tab",
            "Shift-Tab",
            "h",
            "l",
            "←",
            "→",
            "j",
            "k",
            "↓",
            "↑",
            "g",
            "G",
            "Home",
            "End",
            "Ctrl-d",
            "Ctrl-u",
            "PgDn",
            "PgUp",
            "Space",
            "Enter",
            "f",
            "/",
            "n",
            "N",
            "b",
            "B",
            "]",
            "[",
            "c",
            "d",
            "y",
            "Esc",
            "Ctrl-n",
            "Ctrl-p",
            "S",
        ] {
            assert!(
                help.split_whitespace().any(|w| w == label),
                "{label} missing from help"
            );
        }
    }
}
