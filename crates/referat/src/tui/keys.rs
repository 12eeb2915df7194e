//! The key map: one table of bindings, each with a description.
//!
//! [`BINDINGS`] are the defaults; a [`KeyTable`] is what is in effect, the
//! defaults with the configuration's `[keys]` overrides applied. The help
//! overlay and the status-line hints are generated from the table in effect,
//! so what the screen says and what the keys do cannot drift apart. Lookup goes
//! from the most specific scope to the most general one, so `/` can mean
//! "finder" in the lists and "search the text" in the detail pane.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use crate::config::{KeyBinding, KeyMap, tui_action};
use crate::i18n::{Lang, Msg};

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
    /// which the browser does not use. AltGr, which crossterm reports as
    /// Ctrl+Alt on Windows (`@`, `{`, `€` on many layouts), is the character
    /// it types.
    pub fn from_event(event: KeyEvent) -> Option<Key> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        if event.modifiers.contains(altgr)
            && let KeyCode::Char(c) = event.code
            && !c.is_control()
        {
            return Some(ch(c));
        }
        if event.modifiers.contains(KeyModifiers::ALT) {
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

    /// The key a configuration entry names.
    pub fn from_binding(binding: KeyBinding) -> Key {
        Key {
            code: binding.code,
            ctrl: binding.ctrl(),
        }
    }

    /// Whether typing this key in a text field would insert a character.
    pub fn is_printable(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl
    }

    /// How the key is written in help and hints.
    pub fn label(self, lang: Lang) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => Msg::KeySpace.text(lang).to_string(),
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
    /// The message log.
    Messages,
    /// The problems view.
    Problems,
    /// A meeting's page.
    MeetingPage,
    /// The meetings filter.
    Filter,
    /// The watch list.
    Watch,
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
    /// The timeline, help and message log popups.
    Popups,
    Timeline,
    Help,
    Messages,
    Problems,
    MeetingPage,
    Filter,
    Watch,
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
            Scope::Popups => matches!(
                ctx,
                C::Timeline
                    | C::Help
                    | C::Messages
                    | C::Problems
                    | C::MeetingPage
                    | C::Filter
                    | C::Watch
            ),
            Scope::Timeline => ctx == C::Timeline,
            Scope::Help => ctx == C::Help,
            Scope::Messages => ctx == C::Messages,
            Scope::Problems => ctx == C::Problems,
            Scope::MeetingPage => ctx == C::MeetingPage,
            Scope::Filter => ctx == C::Filter,
            Scope::Watch => ctx == C::Watch,
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
            | Scope::Help
            | Scope::Messages
            | Scope::Problems
            | Scope::MeetingPage
            | Scope::Filter
            | Scope::Watch => 0,
            Scope::Lists | Scope::Popups | Scope::Prompts => 1,
            Scope::Panes => 2,
            Scope::Always => 3,
        }
    }

    /// Section title in the help overlay.
    pub fn title(self) -> Msg {
        match self {
            Scope::Always => Msg::ScopeAlways,
            Scope::Panes => Msg::ScopePanes,
            Scope::Lists => Msg::ScopeLists,
            Scope::Detail => Msg::ScopeDetail,
            Scope::Prompts => Msg::ScopePrompts,
            Scope::Finder => Msg::ScopeFinder,
            Scope::FullText => Msg::ScopeFullText,
            Scope::Search => Msg::ScopeSearch,
            Scope::Popups => Msg::ScopePopups,
            Scope::Timeline => Msg::ScopeTimeline,
            Scope::Help => Msg::ScopeHelp,
            Scope::Messages => Msg::ScopeMessages,
            Scope::Problems => Msg::ScopeProblems,
            Scope::MeetingPage => Msg::ScopeMeetingPage,
            Scope::Filter => Msg::ScopeFilter,
            Scope::Watch => Msg::ScopeWatch,
        }
    }

    /// Scopes where printable keys are text: a remapped action keeps its
    /// default keys there rather than swallow a letter.
    fn is_text(self) -> bool {
        matches!(
            self,
            Scope::Prompts | Scope::Finder | Scope::FullText | Scope::Search
        )
    }
}

