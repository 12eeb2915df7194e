//! The configuration file: `config.toml` in the platform's config folder
//! (`$XDG_CONFIG_HOME/referat/` on Linux), or the file `REFERAT_CONFIG` names.
//!
//! A missing file means the defaults; a file that cannot be read or parsed is an
//! error with file, line and column, and the program stops before doing
//! anything, so a typo never silently falls back to a different setup.
//! `#[serde(deny_unknown_fields)]` turns misspelt settings into such errors.
//! [`DEFAULT_TEXT`] is the commented default file `referat config default`
//! prints; a test uncomments and parses it, so it cannot go stale.

mod keyspec;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use keyspec::{ACTIONS, KeyBinding, tui_action};

use referat_core::model::Date;

/// The environment variable naming a config file to read instead of the
/// platform one.
pub const ENV_OVERRIDE: &str = "REFERAT_CONFIG";

/// The file name in the platform config folder.
pub const FILE_NAME: &str = "config.toml";

/// The commented default configuration (`referat config default`).
pub const DEFAULT_TEXT: &str = include_str!("default.toml");

/// Every setting. Missing settings take their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Minutes to open when no path is given (instead of the bundled sample),
    /// already expanded: `~` replaced, relative paths made relative to the
    /// config file's folder.
    #[serde(deserialize_with = "non_empty_paths")]
    pub paths: Vec<PathBuf>,
    pub theme: ThemeName,
    pub language: Language,
    pub date_format: DateFormat,
    /// Mouse clicks and wheel in the browser.
    pub mouse: bool,
    /// The editor command for opening a file at an item; `None`: $VISUAL, $EDITOR.
    pub editor: Option<String>,
    /// The command that shows a PDF at a page (`{file}`, `{page}`); `None`:
    /// the system's opener, at the first page.
    pub pdf_viewer: Option<String>,
    /// Overridden key bindings, by action name.
    pub keys: KeyMap,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            paths: Vec::new(),
            theme: ThemeName::default(),
            language: Language::default(),
            date_format: DateFormat::default(),
            mouse: true,
            editor: None,
            pdf_viewer: None,
            keys: KeyMap::default(),
        }
    }
}

/// A colour scheme, see [`crate::theme::Theme`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

/// The interface language setting; [`crate::i18n::Lang::detect`] resolves `Auto`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    En,
    Da,
    #[default]
    Auto,
}

/// How dates are shown. An enum rather than a format string: two forms cover
/// what people use, and there is nothing to get wrong.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFormat {
    /// `25-08-2025`, as minutes write them.
    #[default]
    Danish,
    /// `2025-08-25`.
    Iso,
}

impl DateFormat {
    pub fn format(self, date: Date) -> String {
        match self {
            DateFormat::Danish => date.danish(),
            DateFormat::Iso => date.to_string(),
        }
    }
}

/// The `[keys]` table: action name (one of [`ACTIONS`]) → keys. An action that
/// is not in the table keeps its default keys; an empty list unbinds it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyMap(BTreeMap<String, Vec<KeyBinding>>);

impl KeyMap {
    /// The keys configured for `action`, when the file overrides it.
    pub fn get(&self, action: &str) -> Option<&[KeyBinding]> {
        self.0.get(action).map(Vec::as_slice)
    }

    /// Every override, by action name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &[KeyBinding])> {
        self.0.iter().map(|(a, k)| (a.as_str(), k.as_slice()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de> Deserialize<'de> for KeyMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<KeyMap, D::Error> {
        let raw = BTreeMap::<keyspec::ActionName, keyspec::KeyList>::deserialize(d)?;
        Ok(KeyMap(raw.into_iter().map(|(a, k)| (a.0, k.0)).collect()))
    }
}

fn non_empty_paths<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<PathBuf>, D::Error> {
    let paths = Vec::<PathBuf>::deserialize(d)?;
    if paths.iter().any(|p| p.as_os_str().is_empty()) {
        return Err(serde::de::Error::custom("a path in `paths` is empty"));
    }
    Ok(paths)
}

/// Why the config could not be used: where, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line and column (in characters) of the offending text, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Where the config file is: `REFERAT_CONFIG` when set and not empty, else
/// `config.toml` in the platform config folder; `None` when the platform has
/// no home folder to put one in.
pub fn path() -> Option<PathBuf> {
    let platform = directories::ProjectDirs::from("dk", "referat", "referat")
        .map(|dirs| dirs.config_dir().join(FILE_NAME));
    choose_path(std::env::var_os(ENV_OVERRIDE), platform)
}

fn choose_path(env: Option<OsString>, platform: Option<PathBuf>) -> Option<PathBuf> {
    env.filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or(platform)
}

/// Loads the config from [`path`]: defaults when there is no file.
pub fn load() -> Result<Config, ConfigError> {
    match path() {
        Some(path) => load_from(&path),
        None => Ok(Config::default()),
    }
}

/// Loads the config file at `path`: defaults when it does not exist.
pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
        Err(e) => return Err(error(path, None, format!("cannot read: {e}"))),
    };
    let text =
        String::from_utf8(bytes).map_err(|_| error(path, None, "not UTF-8 text".to_string()))?;
    let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    parse(&text, path, home.as_deref())
}

