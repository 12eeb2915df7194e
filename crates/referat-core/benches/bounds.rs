//! How the loader copes with pathological input: time and peak memory per case, at
//! growing sizes, as ratios against parsing the same number of bytes of normal
//! minutes text (the bundled sample, renumbered into one long document).
//!
//! Run with `cargo bench --bench bounds` (release build). Optional arguments: case
//! names to run (default: all), e.g. `cargo bench --bench bounds -- lt_run tabs`.
//! A case's sizes grow by four until one run takes longer than `CAP`, so a
//! quadratic case shows itself without hanging the run.
//!
//! Peak memory is the process's high-water mark (`VmHWM` in `/proc/self/status`),
//! reset before each run through `/proc/self/clear_refs`, minus the resident size
//! before the run: what parsing that input added at its peak, input text excluded.
//!
//! Nothing here is asserted: timings belong in reports (docs/LIMITS.md), not in
//! tests; `tests/all/resource_bounds.rs` checks that the same inputs complete.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use referat_core::corpus::BUNDLED;
use referat_core::loader;

/// Stop growing a case once one run takes longer than this.
const CAP: Duration = Duration::from_secs(2);

/// A pathological input: a name, what it is, and a generator from a size.
struct Case {
    name: &'static str,
    what: &'static str,
    /// Sizes to try, smallest first (the unit is the case's own: lines, bytes, rows).
    sizes: &'static [usize],
    make: fn(usize) -> String,
}