/// One default key binding.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    /// What the binding does, for the help overlay.
    pub desc: Msg,
    /// A short label for the status line, for the most useful keys.
    pub hint: Option<Msg>,
}

const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    desc: Msg,
    hint: Option<Msg>,
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
use Msg as M;
use Scope as S;

/// Every default binding, in the order the help overlay lists them.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(S::Always, &[ctrl('c')], A::Quit, M::DescQuit, None),
    bind(S::Panes, &[ch('q')], A::Quit, M::DescQuitPanes, Some(M::HintQuit)),
    bind(S::Panes, &[ch('?'), code(K::F(1))], A::ToggleHelp, M::DescHelp, Some(M::HintHelp)),
    bind(S::Panes, &[code(K::Tab)], A::FocusNext, M::DescFocusNext, None),
    bind(S::Panes, &[code(K::BackTab)], A::FocusPrev, M::DescFocusPrev, None),
    bind(S::Panes, &[ch('h'), code(K::Left)], A::FocusLeft, M::DescFocusLeft, None),
    bind(S::Panes, &[ch('l'), code(K::Right)], A::FocusRight, M::DescFocusRight, None),
    bind(S::Panes, &[ch('j'), code(K::Down)], A::Down, M::DescDown, None),
    bind(S::Panes, &[ch('k'), code(K::Up)], A::Up, M::DescUp, None),
    bind(S::Panes, &[ch('g'), code(K::Home)], A::Top, M::DescTop, None),
    bind(S::Panes, &[ch('G'), code(K::End)], A::Bottom, M::DescBottom, None),
    bind(S::Panes, &[ctrl('d')], A::HalfPageDown, M::DescHalfPageDown, None),
    bind(S::Panes, &[ctrl('u')], A::HalfPageUp, M::DescHalfPageUp, None),
    bind(S::Panes, &[code(K::PageDown), ch(' ')], A::PageDown, M::DescPageDown, None),
    bind(S::Panes, &[code(K::PageUp)], A::PageUp, M::DescPageUp, None),
    bind(S::Panes, &[ch('f')], A::OpenFinder, M::DescFinder, Some(M::HintFind)),
    bind(S::Panes, &[ch('S')], A::OpenFullText, M::DescFullText, Some(M::HintSearchAll)),
    bind(S::Panes, &[ch('b')], A::NextDecision, M::DescNextDecision, Some(M::HintDecision)),
    bind(S::Panes, &[ch('B')], A::PrevDecision, M::DescPrevDecision, None),
    bind(S::Panes, &[ch('c')], A::Timeline, M::DescTimeline, Some(M::HintCase)),
    bind(S::Panes, &[ch('d')], A::ToggleDecisions, M::DescDecisions, Some(M::HintDecisions)),
    bind(S::Panes, &[ch('y')], A::Copy, M::DescCopy, Some(M::HintCite)),
    bind(S::Panes, &[ch('e')], A::Edit, M::DescEditor, Some(M::HintEditor)),
    bind(S::Panes, &[ch('o')], A::Page, M::DescPager, Some(M::HintPager)),
    bind(S::Panes, &[ch('R')], A::Reload, M::DescReload, None),
    bind(S::Panes, &[ctrl('o'), code(K::Backspace)], A::JumpBack, M::DescJumpBack, None),
    bind(S::Panes, &[ctrl('f')], A::JumpForward, M::DescJumpForward, None),
    bind(S::Panes, &[ctrl('n')], A::NextResult, M::DescNextResult, None),
    bind(S::Panes, &[ctrl('p')], A::PrevResult, M::DescPrevResult, None),
    bind(S::Panes, &[ch('M')], A::ShowMessages, M::DescMessages, None),
    bind(S::Panes, &[ch('P')], A::ShowProblems, M::DescProblems, None),
    bind(S::Panes, &[ch('z')], A::Zoom, M::DescZoom, None),
    bind(S::Panes, &[ch('i')], A::MeetingPage, M::DescMeetingPage, Some(M::HintMeeting)),
    bind(S::Panes, &[ch('F')], A::OpenFilter, M::DescFilter, Some(M::HintFilter)),
    bind(S::Panes, &[ch('X')], A::ClearFilter, M::DescClearFilter, None),
    bind(S::Panes, &[ch('w')], A::Follow, M::DescFollow, Some(M::HintFollow)),
    bind(S::Panes, &[ch('W')], A::WatchList, M::DescWatchList, None),
    bind(S::Lists, &[ch('m')], A::MarkSeen, M::DescMarkSeen, None),
    bind(S::Lists, &[code(K::Enter)], A::Enter, M::DescOpen, Some(M::HintOpen)),
    bind(S::Lists, &[ch('/')], A::OpenFinder, M::DescFinderAlias, None),
    bind(S::Lists, &[code(K::Esc)], A::Back, M::DescBackToMeetings, None),
    bind(S::Detail, &[ch('/')], A::StartSearch, M::DescSearch, Some(M::HintSearch)),
    bind(S::Detail, &[ch('n')], A::NextHit, M::DescNextHit, None),
    bind(S::Detail, &[ch('N')], A::PrevHit, M::DescPrevHit, None),
    bind(S::Detail, &[ch(']')], A::NextSection, M::DescNextSection, Some(M::HintSection)),
    bind(S::Detail, &[ch('[')], A::PrevSection, M::DescPrevSection, None),
    bind(S::Detail, &[code(K::Esc)], A::Back, M::DescBackToItems, None),
    bind(S::Detail, &[code(K::Enter)], A::FollowLink, M::DescFollowLink, None),
    bind(S::Prompts, &[code(K::Down), ctrl('n')], A::Down, M::DescNextMatch, None),
    bind(S::Prompts, &[code(K::Up), ctrl('p')], A::Up, M::DescPrevMatch, None),
    bind(S::Prompts, &[code(K::PageDown)], A::PageDown, M::DescMatchesPageDown, None),
    bind(S::Prompts, &[code(K::PageUp)], A::PageUp, M::DescMatchesPageUp, None),
    bind(S::Prompts, &[code(K::Backspace)], A::Backspace, M::DescDeleteChar, None),
    bind(S::Prompts, &[ctrl('w')], A::DeleteWord, M::DescDeleteWord, None),
    bind(S::Prompts, &[ctrl('u')], A::ClearInput, M::DescClearQuery, None),
    bind(S::Finder, &[code(K::Enter)], A::Enter, M::DescJumpMatch, Some(M::HintJump)),
    bind(S::Finder, &[code(K::Esc)], A::Back, M::DescFinderClose, Some(M::HintClose)),
    bind(S::FullText, &[code(K::Enter)], A::Enter, M::DescOpenHit, Some(M::HintOpen)),
    bind(S::FullText, &[code(K::Esc)], A::Back, M::DescFinderClose, Some(M::HintClose)),
    bind(S::Search, &[code(K::Enter)], A::Enter, M::DescKeepSearch, Some(M::HintKeep)),
    bind(S::Search, &[code(K::Esc)], A::Back, M::DescCancelSearch, Some(M::HintCancel)),
    bind(S::Search, &[code(K::Backspace)], A::Backspace, M::DescDeleteChar, None),
    bind(S::Search, &[ctrl('w')], A::DeleteWord, M::DescDeleteWord, None),
    bind(S::Search, &[ctrl('u')], A::ClearInput, M::DescClearSearch, None),
    bind(S::Popups, &[ch('q')], A::Quit, M::DescQuit, None),
    bind(S::Popups, &[ch('j'), code(K::Down)], A::Down, M::DescPopupDown, None),
    bind(S::Popups, &[ch('k'), code(K::Up)], A::Up, M::DescPopupUp, None),
    bind(S::Popups, &[ch('g'), code(K::Home)], A::Top, M::DescPopupTop, None),
    bind(S::Popups, &[ch('G'), code(K::End)], A::Bottom, M::DescPopupBottom, None),
    bind(S::Popups, &[code(K::PageDown), ch(' ')], A::PageDown, M::DescPageDown, None),
    bind(S::Popups, &[code(K::PageUp)], A::PageUp, M::DescPageUp, None),
    bind(S::Timeline, &[code(K::Enter)], A::Enter, M::DescJumpItem, Some(M::HintJump)),
    bind(S::Timeline, &[code(K::Esc), ch('c')], A::Back, M::DescClose, Some(M::HintClose)),
    bind(S::Help, &[code(K::Esc), ch('?'), code(K::F(1))], A::Back, M::DescCloseHelp, Some(M::HintClose)),
    bind(S::Messages, &[code(K::Esc), ch('M')], A::Back, M::DescCloseMessages, Some(M::HintClose)),
    bind(S::Problems, &[code(K::Enter)], A::Enter, M::DescOpenProblem, Some(M::HintEditor)),
    bind(S::Problems, &[code(K::Esc), ch('P')], A::Back, M::DescCloseProblems, Some(M::HintClose)),
    bind(S::MeetingPage, &[code(K::Enter)], A::Enter, M::DescOpenTocItem, Some(M::HintJump)),
    bind(S::MeetingPage, &[code(K::Esc), ch('i')], A::Back, M::DescCloseMeetingPage, Some(M::HintClose)),
    bind(S::Filter, &[code(K::Enter)], A::Enter, M::DescFilterChoose, Some(M::HintChoose)),
    bind(S::Filter, &[ch('X')], A::ClearFilter, M::DescClearFilter, None),
    bind(S::Filter, &[code(K::Esc), ch('F')], A::Back, M::DescCloseFilter, Some(M::HintClose)),
    bind(S::Watch, &[code(K::Enter)], A::Enter, M::DescWatchOpen, Some(M::HintOpen)),
    bind(S::Watch, &[ch('x'), code(K::Delete)], A::Unfollow, M::DescUnfollow, None),
    bind(S::Watch, &[code(K::Esc), ch('W')], A::Back, M::DescCloseWatch, Some(M::HintClose)),
];

