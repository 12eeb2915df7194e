//! Handing a minutes file to the user's editor, opened at an item's line.
//!
//! The editor is the config's `editor`, else `$VISUAL`, else `$EDITOR`, else
//! `vi`, as Unix programs have long done. The command may carry arguments
//! (`"code -w"`, `"emacsclient -t"`); it is split into words like a shell
//! would (quotes and backslashes), never run through a shell, so a file name
//! cannot inject anything. How to say "at line N" differs between editors, so
//! the known ones get their own form and unknown ones just the file.
//!
//! Running the editor (leaving the alternate screen first, restoring it after)
//! is the browser's job; this module only builds the [`Command`].

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The editor command line to use, before splitting.
pub fn choose(
    configured: Option<&str>,
    visual: Option<OsString>,
    editor: Option<OsString>,
) -> String {
    let from_env = |v: Option<OsString>| {
        v.and_then(|v| v.into_string().ok())
            .filter(|v| !v.trim().is_empty())
    };
    configured
        .filter(|c| !c.trim().is_empty())
        .map(str::to_string)
        .or_else(|| from_env(visual))
        .or_else(|| from_env(editor))
        .unwrap_or_else(|| "vi".to_string())
}

/// The command that opens `file` at `line` (1-based) with the configured
/// editor or the environment's; `Err` when the command line is empty or has
/// an unclosed quote.
pub fn command(
    configured: Option<&str>,
    file: &Path,
    line: Option<usize>,
) -> Result<Command, String> {
    let chosen = choose(
        configured,
        std::env::var_os("VISUAL"),
        std::env::var_os("EDITOR"),
    );
    build(&chosen, file, line)
}

/// [`command`] for an explicit editor command line.
pub fn build(editor: &str, file: &Path, line: Option<usize>) -> Result<Command, String> {
    let words = split(editor)?;
    let (program, fixed) = words
        .split_first()
        .ok_or_else(|| "the editor command is empty".to_string())?;
    let mut cmd = Command::new(program);
    cmd.args(fixed);
    let name = Path::new(program)
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match (line, LineStyle::of(&name)) {
        (Some(n), LineStyle::Plus) => {
            cmd.arg(format!("+{n}")).arg(file);
        }
        (Some(n), LineStyle::Goto) => {
            cmd.arg("-g").arg(with_line(file, n));
        }
        (Some(n), LineStyle::Suffix) => {
            cmd.arg(with_line(file, n));
        }
        (None, _) | (_, LineStyle::None) => {
            cmd.arg(file);
        }
    }
    Ok(cmd)
}

/// How an editor is told the line to open at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineStyle {
    /// `vi +12 file`
    Plus,
    /// `code -g file:12`
    Goto,
    /// `hx file:12`
    Suffix,
    /// Unknown editor: the file alone.
    None,
}

impl LineStyle {
    fn of(program: &str) -> LineStyle {
        match program {
            "vi" | "vim" | "nvim" | "gvim" | "view" | "nano" | "pico" | "emacs" | "emacsclient"
            | "micro" | "kak" | "mg" | "joe" | "jed" | "ne" | "mcedit" => LineStyle::Plus,
            "code" | "code-insiders" | "codium" | "vscodium" | "cursor" => LineStyle::Goto,
            "hx" | "helix" | "subl" | "sublime_text" | "zed" | "gedit" | "kate" => {
                LineStyle::Suffix
            }
            _ => LineStyle::None,
        }
    }
}

fn with_line(file: &Path, line: usize) -> OsString {
    let mut arg = file.as_os_str().to_os_string();
    arg.push(format!(":{line}"));
    arg
}

/// Splits a command line into words: white space separates, single quotes
/// keep everything, double quotes keep all but `\"` and `\\`, a backslash
/// outside quotes escapes the next character. Also splits `$PAGER`.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err(format!("unclosed ' in the editor command: {line}")),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => {
                                return Err(format!("unclosed \" in the editor command: {line}"));
                            }
                        },
                        Some(c) => w.push(c),
                        None => return Err(format!("unclosed \" in the editor command: {line}")),
                    }
                }
            }
            '\\' => {
                let w = word.get_or_insert_with(String::new);
                if let Some(c) = chars.next() {
                    w.push(c);
                }
            }
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tui::testing::argv;

    #[test]
    fn the_config_then_visual_then_editor_then_vi() {
        let os = |s: &str| Some(OsString::from(s));
        assert_eq!(choose(Some("nvim"), os("code"), os("nano")), "nvim");
        assert_eq!(choose(None, os("code -w"), os("nano")), "code -w");
        assert_eq!(choose(Some(" "), os(""), os("nano")), "nano");
        assert_eq!(choose(None, None, None), "vi");
    }

    #[test]
    fn each_editor_is_told_the_line_its_own_way() {
        let file = Path::new("/srv/referater/byråd 2025.txt");
        let at = |editor| argv(&build(editor, file, Some(42)).unwrap());
        assert_eq!(at("vim"), ["vim", "+42", "/srv/referater/byråd 2025.txt"]);
        assert_eq!(
            at("/usr/bin/emacsclient -t"),
            [
                "/usr/bin/emacsclient",
                "-t",
                "+42",
                "/srv/referater/byråd 2025.txt"
            ]
        );
        assert_eq!(
            at("code --wait"),
            ["code", "--wait", "-g", "/srv/referater/byråd 2025.txt:42"]
        );
        assert_eq!(at("hx"), ["hx", "/srv/referater/byråd 2025.txt:42"]);
        assert_eq!(at("ed"), ["ed", "/srv/referater/byråd 2025.txt"]);
        assert_eq!(
            argv(&build("vim", file, None).unwrap()),
            ["vim", "/srv/referater/byråd 2025.txt"]
        );
    }

    #[test]
    fn command_lines_split_like_a_shell() {
        assert_eq!(split("code -w").unwrap(), ["code", "-w"]);
        assert_eq!(
            split(r#""/Applications/My Editor/bin/edit" --flag 'a b' c\ d"#).unwrap(),
            ["/Applications/My Editor/bin/edit", "--flag", "a b", "c d"]
        );
        assert_eq!(split(r#"x "a\"b" '' "#).unwrap(), ["x", "a\"b", ""]);
        assert!(split("vim 'oops").is_err());
        assert!(split("vim \"oops").is_err());
        assert!(build("   ", Path::new("f"), None).is_err());
    }

    /// A hostile file name stays one argument: nothing goes through a shell.
    #[test]
    fn file_names_are_never_interpreted() {
        let file = Path::new("a; rm -rf ~ $(x).txt");
        let args = argv(&build("vi", file, Some(1)).unwrap());
        assert_eq!(args, ["vi", "+1", "a; rm -rf ~ $(x).txt"]);
    }
}
