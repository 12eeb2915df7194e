//! The one folder walk: which files under the given paths are minutes to
//! read, found the same way by a load and by the watcher.
//!
//! Folders are walked with `walkdir` (links followed, a link back to an
//! ancestor detected and skipped), entries in name order so a load is the
//! same whatever the file system returns, hidden entries (`.git`, `.cache`)
//! left out, and only files with a minutes extension ([`EXTENSIONS`]) kept;
//! a file named explicitly is read whatever its name. Each file comes with
//! its metadata (the cache keys files by it): all at the end ([`walk`], the
//! `stat`s made on all cores), or each as it is found ([`walk_each`], for a
//! browser that shows the first files while the walk goes on). A file
//! reached twice (given twice, or through a link) is kept once.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::read::{IoReason, ReadError};

/// File name endings read when walking a folder. A file named explicitly is read
/// whatever its name (as text, or as PDF when it ends in `.pdf`).
pub const EXTENSIONS: [&str; 5] = ["txt", "md", "pdf", "html", "htm"];

/// Whether a walk would read the file at `path`: its name ends in one of
/// [`EXTENSIONS`], in any letter case.
pub fn has_minutes_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// What a walk found: the files to read, with their metadata, in a stable
/// order, and the paths that could not be read, with why.
#[derive(Debug, Default)]
pub struct Found {
    /// Minutes files, each once, in the order given and walked.
    pub files: Vec<(PathBuf, fs::Metadata)>,
    /// Paths given or folders met that could not be read.
    pub errors: Vec<(PathBuf, ReadError)>,
}

/// The minutes files under `dir`, as a load would read them. Folders that
/// cannot be read are left out silently here; a load reports them.
pub fn minutes_files_under(dir: &Path) -> Vec<PathBuf> {
    walk(&[dir.to_path_buf()])
        .files
        .into_iter()
        .map(|(path, _)| path)
        .collect()
}

/// Expands the given paths into the files to read: a file as it is, a
/// folder by walking it (once, however often it is given). The files are
/// listed first and then asked for their metadata on all cores: one `stat`
/// per file is most of a walk, and nothing here waits for the first files.
pub fn walk(paths: &[PathBuf]) -> Found {
    let mut candidates = Vec::new();
    let errors = candidates_each(paths, |path| candidates.push(path));
    let with_meta: Vec<(PathBuf, fs::Metadata)> = candidates
        .into_par_iter()
        .filter_map(with_metadata)
        .collect();
    let mut once = FirstReached::default();
    let files = with_meta
        .into_iter()
        .filter(|(_, meta)| once.first(meta))
        .collect();
    Found { files, errors }
}

/// [`walk`], handing each file to `file` as soon as it is found rather than
/// after the last, for a reader that starts on the first files while the
/// walk goes on (at 40,000 files the walk takes some 90 ms). The `stat` of
/// each file is made here, on the walking thread, in order. Returns the
/// paths that could not be read.
pub fn walk_each(
    paths: &[PathBuf],
    mut file: impl FnMut(PathBuf, fs::Metadata),
) -> Vec<(PathBuf, ReadError)> {
    let mut once = FirstReached::default();
    candidates_each(paths, |path| {
        if let Some((path, meta)) = with_metadata(path)
            && once.first(&meta)
        {
            file(path, meta);
        }
    })
}

/// The file at `path` with its metadata. `metadata` follows links; a link
/// whose target has gone is no file (`rg` skips it too).
fn with_metadata(path: PathBuf) -> Option<(PathBuf, fs::Metadata)> {
    fs::metadata(&path).ok().map(|meta| (path, meta))
}

/// Which files have been reached, by identity: a file reached a second time
/// (given twice, or through a link) is left out, the first reached kept.
#[derive(Default)]
struct FirstReached(HashSet<(u64, u64)>);

impl FirstReached {
    fn first(&mut self, meta: &fs::Metadata) -> bool {
        self.0.insert(file_key(meta))
    }
}