/// Parses config text read from `path`, expanding `paths` against `path`'s
/// folder and `home`.
pub fn parse(text: &str, path: &Path, home: Option<&Path>) -> Result<Config, ConfigError> {
    let mut config: Config = toml::from_str(text).map_err(|e| {
        let at = e.span().map(|span| line_column(text, span.start));
        error(path, at, e.message().trim_end().to_string())
    })?;
    let base = path.parent().unwrap_or(Path::new(""));
    for p in &mut config.paths {
        *p = expand(p, base, home).ok_or_else(|| {
            error(
                path,
                None,
                format!("`paths`: {} needs a home folder", p.display()),
            )
        })?;
    }
    Ok(config)
}

fn error(path: &Path, at: Option<(usize, usize)>, message: String) -> ConfigError {
    ConfigError {
        path: path.to_path_buf(),
        line: at.map(|(l, _)| l),
        column: at.map(|(_, c)| c),
        message,
    }
}

/// 1-based line and character column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// `~` and `~/x` → the home folder; relative → under `base`; absolute as is.
/// `None` when `~` is used and there is no home folder.
pub fn expand(raw: &Path, base: &Path, home: Option<&Path>) -> Option<PathBuf> {
    let mut parts = raw.components();
    let first = parts.next();
    if first.is_some_and(|c| c.as_os_str() == "~") {
        return Some(home?.join(parts.as_path()));
    }
    Some(if raw.is_absolute() {
        raw.to_path_buf()
    } else {
        base.join(raw)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn parse_at(text: &str) -> Result<Config, ConfigError> {
        parse(
            text,
            Path::new("/etc/referat/config.toml"),
            Some(Path::new("/home/anne")),
        )
    }

    #[test]
    fn empty_text_is_the_defaults() {
        assert_eq!(parse_at("").unwrap(), Config::default());
        let d = Config::default();
        assert!(d.mouse && d.paths.is_empty() && d.keys.is_empty());
        assert_eq!(
            (d.theme, d.language, d.date_format),
            (ThemeName::Dark, Language::Auto, DateFormat::Danish)
        );
    }

    #[test]
    fn every_setting_is_read() {
        let c = parse_at(
            r#"
paths = ["~/referater", "arkiv", "/srv/minutes", "~"]
theme = "high-contrast"
language = "da"
date_format = "iso"
mouse = false
editor = "nvim"

[keys]
quit = "Q"
finder = ["f", "ctrl-p"]
down = []
"#,
        )
        .unwrap();
        assert_eq!(
            c.paths,
            [
                PathBuf::from("/home/anne/referater"),
                PathBuf::from("/etc/referat/arkiv"),
                PathBuf::from("/srv/minutes"),
                PathBuf::from("/home/anne"),
            ]
        );
        assert_eq!(c.theme, ThemeName::HighContrast);
        assert_eq!(c.language, Language::Da);
        assert_eq!(c.date_format, DateFormat::Iso);
        assert!(!c.mouse);
        assert_eq!(c.editor.as_deref(), Some("nvim"));
        let finder = c.keys.get("finder").unwrap();
        assert_eq!(finder.len(), 2);
        assert_eq!(finder[1].code, KeyCode::Char('p'));
        assert_eq!(finder[1].modifiers, KeyModifiers::CONTROL);
        assert_eq!(c.keys.get("quit").unwrap()[0].code, KeyCode::Char('Q'));
        assert_eq!(c.keys.get("down"), Some(&[][..]));
        assert_eq!(c.keys.get("help"), None);
        assert_eq!(c.keys.iter().count(), 3);
    }

    /// Each mistake is reported at the line and column where it is.
    #[test]
    fn mistakes_name_line_and_column() {
        let cases: &[(&str, (usize, usize), &str)] = &[
            ("colour = \"dark\"\n", (1, 1), "unknown field `colour`"),
            (
                "mouse = true\ntheme = \"blue\"\n",
                (2, 9),
                "unknown variant `blue`",
            ),
            ("mouse = \"yes\"\n", (1, 9), "invalid type"),
            ("paths = \"~/x\"\n", (1, 9), "invalid type"),
            (
                "\n[keys]\nfindr = \"f\"\n",
                (3, 1),
                "unknown action `findr`",
            ),
            ("[keys]\nquit = \"alt-q\"\n", (2, 8), "alt"),
            (
                "[keys]\nfinder = [\"f\", \"hyper-x\"]\n",
                (2, 10),
                "unknown key \"hyper-x\"",
            ),
            ("[keys]\nquit = 3\n", (2, 8), "a key string"),
            ("editor = \"æøå\" mouse\n", (1, 16), ""),
            ("[kees]\n", (1, 2), "unknown field `kees`"),
        ];
        for (text, (line, column), needle) in cases {
            let e = parse_at(text).expect_err(text);
            assert_eq!(
                (e.line, e.column),
                (Some(*line), Some(*column)),
                "{text:?}: {e}"
            );
            assert!(e.message.contains(needle), "{text:?}: {e}");
            let shown = e.to_string();
            assert!(
                shown.starts_with(&format!("/etc/referat/config.toml:{line}:{column}: ")),
                "{shown}"
            );
        }
    }

    #[test]
    fn missing_file_is_the_defaults_and_bad_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.toml");
        assert_eq!(load_from(&missing).unwrap(), Config::default());
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, b"\xff\xfe").unwrap();
        assert!(load_from(&bad).unwrap_err().message.contains("UTF-8"));
        let e = load_from(dir.path()).unwrap_err();
        assert_eq!(e.line, None);
        assert!(e.message.contains("cannot read"), "{e}");
    }

    #[test]
    fn the_override_wins_when_set_and_not_empty() {
        let platform = Some(PathBuf::from("/home/a/.config/referat/config.toml"));
        assert_eq!(
            choose_path(Some("/tmp/r.toml".into()), platform.clone()),
            Some(PathBuf::from("/tmp/r.toml"))
        );
        assert_eq!(choose_path(Some("".into()), platform.clone()), platform);
        assert_eq!(choose_path(None, platform.clone()), platform);
        assert_eq!(choose_path(None, None), None);
    }

    #[test]
    fn tilde_needs_a_home() {
        let base = Path::new("/cfg");
        assert_eq!(expand(Path::new("~/x"), base, None), None);
        assert_eq!(
            expand(Path::new("~user/x"), base, None),
            Some(PathBuf::from("/cfg/~user/x"))
        );
        assert!(parse("paths = [\"~\"]", Path::new("/c.toml"), None).is_err());
        assert!(
            parse_at("paths = [\"\"]")
                .unwrap_err()
                .message
                .contains("empty")
        );
    }

    #[test]
    fn dates_in_both_formats() {
        let d = Date::new(2025, 8, 25).unwrap();
        assert_eq!(DateFormat::Danish.format(d), "25-08-2025");
        assert_eq!(DateFormat::Iso.format(d), "2025-08-25");
    }

    /// Uncommenting every setting line of the default file gives a valid
    /// config with the default values: the file documents what the code does.
    #[test]
    fn the_commented_default_parses_to_the_defaults() {
        let is_setting = |s: &str| {
            s.starts_with('[')
                || s.split_once(" = ").is_some_and(|(k, _)| {
                    !k.is_empty() && k.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                })
        };
        let mut settings = 0;
        let uncommented: String = DEFAULT_TEXT
            .lines()
            .map(|line| match line.strip_prefix("# ") {
                Some(rest) if is_setting(rest) => {
                    settings += 1;
                    format!("{rest}\n")
                }
                _ => {
                    assert!(line.is_empty() || line.starts_with('#'), "{line}");
                    format!("{line}\n")
                }
            })
            .collect();
        assert!(settings >= 9, "{uncommented}");
        let parsed = parse_at(&uncommented).unwrap_or_else(|e| panic!("{e}\n{uncommented}"));
        assert_eq!(
            Config {
                keys: KeyMap::default(),
                editor: None,
                pdf_viewer: None,
                ..parsed.clone()
            },
            Config::default()
        );
        assert!(parsed.keys.get("quit").is_some());
        for setting in [
            "paths",
            "theme",
            "language",
            "date_format",
            "mouse",
            "editor",
            "pdf_viewer",
            "[keys]",
        ] {
            assert!(uncommented.contains(&format!("\n{setting}")), "{setting}");
        }
        for action in ACTIONS {
            assert!(
                DEFAULT_TEXT.contains(&format!(" {action},"))
                    || DEFAULT_TEXT.contains(&format!(" {action} ")),
                "action {action} is not documented in the default config"
            );
        }
    }
}