/// A binding in effect: a default, or one the configuration changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub scope: Scope,
    pub keys: Vec<Key>,
    pub action: Action,
    pub desc: Msg,
    pub hint: Option<Msg>,
    /// Set by the configuration: wins over a default binding of the same key
    /// in an equally specific scope.
    pub custom: bool,
}

/// The bindings in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyTable {
    bindings: Vec<Bound>,
}

impl Default for KeyTable {
    fn default() -> KeyTable {
        KeyTable {
            bindings: BINDINGS
                .iter()
                .map(|b| Bound {
                    scope: b.scope,
                    keys: b.keys.to_vec(),
                    action: b.action,
                    desc: b.desc,
                    hint: b.hint,
                    custom: false,
                })
                .collect(),
        }
    }
}

impl KeyTable {
    /// The defaults with `map`'s overrides: each action named there gets the
    /// keys given instead of its defaults, in every scope it is bound in (an
    /// empty list unbinds it); every other action keeps its keys. Two
    /// exceptions keep the browser usable: Ctrl-C always quits, and in text
    /// fields (the finder, the searches) a printable key stays text, so there
    /// the action keeps its default keys unless non-printable ones were given.
    pub fn with_overrides(map: &KeyMap) -> KeyTable {
        let mut table = KeyTable::default();
        for (name, keys) in map.iter() {
            let Some(action) = tui_action(name) else {
                continue;
            };
            let keys: Vec<Key> = keys.iter().map(|&k| Key::from_binding(k)).collect();
            for b in table.bindings.iter_mut() {
                if b.action != action || b.scope == Scope::Always {
                    continue;
                }
                let usable: Vec<Key> = if b.scope.is_text() {
                    keys.iter().copied().filter(|k| !k.is_printable()).collect()
                } else {
                    keys.clone()
                };
                if usable.is_empty() && !keys.is_empty() {
                    continue;
                }
                b.keys = usable;
                b.custom = true;
            }
        }
        table
    }