const HEAD: &str = "REFERAT Direktionen d. 25-08-2025\n\nPunkt 1: Sag\n\n24/1\n\n";

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "single_line",
            what: "one line of N bytes of prose with markup, mojibake and wide gaps",
            sizes: &[1 << 20, 10 << 20, 40 << 20],
            make: |n| {
                let unit =
                    "Direktionen **godkender** <b>budget</b> for Ã¸konomi    og  plan &amp; ";
                let mut s = String::from(HEAD);
                s.push_str(&unit.repeat(n / unit.len()));
                s
            },
        },
        Case {
            name: "punkt_headings",
            what: "N lines `Punkt i: x`, i = 1..=N (headings stop at five digits)",
            sizes: &[100_000, 1_000_000, 4_000_000],
            make: |n| {
                let mut s = String::from("REFERAT Direktionen d. 25-08-2025\n\n");
                for i in 1..=n {
                    writeln!(s, "Punkt {i}: x").unwrap();
                }
                s
            },
        },
        Case {
            name: "beslutning_lines",
            what: "N lines `Beslutning` in one item (N empty decision sections)",
            sizes: &[100_000, 1_000_000, 4_000_000],
            make: |n| HEAD.to_string() + &"Beslutning\n".repeat(n),
        },
        Case {
            name: "table_rows",
            what: "N markdown table rows `| a | b | 3 |` in one item",
            sizes: &[100_000, 1_000_000, 4_000_000],
            make: |n| {
                let mut s = String::from(HEAD);
                s.push_str("| Aktivitet | Ansvarlig | Side |\n|--|--|--|\n");
                for i in 0..n {
                    writeln!(s, "| Aktivitet {i} | Ansvarlig | {} |", i % 100).unwrap();
                }
                s
            },
        },
        Case {
            name: "lt_run",
            what: "one line of N `<` (HTML tag search)",
            sizes: &[16 << 10, 64 << 10, 256 << 10, 1 << 20],
            make: |n| HEAD.to_string() + &"<".repeat(n),
        },
        Case {
            name: "lt_run_closed",
            what: "one line of N `<` and a final `>`",
            sizes: &[16 << 10, 64 << 10, 256 << 10, 1 << 20],
            make: |n| HEAD.to_string() + &"<".repeat(n) + ">",
        },
        Case {
            name: "lt_lines",
            what: "N/64 lines of 64 `<` (the same bytes, short lines)",
            sizes: &[1 << 20, 16 << 20],
            make: |n| HEAD.to_string() + &("<".repeat(63) + "\n").repeat(n / 64),
        },
        Case {
            name: "mojibake_run",
            what: "one line of N/2 `Ã` characters (N bytes)",
            sizes: &[1 << 20, 10 << 20, 40 << 20],
            make: |n| HEAD.to_string() + &"Ã".repeat(n / 2),
        },
        Case {
            name: "mojibake_pairs",
            what: "one line of `Ã¸Ãa` repeated to N bytes (every pair repaired)",
            sizes: &[1 << 20, 10 << 20, 40 << 20],
            make: |n| HEAD.to_string() + &"Ã¸Ãa".repeat(n / 7),
        },
        Case {
            name: "tabs",
            what: "one line of N tabs",
            sizes: &[1 << 20, 10 << 20, 40 << 20],
            make: |n| HEAD.to_string() + &"\t".repeat(n),
        },
        Case {
            name: "tab_lines",
            what: "N lines of one tab",
            sizes: &[1 << 20, 4 << 20],
            make: |n| HEAD.to_string() + &"\t\n".repeat(n),
        },
        Case {
            name: "wrapped_lines",
            what: "N lines `og mere` (lower case, no full stop: one wrapped paragraph)",
            sizes: &[4_000, 16_000, 64_000, 256_000, 1_000_000],
            make: |n| HEAD.to_string() + "Baggrund\n\n" + &"og mere\n".repeat(n),
        },
        Case {
            name: "long_wrapped_lines",
            what: "N lines of 80 capitalised chars, no full stop (joined as wrapped)",
            sizes: &[4_000, 16_000, 64_000, 256_000],
            make: |n| {
                let line = format!("{}\n", "Ord ".repeat(20).trim_end());
                HEAD.to_string() + "Baggrund\n\n" + &line.repeat(n)
            },
        },
        Case {
            name: "toc_mismatch",
            what: "N table-of-contents entries, N+1 items, no title matching",
            sizes: &[1_000, 4_000, 16_000, 64_000],
            make: |n| {
                let mut s =
                    String::from("REFERAT Direktionen d. 25-08-2025\n\nIndholdsfortegnelse\n\n");
                for i in 0..n {
                    writeln!(s, "Indgang {i}.....\t{}", i + 3).unwrap();
                }
                s.push('\n');
                for i in 1..=n + 1 {
                    write!(s, "Punkt {i}: Emne {i}\n\n24/{i}\n\n").unwrap();
                }
                s
            },
        },
        Case {
            name: "header_lines",
            what: "N unknown header lines and no item (not minutes)",
            sizes: &[100_000, 1_000_000, 4_000_000],
            make: |n| "Noget andet tekst her\n".repeat(n),
        },
        Case {
            name: "participants",
            what: "`Mødedeltagere` followed by N name lines",
            sizes: &[100_000, 1_000_000, 4_000_000],
            make: |n| {
                "REFERAT Direktionen d. 25-08-2025\n\nMødedeltagere\n".to_string()
                    + &"Anna Hansen, Bo Jensen\n".repeat(n)
            },
        },
        Case {
            name: "numbered_titles",
            what: "N portal-form items (`N` / title / case number), no `Punkt`",
            sizes: &[100_000, 1_000_000],
            make: |n| {
                let mut s = String::from("REFERAT Direktionen d. 25-08-2025\n\n");
                for i in 1..=n {
                    write!(s, "{i}\nEmne\n\nEMN-2025-00{i:04}\n\n").unwrap();
                }
                s
            },
        },
    ]
}

