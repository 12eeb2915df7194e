//! Loader throughput on the bundled sample repeated to at least 50 MB.
//!
//! Run with `cargo bench --bench loader`. Prints MB/s for the loader and for two
//! baselines measured in the same run on the same text, and the ratio to them, so
//! the figures mean something on any machine:
//! - *line scan*: splitting the text into lines and summing their lengths, the
//!   least any line-based reader has to do;
//! - *decode*: UTF-8 validation and copy, what reading a file costs before parsing.
//!
//! Nothing here is asserted: timings belong in reports, not in tests.

use std::hint::black_box;
use std::time::{Duration, Instant};

use referat_core::corpus::BUNDLED;
use referat_core::{Corpus, decode, loader};

const TARGET_BYTES: usize = 50 * 1024 * 1024;
const RUNS: usize = 7;

/// The allocator the `referat` binary uses, so the figures are the shipped ones.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut docs: Vec<(String, String)> = Vec::new();
    let mut total = 0;
    let mut round = 0;
    while total < TARGET_BYTES {
        for (name, text) in BUNDLED {
            docs.push((format!("{round}/{name}"), text.to_string()));
            total += text.len();
        }
        round += 1;
    }
    let mb = total as f64 / 1e6;
    println!(
        "corpus: {} documents, {:.1} MB (the bundled sample repeated {round} times); {} runs, median",
        docs.len(),
        mb,
        RUNS
    );

    let line_scan = median(|| {
        let n: usize = docs
            .iter()
            .map(|(_, t)| t.split('\n').map(str::len).sum::<usize>())
            .sum();
        black_box(n);
    });
    let decode_time = median(|| {
        for (_, t) in &docs {
            black_box(decode::decode(t.as_bytes()));
        }
    });
    let parse_one_thread = median(|| {
        for (name, t) in &docs {
            black_box(loader::parse(t, name));
        }
    });
    let threads = rayon::current_num_threads();
    let corpus_parallel = median(|| {
        black_box(Corpus::from_texts(docs.iter().cloned()));
    });

    println!();
    println!("| what | time | MB/s | × line scan | × decode |");
    println!("|---|---:|---:|---:|---:|");
    for (what, time) in [
        ("line scan (baseline)", line_scan),
        ("decode (baseline)", decode_time),
        ("loader::parse, 1 thread", parse_one_thread),
        (
            &*format!("Corpus::from_texts, {threads} threads (incl. index)"),
            corpus_parallel,
        ),
    ] {
        println!(
            "| {what} | {:.0} ms | {:.0} | {:.2} | {:.2} |",
            time.as_secs_f64() * 1e3,
            mb / time.as_secs_f64(),
            time.as_secs_f64() / line_scan.as_secs_f64(),
            time.as_secs_f64() / decode_time.as_secs_f64(),
        );
    }
    println!(
        "\nper core: {:.0} MB/s parsing",
        mb / corpus_parallel.as_secs_f64() / threads as f64
    );
}

/// Runs `f` several times and returns the median duration.
fn median(mut f: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