    /// The action for `key` in `ctx`, if any. Printable keys become text input
    /// in the finder and the search prompts.
    pub fn lookup(&self, ctx: Context, key: Key) -> Option<Action> {
        let found = self
            .bindings
            .iter()
            .filter(|b| b.scope.applies(ctx) && b.keys.contains(&key))
            .min_by_key(|b| (b.scope.rank(), !b.custom))
            .map(|b| b.action);
        match (found, key.code) {
            (Some(action), _) => Some(action),
            (None, KeyCode::Char(c)) if ctx.is_text() && !key.ctrl => Some(Action::Input(c)),
            _ => None,
        }
    }

    /// Status-line hints for a context: `f find`, `? help`, …, most specific
    /// first, each with the first key bound to it.
    pub fn hints(&self, ctx: Context, lang: Lang) -> Vec<(String, &'static str)> {
        let mut found: Vec<&Bound> = self
            .bindings
            .iter()
            .filter(|b| b.hint.is_some() && !b.keys.is_empty() && b.scope.applies(ctx))
            .collect();
        found.sort_by_key(|b| b.scope.rank());
        found
            .into_iter()
            .filter_map(|b| Some((b.keys[0].label(lang), b.hint?.text(lang))))
            .collect()
    }

    /// How the first key bound to `action` in `ctx` is written, if any: for
    /// texts that name a key, so a remapped key is named as it is.
    pub fn key_for(&self, ctx: Context, action: Action, lang: Lang) -> Option<String> {
        let mut found: Vec<&Bound> = self
            .bindings
            .iter()
            .filter(|b| b.action == action && !b.keys.is_empty() && b.scope.applies(ctx))
            .collect();
        found.sort_by_key(|b| b.scope.rank());
        found.first().map(|b| b.keys[0].label(lang))
    }

