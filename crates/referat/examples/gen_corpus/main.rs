//! `gen_corpus`: writes a large, deterministic corpus of realistic minutes for the
//! scale work (loading, indexing and browsing tens of thousands of meetings).
//!
//! This file is the command line only: argument parsing, the output folder, writing
//! files in parallel and the summary. What the documents say is decided in
//! `generate.rs`, which the round-trip test includes as well.

#[allow(dead_code)] // parts used only by tests/all/gen_corpus_roundtrip.rs
mod generate;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;
use rayon::prelude::*;

use generate::{Document, FileEncoding, Generator};

/// Generate a deterministic corpus of realistic Danish meeting minutes.
#[derive(Debug, Parser)]
#[command(
    name = "gen_corpus",
    about = "Generate a deterministic corpus of realistic Danish meeting minutes",
    long_about = "Generate a deterministic corpus of realistic Danish meeting minutes for \
        testing referat at scale.\n\n\
        Documents are built from the vocabulary and structure of the bundled sample and \
        follow the format variants of FORMAT.md: plain and markdown documents, tables of \
        contents with dotted leaders or as markdown tables, case numbers in both forms \
        (24/24964 and 00.01.00-A21-6-19) that recur across meetings and forums, closed \
        items, items with up to three dated decisions, capital-letter headings, mojibake, \
        and a few files with a BOM, CRLF line ends or in Windows-1252. \
        Meetings of nine forums are spread over 2006-2025 and written as \
        DIR/<forum>/<year>/<date>-<forum>.txt or .md.\n\n\
        The same --meetings and --seed always give byte-identical files, whatever the \
        number of threads.",
    after_help = "Example:\n  cargo run --release --example gen_corpus -- --meetings 10000 --out /tmp/corpus --seed 1 --stats\n\n\
        Sizes are in decimal units: 1 KB = 1000 bytes, 1 MB = 1000 KB."
)]
struct Args {
    /// How many meetings to generate (one file each)
    #[arg(long, value_name = "N", default_value_t = 1000,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    meetings: u64,

    /// Folder to write into; created when missing
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// Seed for the generator: the same seed gives the same corpus
    #[arg(long, value_name = "SEED", default_value_t = 1)]
    seed: u64,

    /// Write into DIR even when it is not empty (files with the same names are
    /// overwritten, other files are left alone)
    #[arg(long)]
    force: bool,

