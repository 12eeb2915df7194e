//! Key strings of the `[keys]` table (`"q"`, `"ctrl-p"`, `"shift-tab"`, `"pgdn"`)
//! and the action names they may be bound to.
//!
//! Keys are normalised the way the browser reads key events
//! (`tui::keys::Key::from_event`): Shift is part of the character (`"G"`, `"?"`),
//! Ctrl letters are lower case, Shift-Tab is BackTab. Combinations the browser
//! can never see (Alt, Shift with a non-letter, Ctrl-Shift) are refused here, so
//! a binding in the config file cannot silently do nothing.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

/// Every action a key can be bound to in `[keys]`, in the order of the help
/// overlay. Each name stands for one [`crate::action::Action`] variant (see [`tui_action`]).
/// Actions that carry data (typed characters, mouse clicks, resizes) are not
/// bindable and not listed.
pub const ACTIONS: &[&str] = &[
    "quit",
    "help",
    "focus_next",
    "focus_prev",
    "focus_left",
    "focus_right",
    "down",
    "up",
    "top",
    "bottom",
    "half_page_down",
    "half_page_up",
    "page_down",
    "page_up",
    "open",
    "back",
    "finder",
    "search_all",
    "search",
    "next_hit",
    "prev_hit",
    "next_decision",
    "prev_decision",
    "next_section",
    "prev_section",
    "timeline",
    "decisions",
    "copy",
    "editor",
    "pager",
    "reload",
    "jump_back",
    "jump_forward",
    "next_result",
    "prev_result",
    "messages",
    "problems",
    "zoom",
    "meeting",
    "filter",
    "clear_filter",
    "follow",
    "unfollow",
    "watch_list",
    "mark_seen",
    "follow_link",
    "backspace",
    "delete_word",
    "clear_input",
];

/// The browser action a name of [`ACTIONS`] stands for.
pub fn tui_action(name: &str) -> Option<crate::action::Action> {
    use crate::action::Action as A;
    Some(match name {
        "quit" => A::Quit,
        "help" => A::ToggleHelp,
        "focus_next" => A::FocusNext,
        "focus_prev" => A::FocusPrev,
        "focus_left" => A::FocusLeft,
        "focus_right" => A::FocusRight,
        "down" => A::Down,
        "up" => A::Up,
        "top" => A::Top,
        "bottom" => A::Bottom,
        "half_page_down" => A::HalfPageDown,
        "half_page_up" => A::HalfPageUp,
        "page_down" => A::PageDown,
        "page_up" => A::PageUp,
        "open" => A::Enter,
        "back" => A::Back,
        "finder" => A::OpenFinder,
        "search_all" => A::OpenFullText,
        "search" => A::StartSearch,
        "next_hit" => A::NextHit,
        "prev_hit" => A::PrevHit,
        "next_decision" => A::NextDecision,
        "prev_decision" => A::PrevDecision,
        "next_section" => A::NextSection,
        "prev_section" => A::PrevSection,
        "timeline" => A::Timeline,
        "decisions" => A::ToggleDecisions,
        "copy" => A::Copy,
        "editor" => A::Edit,
        "pager" => A::Page,
        "reload" => A::Reload,
        "jump_back" => A::JumpBack,
        "jump_forward" => A::JumpForward,
        "next_result" => A::NextResult,
        "prev_result" => A::PrevResult,
        "messages" => A::ShowMessages,
        "problems" => A::ShowProblems,
        "zoom" => A::Zoom,
        "meeting" => A::MeetingPage,
        "filter" => A::OpenFilter,
        "clear_filter" => A::ClearFilter,
        "follow" => A::Follow,
        "unfollow" => A::Unfollow,
        "watch_list" => A::WatchList,
        "mark_seen" => A::MarkSeen,
        "follow_link" => A::FollowLink,
        "backspace" => A::Backspace,
        "delete_word" => A::DeleteWord,
        "clear_input" => A::ClearInput,
        _ => return None,
    })
}

