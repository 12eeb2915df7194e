//! The warm-start cache through the real binary: an unchanged folder reads the same
//! from the cache, a changed file is read again, and a damaged cache is ignored and
//! rebuilt — never an error, never wrong data.

use std::fs;
use std::path::Path;

use crate::common;
use common::referat_command;

const MINUTES: &str = "REFERAT Direktionen d. 25-08-2025\n\nPunkt 1: Øvrige sager\n\n24/24964\n\nBeslutning\n\nTaget til efterretning.\n";

/// Runs `referat export` on `dir` with its cache in `cache`; returns stdout.
fn export(dir: &Path, cache: &Path, extra: &[&str]) -> String {
    let out = referat_command()
        .arg("export")
        .args(extra)
        .arg(dir)
        .env("REFERAT_CACHE_DIR", cache)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn cache_files(cache: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(cache)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

fn setup() -> (tempfile::TempDir, tempfile::TempDir) {
    let minutes = tempfile::tempdir().unwrap();
    for i in 0..20 {
        fs::write(
            minutes.path().join(format!("m{i:02}.txt")),
            MINUTES.replace("Øvrige sager", &format!("Sag nummer {i}")),
        )
        .unwrap();
    }
    (minutes, tempfile::tempdir().unwrap())
}

#[test]
fn an_unchanged_folder_reads_the_same_from_the_cache() {
    let (minutes, cache) = setup();
    let cold = export(minutes.path(), cache.path(), &[]);
    let files = cache_files(cache.path());
    assert_eq!(files.len(), 1, "one cache file for the folder");
    let warm = export(minutes.path(), cache.path(), &[]);
    assert_eq!(cold, warm);
    // Nothing was written into the minutes folder.
    assert_eq!(fs::read_dir(minutes.path()).unwrap().count(), 20);
}

#[test]
fn a_changed_file_is_read_again() {
    let (minutes, cache) = setup();
    export(minutes.path(), cache.path(), &[]);
    let changed = minutes.path().join("m07.txt");
    fs::write(
        &changed,
        MINUTES.replace(
            "Taget til efterretning.",
            "Godkendt med en ændring og en længere tekst.",
        ),
    )
    .unwrap();
    let after = export(minutes.path(), cache.path(), &[]);
    assert!(after.contains("Godkendt med en ændring og en længere tekst."));
    fs::remove_file(&changed).unwrap();
    let removed = export(minutes.path(), cache.path(), &[]);
    assert!(!removed.contains("m07.txt"));
    assert_eq!(removed.matches("\"source\"").count(), 19);
}

#[test]
fn a_truncated_or_corrupt_cache_is_ignored_and_rebuilt() {
    let (minutes, cache) = setup();
    let truth = export(minutes.path(), cache.path(), &[]);
    let file = cache_files(cache.path()).remove(0);
    let good = fs::read(&file).unwrap();

    fs::write(&file, &good[..good.len() / 3]).unwrap();
    assert_eq!(
        export(minutes.path(), cache.path(), &[]),
        truth,
        "truncated"
    );
    // Rebuilt whole: its last part, the listing, ends where the file does.
    // (Not byte for byte the first: files go in as their parses finish, and
    // the listing's varints depend on that order.)
    let rebuilt = fs::read(&file).unwrap();
    let listing_end = header_u64(&rebuilt, 52) + header_u64(&rebuilt, 60);
    assert_eq!(listing_end, rebuilt.len(), "rebuilt");
    assert!(rebuilt.len() > good.len() / 2, "rebuilt");

    let mut corrupt = good.clone();
    let at = corrupt.len() - 40;
    corrupt[at] ^= 0x01;
    fs::write(&file, &corrupt).unwrap();
    assert_eq!(
        export(minutes.path(), cache.path(), &[]),
        truth,
        "one bit flipped"
    );

    fs::write(&file, b"garbage").unwrap();
    assert_eq!(export(minutes.path(), cache.path(), &[]), truth, "garbage");
}

#[test]
fn no_cache_neither_reads_nor_writes_one() {
    let (minutes, cache) = setup();
    export(minutes.path(), cache.path(), &["--no-cache"]);
    assert!(cache_files(cache.path()).is_empty());
}

/// The header's field of a cache file at `at`: an offset or a length.
fn header_u64(file: &[u8], at: usize) -> usize {
    u64::from_le_bytes(file[at..at + 8].try_into().unwrap()) as usize
}

/// Where the bodies lie: from the end of the header (72 bytes) to where the
/// folded block starts.
fn bodies_range(file: &[u8]) -> std::ops::Range<usize> {
    72..header_u64(file, 36)
}

#[test]
fn a_damaged_body_is_read_again_from_its_file() {
    let (minutes, cache) = setup();
    let truth = export(minutes.path(), cache.path(), &[]);
    let file = cache_files(cache.path()).remove(0);
    let mut damaged = fs::read(&file).unwrap();
    let bodies = bodies_range(&damaged);
    assert!(bodies.len() > 100, "the bodies are stored: {bodies:?}");
    // Damage every item's stored sections: the index still reads, so the
    // files count as cached, but no damaged byte may reach the export.
    for at in bodies.step_by(7) {
        damaged[at] ^= 0x08;
    }
    fs::write(&file, &damaged).unwrap();
    assert_eq!(export(minutes.path(), cache.path(), &[]), truth);
    // Found damaged, the cache is dropped; the next run writes it anew.
    assert!(cache_files(cache.path()).is_empty());
    assert_eq!(export(minutes.path(), cache.path(), &[]), truth);
    let rebuilt = fs::read(&cache_files(cache.path())[0]).unwrap();
    assert_ne!(
        rebuilt[bodies_range(&rebuilt)],
        damaged[bodies_range(&damaged)]
    );
    assert_eq!(
        export(minutes.path(), cache.path(), &["--pretty"]),
        export(minutes.path(), cache.path(), &["--no-cache", "--pretty"])
    );
}

#[test]
fn a_warm_export_is_the_cold_export_in_both_layouts() {
    let (minutes, cache) = setup();
    for layout in [&[][..], &["--pretty"][..]] {
        let cold = export(
            minutes.path(),
            cache.path(),
            &[&["--no-cache"], layout].concat(),
        );
        export(minutes.path(), cache.path(), layout);
        let warm = export(minutes.path(), cache.path(), layout);
        assert_eq!(cold, warm, "{layout:?}");
    }
}

/// `referat search QUERY DIR` with its cache in `cache` (`None`:
/// `--no-cache`): status, stdout and stderr.
fn search(dir: &Path, cache: Option<&Path>, query: &[&str]) -> (Option<i32>, String, String) {
    let mut command = referat_command();
    command.arg("search").args(query).arg(dir);
    match cache {
        Some(cache) => command.env("REFERAT_CACHE_DIR", cache),
        None => command.arg("--no-cache"),
    };
    let out = command.output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_warm_search_answers_as_a_full_load() {
    let (minutes, cache) = setup();
    // A file that is no minutes (its error is reported by a search that
    // loads it), and a second reading of one meeting.
    fs::write(minutes.path().join("list.txt"), "en indkøbsliste\n").unwrap();
    fs::copy(
        common::root().join("assets/000_5303c59182f2946f.txt"),
        minutes.path().join("direktionen.txt"),
    )
    .unwrap();
    fs::copy(
        common::root().join("assets/000_5303c59182f2946f.txt"),
        minutes.path().join("direktionen-kopi.txt"),
    )
    .unwrap();
    for query in [
        &["efterretning"][..],
        &["sag", "nummer", "7"],
        &["\"sag nummer 1\""],
        &["kompetenceforloeb"],
        &["zzqxjkw"],
    ] {
        // The first run with the cache loads everything and writes it, the
        // second reads only what may match from it; a cold search parses
        // only what may match, and so reports only those files' errors.
        let writing = search(minutes.path(), Some(cache.path()), query);
        let warm = search(minutes.path(), Some(cache.path()), query);
        let cold = search(minutes.path(), None, query);
        assert!(writing.2.contains("list.txt"), "{query:?}: {}", writing.2);
        assert_eq!(warm, writing, "{query:?}");
        assert_eq!((cold.0, &cold.1), (writing.0, &writing.1), "{query:?}");
    }
}
