//! Handing a PDF or a saved portal page to a program that shows it.
//!
//! An editor shows a PDF as its raw bytes and a portal page as markup, so `e`
//! on those opens a viewer instead. The configuration's `pdf_viewer` is a
//! command line with `{file}` and `{page}` in it (`"zathura --page={page}
//! {file}"`, `"evince -i {page} {file}"`); without `{file}` the file is added
//! at the end. Without a configured viewer, and for portal pages, the system's
//! opener (`xdg-open`, or `open` on macOS) is used, which cannot be told a
//! page. The words are split as the editor's are and never run through a
//! shell. Viewers are windows of their own: they are started and left to run,
//! and the browser keeps the terminal.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::editor::split;

/// The system's program that opens a file with its usual application.
pub const OPENERS: &[&str] = if cfg!(target_os = "macos") {
    &["open"]
} else {
    &["xdg-open"]
};

/// Why no viewer could be started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoViewer {
    /// The configured command line is empty or has an unclosed quote.
    Malformed(String),
    /// Nothing configured, and no opener on `PATH`.
    NoneFound,
}

/// The command that shows `file`, at `page` when the configured viewer takes
/// one. `path` is the `PATH` to look for the opener on.
pub fn command(
    configured: Option<&str>,
    file: &Path,
    page: Option<u32>,
    path: Option<OsString>,
) -> Result<Command, NoViewer> {
    if let Some(line) = configured.filter(|l| !l.trim().is_empty()) {
        let words = split(line).map_err(NoViewer::Malformed)?;
        let page = page.unwrap_or(1).to_string();
        let file_text = file.to_string_lossy();
        let named = words.iter().any(|w| w.contains("{file}"));
        let mut words: Vec<OsString> = words
            .iter()
            .map(|w| {
                if w == "{file}" {
                    // Kept as the OS gives it: not every file name is UTF-8.
                    file.as_os_str().to_owned()
                } else {
                    w.replace("{file}", &file_text)
                        .replace("{page}", &page)
                        .into()
                }
            })
            .collect();
        if !named {
            words.push(file.as_os_str().to_owned());
        }
        let (program, args) = words.split_first().ok_or(NoViewer::NoneFound)?;
        let mut cmd = Command::new(program);
        cmd.args(args);
        return Ok(cmd);
    }
    let opener = OPENERS
        .iter()
        .find_map(|name| on_path(name, path.as_deref()))
        .ok_or(NoViewer::NoneFound)?;
    let mut cmd = Command::new(opener);
    cmd.arg(file);
    Ok(cmd)
}

/// Where `program` is on `path`, if it is there.
fn on_path(program: &str, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    std::env::split_paths(path?)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tui::testing::argv;

    #[test]
    fn the_configured_viewer_gets_the_page_and_the_file() {
        let file = Path::new("/m/byråd 27.pdf");
        let cmd = command(Some("zathura --page={page} {file}"), file, Some(7), None).unwrap();
        assert_eq!(argv(&cmd), ["zathura", "--page=7", "/m/byråd 27.pdf"]);
        let cmd = command(Some("evince -i {page}"), file, Some(3), None).unwrap();
        assert_eq!(argv(&cmd), ["evince", "-i", "3", "/m/byråd 27.pdf"]);
        // No page known: the first.
        let cmd = command(Some("'my viewer' -p {page}"), file, None, None).unwrap();
        assert_eq!(argv(&cmd), ["my viewer", "-p", "1", "/m/byråd 27.pdf"]);
        assert!(matches!(
            command(Some("viewer 'open"), file, None, None),
            Err(NoViewer::Malformed(_))
        ));
    }

    #[test]
    fn without_a_viewer_the_opener_on_path_else_a_clear_no() {
        let dir = tempfile::tempdir().unwrap();
        let file = Path::new("a.html");
        assert_eq!(
            command(None, file, None, Some(dir.path().into())).err(),
            Some(NoViewer::NoneFound)
        );
        assert_eq!(
            command(Some("  "), file, None, None).err(),
            Some(NoViewer::NoneFound)
        );
        let opener = dir.path().join(OPENERS[0]);
        std::fs::write(&opener, "").unwrap();
        let cmd = command(None, file, Some(4), Some(dir.path().into())).unwrap();
        assert_eq!(argv(&cmd), [opener.to_string_lossy().as_ref(), "a.html"]);
    }
}