/// Every path the walk considers a minutes file, in order, to `candidate`
/// (files not yet asked for their metadata); returns the paths given or
/// folders met that could not be read.
fn candidates_each(
    paths: &[PathBuf],
    mut candidate: impl FnMut(PathBuf),
) -> Vec<(PathBuf, ReadError)> {
    let mut errors = Vec::new();
    // Every folder walked, by its real path: one reached again (given twice,
    // or through a second link to it) is not walked again.
    let mut seen_dirs = HashSet::new();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => errors.push((path.clone(), ReadError::File(IoReason::from(&e)))),
            Ok(meta) if meta.is_dir() => {
                walk_folder(path, &mut seen_dirs, &mut candidate, &mut errors)
            }
            Ok(_) => candidate(path.clone()),
        }
    }
    errors
}

/// The minutes files under one folder, in name order, to `file`; folders in
/// `seen_dirs` are not walked again, and those walked are added to it.
fn walk_folder(
    dir: &Path,
    seen_dirs: &mut HashSet<PathBuf>,
    file: &mut impl FnMut(PathBuf),
    errors: &mut Vec<(PathBuf, ReadError)>,
) {
    let first_visit = |entry: &walkdir::DirEntry, seen: &mut HashSet<PathBuf>| {
        !entry.file_type().is_dir()
            || seen.insert(fs::canonicalize(entry.path()).unwrap_or_else(|_| entry.path().into()))
    };
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            (entry.depth() == 0 || !is_hidden(entry.file_name())) && first_visit(entry, seen_dirs)
        });
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_file() && has_minutes_extension(entry.path()) => {
                file(entry.into_path());
            }
            Ok(_) => {}
            // A link back to a folder above: that folder is being walked.
            Err(e) if e.loop_ancestor().is_some() => {}
            Err(e) => {
                let Some(path) = e.path().map(Path::to_path_buf) else {
                    continue;
                };
                // A link that leads nowhere (gone, or round in a circle) is
                // no file, as for `rg`; nor is an entry gone since listed. A
                // link to a folder that cannot be read is reported as the
                // folder is.
                let leads_nowhere = fs::symlink_metadata(&path)
                    .is_ok_and(|m| m.file_type().is_symlink())
                    && fs::metadata(&path).is_err();
                match e.io_error().map(IoReason::from) {
                    Some(IoReason::NotFound) | None => {}
                    Some(_) if leads_nowhere => {}
                    Some(reason) => errors.push((path, ReadError::Folder(reason))),
                }
            }
        }
    }
}

/// Hidden by the Unix convention: a name that starts with a dot. A walk
/// skips such entries, and the watcher ignores changes inside them.
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// Identifies a file however it was reached (given twice, through a link): its
/// device and inode where the platform has them.
#[cfg(unix)]
fn file_key(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

/// Without inodes, size and modification time stand in; a rare false match
/// only hides a byte-identical twin.
#[cfg(not(unix))]
fn file_key(meta: &fs::Metadata) -> (u64, u64) {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (meta.len(), modified)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_keeps_minutes_files_in_name_order_once_and_skips_hidden_ones() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("b/.git")).unwrap();
        fs::create_dir_all(d.join(".hidden")).unwrap();
        for name in [
            "b/2.txt",
            "a.TXT",
            "b/1.pdf",
            "b/.git/x.txt",
            ".hidden/y.md",
            "c.docx",
        ] {
            fs::write(d.join(name), "x").unwrap();
        }
        let found = walk(&[d.to_path_buf(), d.join("a.TXT"), d.to_path_buf()]);
        let names: Vec<String> = found
            .files
            .iter()
            .map(|(p, _)| p.strip_prefix(d).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.TXT", "b/1.pdf", "b/2.txt"]);
        assert!(found.errors.is_empty(), "{:?}", found.errors);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_loops_and_dangling_links_skipped_and_missing_paths_reported() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir(d.join("sub")).unwrap();
        fs::write(d.join("sub/m.txt"), "x").unwrap();
        std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(d.join("gone.txt"), d.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink("round.txt", d.join("round.txt")).unwrap();
        let found = walk(&[d.to_path_buf(), d.join("nope")]);
        let files: Vec<_> = found.files.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(files, [d.join("sub/m.txt")]);
        assert_eq!(
            found.errors,
            [(d.join("nope"), ReadError::File(IoReason::NotFound))]
        );
    }
}