/// One key as written in the config file, normalised: `modifiers` is either
/// empty or exactly CONTROL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyBinding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Named keys, written without `-` or `_` and in lower case.
const NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pgup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgdn", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("ins", KeyCode::Insert),
];

impl KeyBinding {
    /// Whether Ctrl is part of the key (the browser tracks nothing else).
    pub fn ctrl(self) -> bool {
        self.modifiers.contains(KeyModifiers::CONTROL)
    }

    /// Parses a key string: optional `ctrl-`/`shift-` prefixes (`+` works too,
    /// case-insensitive), then one character or a key name (`enter`, `esc`,
    /// `tab`, `backtab`, `backspace`, `space`, arrows, `home`, `end`,
    /// `pageup`/`pgup`, `pagedown`/`pgdn`, `delete`, `insert`, `f1`–`f12`).
    pub fn parse(text: &str) -> Result<KeyBinding, String> {
        let mut rest = text.trim();
        if rest.is_empty() {
            return Err("empty key; write e.g. \"q\", \"ctrl-p\" or \"pgdn\"".into());
        }
        let (mut ctrl, mut shift) = (false, false);
        while rest.chars().count() > 1 {
            let Some(at) = rest.find(['-', '+']).filter(|&at| at > 0) else {
                break;
            };
            match rest[..at].to_ascii_lowercase().as_str() {
                "ctrl" | "control" => ctrl = true,
                "shift" => shift = true,
                "alt" | "meta" | "option" | "super" | "cmd" => {
                    return Err(format!(
                        "\"{text}\": the browser does not use {} keys; use ctrl- or a plain key",
                        &rest[..at]
                    ));
                }
                _ => break,
            }
            rest = &rest[at + 1..];
            if rest.is_empty() {
                return Err(format!("\"{text}\": a key must follow the modifier"));
            }
        }
        let code = key_code(rest).ok_or_else(|| {
            format!(
                "\"{text}\": unknown key \"{rest}\"; use one character or a name such as \
                 enter, esc, tab, space, up, pgdn, f1"
            )
        })?;
        normalise(text, code, ctrl, shift)
    }
}

fn key_code(name: &str) -> Option<KeyCode> {
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(KeyCode::Char(c));
    }
    let folded: String = name
        .chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    if let Some(&(_, code)) = NAMES.iter().find(|(n, _)| *n == folded) {
        return Some(code);
    }
    let n: u8 = folded.strip_prefix('f')?.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