    /// The help overlay's lines: a title per scope, then `keys  description`
    /// rows; unbound actions are left out.
    pub fn help_lines(&self, lang: Lang) -> Vec<(Option<String>, String)> {
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
            S::Messages,
            S::Problems,
            S::Always,
        ];
        let mut lines = Vec::new();
        for scope in order {
            if !lines.is_empty() {
                lines.push((None, String::new()));
            }
            lines.push((None, scope.title().text(lang).to_string()));
            for b in self
                .bindings
                .iter()
                .filter(|b| b.scope == scope && !b.keys.is_empty())
            {
                let keys: Vec<String> = b.keys.iter().map(|k| k.label(lang)).collect();
                lines.push((Some(keys.join(" ")), b.desc.text(lang).to_string()));
            }
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyEventState;

    fn lookup(ctx: Context, key: Key) -> Option<Action> {
        KeyTable::default().lookup(ctx, key)
    }

    fn help_lines() -> Vec<(Option<String>, String)> {
        KeyTable::default().help_lines(Lang::En)
    }

    fn remapped(toml: &str) -> KeyTable {
        let config = crate::config::parse(toml, std::path::Path::new("/c.toml"), None).unwrap();
        KeyTable::with_overrides(&config.keys)
    }

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
        // Alt combinations are not used; AltGr (Ctrl+Alt on Windows) types.
        let alt_q = ev(KeyCode::Char('q'), KeyModifiers::ALT);
        assert_eq!(Key::from_event(alt_q), None);
        let altgr = KeyModifiers::CONTROL | KeyModifiers::ALT;
        assert_eq!(
            Key::from_event(ev(KeyCode::Char('@'), altgr)),
            Some(ch('@'))
        );
        let euro = ev(KeyCode::Char('€'), altgr | KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(euro), Some(ch('€')));
        assert_eq!(Key::from_event(ev(KeyCode::Enter, altgr)), None);
    }