/// Normal minutes of about `bytes` bytes: the sample's header once, then the
/// items of the sample documents over and over, renumbered so items keep
/// increasing (one long, well-formed document).
fn normal_text(bytes: usize) -> String {
    let mut out = String::new();
    let header_doc = BUNDLED[3].1;
    let first_item = header_doc.find("\nPunkt ").expect("sample has items");
    out.push_str(&header_doc[..first_item + 1]);
    let mut number = 0;
    'fill: loop {
        for (_, text) in BUNDLED {
            let Some(start) = text.find("\nPunkt ") else {
                continue;
            };
            for line in text[start + 1..].lines() {
                if let Some(rest) = line.strip_prefix("Punkt ")
                    && let Some((_, title)) = rest.split_once(':')
                {
                    number += 1;
                    writeln!(out, "Punkt {number}:{title}").unwrap();
                } else {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            if out.len() >= bytes {
                break 'fill;
            }
        }
    }
    out
}

fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Parses `text` once; returns the time, the peak memory parsing added (bytes) and
/// the number of items. Meant to run in a fresh process (see [`run_child`]), so
/// the high-water mark is not hidden by memory an earlier run freed.
fn measure(text: &str) -> (Duration, u64, usize) {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_kb("VmRSS:");
    let start = Instant::now();
    let parsed = loader::parse(text, "bench");
    let elapsed = start.elapsed();
    let items = parsed.meeting.as_ref().map_or(0, |m| m.items.len());
    black_box(&parsed);
    let peak = status_kb("VmHWM:");
    drop(parsed);
    (elapsed, peak.saturating_sub(before) * 1024, items)
}

/// Runs one measurement in a child process (this binary, `--child CASE SIZE`;
/// `normal` is the reference text) and reads back bytes, time, peak and items.
fn run_child(case: &str, size: usize) -> (usize, Duration, u64, usize) {
    let exe = std::env::current_exe().expect("own path");
    let out = std::process::Command::new(exe)
        .args(["--child", case, &size.to_string()])
        .output()
        .expect("run child");
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<&str> = text.split_whitespace().collect();
    assert!(
        out.status.success() && fields.len() == 4,
        "child {case} {size} failed: {text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        fields[0].parse().unwrap(),
        Duration::from_secs_f64(fields[1].parse().unwrap()),
        fields[2].parse().unwrap(),
        fields[3].parse().unwrap(),
    )
}

/// The child side of [`run_child`]: builds the input, measures, prints.
fn child(case: &str, size: usize) {
    let text = if case == "normal" {
        normal_text(size)
    } else {
        let case = cases().into_iter().find(|c| c.name == case).expect("case");
        (case.make)(size)
    };
    let (time, mem, items) = measure(&text);
    println!("{} {} {mem} {items}", text.len(), time.as_secs_f64());
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, case, size] = args.as_slice()
        && flag == "--child"
    {
        child(case, size.parse().expect("size"));
        return;
    }
    let wanted: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let mb = |b: usize| b as f64 / 1e6;

    // The reference: normal text, 16 MB, best of three (each in a fresh process).
    let runs: Vec<_> = (0..3).map(|_| run_child("normal", 16 << 20)).collect();
    let normal_len = runs[0].0;
    let best = runs.iter().map(|r| r.1).min().unwrap();
    let normal_mem = runs.iter().map(|r| r.2).min().unwrap();
    let normal_s_per_mb = best.as_secs_f64() / mb(normal_len);
    let normal_mem_per_byte = normal_mem as f64 / normal_len as f64;
    println!(
        "normal text: {:.1} MB, {} items: {:.1} ms/MB ({:.0} MB/s), peak +{:.1} MB ({:.2} bytes per input byte)",
        mb(normal_len),
        runs[0].3,
        normal_s_per_mb * 1e3,
        1.0 / normal_s_per_mb,
        mb(normal_mem as usize),
        normal_mem_per_byte
    );
    println!(
        "\n{:<20} {:>10} {:>9} {:>9} {:>10} {:>8} {:>9} {:>8} {:>7}",
        "case", "size", "MB", "time", "ms/MB", "×normal", "peak MB", "×normal", "items"
    );
    for case in cases() {
        if !wanted.is_empty() && !wanted.iter().any(|w| *w == case.name) {
            continue;
        }
        println!("# {}: {}", case.name, case.what);
        for &size in case.sizes {
            let (len, time, mem, items) = run_child(case.name, size);
            let s_per_mb = time.as_secs_f64() / mb(len);
            let mem_per_byte = mem as f64 / len as f64;
            println!(
                "{:<20} {:>10} {:>9.2} {:>8.3}s {:>10.1} {:>8.1} {:>9.1} {:>8.1} {:>7}",
                case.name,
                size,
                mb(len),
                time.as_secs_f64(),
                s_per_mb * 1e3,
                s_per_mb / normal_s_per_mb,
                mb(mem as usize),
                mem_per_byte / normal_mem_per_byte,
                items
            );
            if time > CAP {
                println!("{:<20} (stopped: one run took over {CAP:?})", case.name);
                break;
            }
        }
    }
}