/// Folds Shift into the key and refuses what the browser cannot tell apart.
fn normalise(text: &str, code: KeyCode, ctrl: bool, shift: bool) -> Result<KeyBinding, String> {
    let code = match (code, shift) {
        (code, false) => code,
        (_, true) if ctrl => {
            return Err(format!(
                "\"{text}\": terminals do not tell ctrl-shift from ctrl; drop shift-"
            ));
        }
        (KeyCode::Char(c), true) if c.is_alphabetic() => {
            let mut upper = c.to_uppercase();
            match (upper.next(), upper.next()) {
                (Some(u), None) => KeyCode::Char(u),
                _ => KeyCode::Char(c),
            }
        }
        (KeyCode::Tab | KeyCode::BackTab, true) => KeyCode::BackTab,
        (KeyCode::Char(_), true) => {
            return Err(format!(
                "\"{text}\": write the shifted character itself, e.g. \"?\" rather than \"shift-/\""
            ));
        }
        (_, true) => {
            return Err(format!(
                "\"{text}\": shift only combines with a letter or tab"
            ));
        }
    };
    let code = match code {
        KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    let modifiers = if ctrl {
        KeyModifiers::CONTROL
    } else {
        KeyModifiers::NONE
    };
    Ok(KeyBinding { code, modifiers })
}

impl FromStr for KeyBinding {
    type Err = String;
    fn from_str(s: &str) -> Result<KeyBinding, String> {
        KeyBinding::parse(s)
    }
}

/// The canonical spelling, which parses back to the same key: `ctrl-p`, `G`,
/// `backtab`, `pgdn`.
impl fmt::Display for KeyBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl() {
            f.write_str("ctrl-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            code => {
                let name = NAMES
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

impl<'de> serde::Deserialize<'de> for KeyBinding {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyBinding, D::Error> {
        let text = String::deserialize(d)?;
        KeyBinding::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// An action name of [`ACTIONS`], checked while deserialising so that the error
/// points at the name in the file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct ActionName(pub(super) String);

impl<'de> serde::Deserialize<'de> for ActionName {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<ActionName, D::Error> {
        let name = String::deserialize(d)?;
        if ACTIONS.contains(&name.as_str()) {
            Ok(ActionName(name))
        } else {
            Err(serde::de::Error::custom(format!(
                "unknown action `{name}`; actions are: {}",
                ACTIONS.join(", ")
            )))
        }
    }
}

/// One key or a list of keys: `quit = "q"` or `finder = ["f", "ctrl-p"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct KeyList(pub(super) Vec<KeyBinding>);

impl<'de> serde::Deserialize<'de> for KeyList {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyList, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = KeyList;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key string such as \"q\" or a list such as [\"f\", \"ctrl-p\"]")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<KeyList, E> {
                KeyBinding::parse(v)
                    .map(|k| KeyList(vec![k]))
                    .map_err(E::custom)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<KeyList, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = seq.next_element::<KeyBinding>()? {
                    keys.push(key);
                }
                Ok(KeyList(keys))
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> KeyBinding {
        KeyBinding::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }
    fn plain(code: KeyCode) -> KeyBinding {
        KeyBinding {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }
    fn ctrl(c: char) -> KeyBinding {
        KeyBinding {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    #[test]
    fn characters_names_and_modifiers() {
        assert_eq!(key("q"), plain(KeyCode::Char('q')));
        assert_eq!(key("G"), plain(KeyCode::Char('G')));
        assert_eq!(key("-"), plain(KeyCode::Char('-')));
        assert_eq!(key("+"), plain(KeyCode::Char('+')));
        assert_eq!(key("ø"), plain(KeyCode::Char('ø')));
        assert_eq!(key("ctrl-p"), ctrl('p'));
        assert_eq!(key("Ctrl+P"), ctrl('p'));
        assert_eq!(key("ctrl--"), ctrl('-'));
        assert_eq!(key("shift-g"), plain(KeyCode::Char('G')));
        assert_eq!(key("shift-tab"), plain(KeyCode::BackTab));
        assert_eq!(key("PageDown"), plain(KeyCode::PageDown));
        assert_eq!(key("page-down"), plain(KeyCode::PageDown));
        assert_eq!(key("pgup"), plain(KeyCode::PageUp));
        assert_eq!(key(" enter "), plain(KeyCode::Enter));
        assert_eq!(key("space"), plain(KeyCode::Char(' ')));
        assert_eq!(key("F1"), plain(KeyCode::F(1)));
        assert_eq!(key("f12"), plain(KeyCode::F(12)));
    }

    #[test]
    fn keys_the_browser_cannot_see_are_refused() {
        for bad in [
            "",
            "  ",
            "alt-x",
            "meta-q",
            "ctrl-shift-p",
            "shift-/",
            "shift-up",
            "f13",
            "f0",
            "hyper",
            "ctrl-",
            "ctrl-nonsense",
        ] {
            let err = KeyBinding::parse(bad).expect_err(bad);
            assert!(!err.is_empty());
        }
    }

    #[test]
    fn display_parses_back() {
        for s in [
            "q",
            "G",
            "ctrl-p",
            "shift-tab",
            "pgdn",
            "home",
            "f5",
            "space",
            "esc",
            "ctrl--",
            "delete",
            "insert",
        ] {
            let k = key(s);
            assert_eq!(key(&k.to_string()), k, "{s} → {k}");
        }
    }

    #[test]
    fn every_action_name_is_a_browser_action() {
        for name in ACTIONS {
            assert!(tui_action(name).is_some(), "{name}");
        }
        let mut sorted = ACTIONS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), ACTIONS.len(), "an action is listed twice");
        assert_eq!(tui_action("frobnicate"), None);
    }
}