    #[test]
    fn remapping_overrides_one_action_and_keeps_the_rest() {
        let t = remapped("[keys]\nquit = \"Q\"\nfinder = [\"F\", \"ctrl-p\"]\ncopy = []\n");
        assert_eq!(t.lookup(Context::Items, ch('Q')), Some(A::Quit));
        assert_eq!(t.lookup(Context::Items, ch('q')), None);
        assert_eq!(t.lookup(Context::Help, ch('Q')), Some(A::Quit));
        // Ctrl-C always quits, even while typing.
        assert_eq!(t.lookup(Context::Finder, ctrl('c')), Some(A::Quit));
        assert_eq!(t.lookup(Context::Meetings, ch('F')), Some(A::OpenFinder));
        assert_eq!(t.lookup(Context::Detail, ctrl('p')), Some(A::OpenFinder));
        assert_eq!(t.lookup(Context::Meetings, ch('f')), None);
        // `/` in the lists was also the finder: replaced too.
        assert_eq!(t.lookup(Context::Items, ch('/')), None);
        assert_eq!(t.lookup(Context::Items, ch('y')), None);
        // Untouched actions keep their keys.
        assert_eq!(t.lookup(Context::Items, ch('j')), Some(A::Down));
        assert_eq!(t.lookup(Context::Detail, ch('n')), Some(A::NextHit));
        // Help and hints show the keys in effect; an unbound action is gone.
        let help: Vec<String> = t
            .help_lines(Lang::En)
            .into_iter()
            .map(|(k, d)| format!("{} {d}", k.unwrap_or_default()))
            .collect();
        assert!(
            help.contains(&"Q quit (Esc closes a popup first)".to_string()),
            "{help:?}"
        );
        assert!(
            help.contains(&"F Ctrl-p finder: any item of any meeting".to_string()),
            "{help:?}"
        );
        assert!(!help.iter().any(|l| l.contains("citation")), "{help:?}");
        let hints = t.hints(Context::Items, Lang::En);
        assert!(hints.contains(&("Q".to_string(), "quit")), "{hints:?}");
        assert!(hints.contains(&("F".to_string(), "find")), "{hints:?}");
        assert!(!hints.iter().any(|(_, h)| *h == "cite"), "{hints:?}");
    }

    #[test]
    fn remapped_keys_win_over_defaults_and_letters_stay_text() {
        // `j` was "down"; bound to the timeline it is the timeline.
        let t = remapped("[keys]\ntimeline = \"j\"\ndown = [\"J\", \"ctrl-j\"]\nopen = \"o\"\n");
        assert_eq!(t.lookup(Context::Items, ch('j')), Some(A::Timeline));
        assert_eq!(t.lookup(Context::Items, ch('J')), Some(A::Down));
        // In the finder letters type; the Ctrl key moves, Enter still jumps.
        assert_eq!(t.lookup(Context::Finder, ch('J')), Some(A::Input('J')));
        assert_eq!(t.lookup(Context::Finder, ctrl('j')), Some(A::Down));
        assert_eq!(t.lookup(Context::Finder, code(K::Enter)), Some(A::Enter));
        assert_eq!(t.lookup(Context::Items, ch('o')), Some(A::Enter));
        assert_eq!(t.lookup(Context::Items, code(K::Enter)), None);
        assert_eq!(t.lookup(Context::Timeline, ch('o')), Some(A::Enter));
    }

    #[test]
    fn help_is_danish_in_danish() {
        let help = KeyTable::default().help_lines(Lang::Da);
        assert!(help.iter().any(|(_, d)| d == "Ruder"));
        assert!(
            help.iter()
                .any(|(k, d)| k.as_deref() == Some("PgDn Mellemrum") && d == "en side ned")
        );
        let hints = KeyTable::default().hints(Context::Items, Lang::Da);
        assert!(hints.contains(&("q".to_string(), "afslut")), "{hints:?}");
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
            "e",
            "o",
        ] {
            assert!(
                help.split_whitespace().any(|w| w == label),
                "{label} missing from help"
            );
        }
    }
}
