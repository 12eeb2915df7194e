//! Keystroke-to-frame time of the finder on generated corpora of 200,000 and
//! 1,000,000 items (issue 16's goals: first frame p99 < 16 ms at 1M, settled
//! p99 < 50 ms at 200k).
//!
//! Run with `cargo bench --bench finder` for both sizes, or
//! `cargo bench --bench finder -- 50000` for others. For every keystroke it measures
//! - *first frame*: key handled, one nucleo `tick` (as the event loop does), frame
//!   drawn — what the user waits for before the screen reacts; and
//! - *settled frame*: ticks until nucleo has finished matching, then a frame —
//!   when the results are complete.
//!
//! The first keystroke of a query (a rescore of every item) and later keystrokes
//! (which only filter the previous matches) are reported apart, as p50/p99, and
//! as a ratio against a baseline measured in the same run: a plain
//! single-threaded lowercase substring scan over the same haystacks. No
//! assertions: this prints a table.

use std::hint::black_box;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use referat::tui::app::App;
use referat::tui::fold::fold_query;
use referat::tui::{Action, finder, testing, ui};

const SIZES: [usize; 2] = [200_000, 1_000_000];
const QUERIES: [&str; 6] = [
    "kvarterhus",
    "budget",
    "25/83",
    "økonomi",
    "gadehavegaard",
    "strategi klima",
];
const ROUNDS: usize = 6;

fn key(c: char) -> KeyEvent {
    let code = match c {
        '\x1b' => KeyCode::Esc,
        c => KeyCode::Char(c),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i]
}

fn ms(d: Duration) -> String {
    format!("{:8.2} ms", d.as_secs_f64() * 1000.0)
}

#[derive(Default)]
struct Samples {
    first: Vec<Duration>,
    later: Vec<Duration>,
}

impl Samples {
    fn push(&mut self, first: bool, d: Duration) {
        if first {
            self.first.push(d)
        } else {
            self.later.push(d)
        }
    }
}

/// The allocator the `referat` binary uses, so the figures are the shipped ones.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let asked: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    let sizes = if asked.is_empty() {
        SIZES.to_vec()
    } else {
        asked
    };
    for (n, items) in sizes.into_iter().enumerate() {
        if n > 0 {
            println!();
        }
        run(items);
    }
}

/// Measures one corpus of `items` items and prints its table.
fn run(items: usize) {
    let corpus = testing::synthetic(items);
    // Baseline haystacks: what the finder matches, lowercased and folded alike.
    let haystacks: Vec<String> = corpus
        .meetings()
        .iter()
        .flat_map(|m| {
            m.items.iter().map(move |i| {
                let date = m.date.map(|d| d.danish()).unwrap_or_default();
                fold_query(&format!(
                    "{} {} {} {}",
                    i.title,
                    i.case_numbers.join(" "),
                    m.forum,
                    date
                ))
            })
        })
        .collect();

    let started = Instant::now();
    let mut app = App::new(corpus);
    app.handle(referat::tui::Message::Action(Action::Resize {
        width: 120,
        height: 40,
    }));
    app.finder.settle(Duration::from_secs(120));
    let injected = started.elapsed();
    let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();

    let mut first_frame = Samples::default();
    let mut settled = Samples::default();
    let mut baseline = Samples::default();
    for round in 0..ROUNDS {
        for query in QUERIES {
            // Open the finder on an empty query and let it settle (not measured).
            app.handle(referat::tui::Message::Key(key('\x1b')));
            app.handle(referat::tui::Message::Key(key('f')));
            app.finder.settle(Duration::from_secs(60));
            app.sync();
            for (n, c) in query.chars().enumerate() {
                let t0 = Instant::now();
                app.handle(referat::tui::Message::Key(key(c)));
                app.finder.tick(finder::TICK_MS);
                app.sync();
                term.draw(|f| ui::draw(f, &app)).unwrap();
                let t1 = Instant::now();
                while app.finder.busy() {
                    app.finder.tick(finder::TICK_MS);
                }
                app.sync();
                term.draw(|f| ui::draw(f, &app)).unwrap();
                let t2 = Instant::now();
                if round > 0 {
                    first_frame.push(n == 0, t1 - t0);
                    settled.push(n == 0, t2 - t0);
                }
                // Baseline: a plain substring scan for the same prefix.
                let prefix = fold_query(&query.chars().take(n + 1).collect::<String>());
                let t3 = Instant::now();
                let hits = haystacks
                    .iter()
                    .filter(|h| h.contains(prefix.as_str()))
                    .count();
                black_box(hits);
                if round > 0 {
                    baseline.push(n == 0, t3.elapsed());
                }
            }
        }
    }

    println!(
        "finder benchmark: {items} items, {} matcher threads, injected and matched in {:.2} s",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        injected.as_secs_f64()
    );
    println!(
        "{} queries x {} measured rounds; baseline = single-threaded substring scan",
        QUERIES.len(),
        ROUNDS - 1
    );
    println!();
    println!(
        "{:<28} {:>11} {:>11} {:>9} {:>9}",
        "keystroke-to-frame", "p50", "p99", "p50/base", "p99/base"
    );
    for (label, first) in [("first keystroke", true), ("later keystrokes", false)] {
        let pick = |s: &Samples| {
            if first {
                s.first.clone()
            } else {
                s.later.clone()
            }
        };
        let mut base = pick(&baseline);
        let (b50, b99) = (percentile(&mut base, 0.5), percentile(&mut base, 0.99));
        println!(
            "{:<28} {} {}",
            format!("  baseline scan ({label})"),
            ms(b50),
            ms(b99)
        );
        for (kind, samples) in [("first frame", &first_frame), ("settled frame", &settled)] {
            let mut s = pick(samples);
            let (p50, p99) = (percentile(&mut s, 0.5), percentile(&mut s, 0.99));
            println!(
                "{:<28} {} {} {:>8.2}x {:>8.2}x",
                format!("  {kind} ({label})"),
                ms(p50),
                ms(p99),
                p50.as_secs_f64() / b50.as_secs_f64(),
                p99.as_secs_f64() / b99.as_secs_f64()
            );
        }
    }
}