    /// Print totals: bytes, files, meetings, items, decisions, distinct and
    /// recurring case numbers, meetings per forum
    #[arg(long)]
    stats: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<()> {
    let started = Instant::now();
    prepare_out_dir(&args.out, args.force)?;
    let generator = Generator::new(args.meetings as usize, args.seed);
    for folder in generator.folders() {
        let path = args.out.join(&folder);
        fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
    }
    let summaries: Vec<Summary> = (0..generator.len())
        .into_par_iter()
        .map(|i| {
            let doc = generator.document(i);
            let path = args.out.join(&doc.path);
            fs::write(&path, doc.bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(Summary::of(&doc))
        })
        .collect::<Result<_>>()?;
    let elapsed = started.elapsed();

    let bytes: usize = summaries.iter().map(|s| s.bytes).sum();
    let files = summaries.len();
    let mut out = std::io::stdout().lock();
    let printed = writeln!(
        out,
        "wrote {files} meetings ({:.1} MB) to {} in {:.2} s; average {:.1} KB per meeting (seed {})",
        bytes as f64 / 1e6,
        args.out.display(),
        elapsed.as_secs_f64(),
        bytes as f64 / files as f64 / 1e3,
        args.seed
    )
    .and_then(|()| {
        if args.stats {
            print_stats(&mut out, &summaries)
        } else {
            Ok(())
        }
    });
    match printed {
        // `gen_corpus … --stats | head` is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write to stdout"),
    }
}

/// Creates DIR when missing; refuses a non-empty one without `--force`, so a typo
/// in DIR cannot scatter thousands of files into a folder that matters.
fn prepare_out_dir(dir: &Path, force: bool) -> Result<()> {
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => bail!("{} exists and is not a folder", dir.display()),
        Ok(_) => {
            let mut entries =
                fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
            if entries.next().is_some() && !force {
                bail!(
                    "{} is not empty; choose an empty or new folder, or pass --force to write \
                     into it anyway",
                    dir.display()
                );
            }
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", dir.display())),
    }
}

/// What the statistics need from one document, so the texts can be dropped as soon
/// as they are written.
struct Summary {
    /// Size on disk.
    bytes: usize,
    encoding: FileEncoding,
    crlf: bool,
    forum: String,
    markdown: bool,
    items: usize,
    closed: usize,
    decisions: usize,
    cases: Vec<String>,
}

impl Summary {
    fn of(doc: &Document) -> Summary {
        let items = &doc.facts.items;
        let mut cases: Vec<String> = items
            .iter()
            .flat_map(|i| i.case_numbers.iter().cloned())
            .collect();
        cases.sort();
        cases.dedup();
        Summary {
            bytes: doc.file_len(),
            encoding: doc.encoding,
            crlf: doc.crlf,
            forum: doc.facts.forum.clone(),
            markdown: doc.facts.markdown,
            items: items.len(),
            closed: items.iter().filter(|i| i.closed).count(),
            decisions: items.iter().map(|i| i.decision_dates.len()).sum(),
            cases,
        }
    }
}

fn print_stats(out: &mut impl Write, summaries: &[Summary]) -> std::io::Result<()> {
    let files = summaries.len();
    let bytes: usize = summaries.iter().map(|s| s.bytes).sum();
    let min = summaries.iter().map(|s| s.bytes).min().unwrap_or(0);
    let max = summaries.iter().map(|s| s.bytes).max().unwrap_or(0);
    let items: usize = summaries.iter().map(|s| s.items).sum();
    let closed: usize = summaries.iter().map(|s| s.closed).sum();
    let decisions: usize = summaries.iter().map(|s| s.decisions).sum();
    let markdown = summaries.iter().filter(|s| s.markdown).count();
    let count = |encoding| summaries.iter().filter(|s| s.encoding == encoding).count();
    let crlf = summaries.iter().filter(|s| s.crlf).count();
    // Meetings per case number: a case "recurs" when more than one meeting has it.
    let mut meetings_per_case: HashMap<&str, usize> = HashMap::new();
    for s in summaries {
        for case in &s.cases {
            *meetings_per_case.entry(case.as_str()).or_default() += 1;
        }
    }
    let recurring = meetings_per_case.values().filter(|n| **n > 1).count();
    let kle = meetings_per_case
        .keys()
        .filter(|c| !c.contains('/'))
        .count();
    let mut per_forum: BTreeMap<&str, usize> = BTreeMap::new();
    for s in summaries {
        *per_forum.entry(s.forum.as_str()).or_default() += 1;
    }
    let forums: HashSet<&str> = per_forum.keys().copied().collect();

    writeln!(out, "total bytes:           {bytes}")?;
    writeln!(out, "files:                 {files}")?;
    writeln!(
        out,
        "meetings:              {files} ({} plain, {markdown} markdown) in {} forums",
        files - markdown,
        forums.len()
    )?;
    writeln!(out, "file size:             min {min} B, max {max} B")?;
    writeln!(
        out,
        "file forms:            {} UTF-8, {} UTF-8 with BOM, {} Windows-1252; {crlf} with CRLF",
        count(FileEncoding::Utf8),
        count(FileEncoding::Utf8Bom),
        count(FileEncoding::Windows1252)
    )?;
    writeln!(out, "items:                 {items} ({closed} closed)")?;
    writeln!(out, "decisions:             {decisions}")?;
    writeln!(
        out,
        "distinct case numbers: {} ({kle} in KLE form, {recurring} in more than one meeting)",
        meetings_per_case.len()
    )?;
    for (forum, n) in per_forum {
        writeln!(out, "  {forum:<28} {n:>7} meetings")?;
    }
    Ok(())
}
