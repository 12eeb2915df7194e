//! The command line: argument definitions (clap derive), kept apart from what the
//! commands do ([`crate::commands`]) so that `--help`, completions and the man page
//! all come from this one place.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use referat_core::model::{Date, SectionKind};
use referat_core::search::Filters;

const ABOUT: &str =
    "A keyboard-driven terminal browser for Danish municipal meeting minutes (referater)";

const LONG_ABOUT: &str = "\
A keyboard-driven terminal browser for Danish municipal meeting minutes (referater).

referat reads folders of minutes extracted from the published PDFs as text or
markdown (\"REFERAT Direktionen d. 25-08-2025\", \"Punkt 2: ...\", case numbers such as
24/24964, sections such as Baggrund, Indstilling and Beslutning) and lets you browse
them by keyboard, find any item by fuzzy-filtering titles and case numbers, follow a
case across meetings and read the decisions on their own.

With no PATH, referat opens the folders named by `paths` in the configuration file
(see `referat config path`), or else the bundled sample: five reference minutes
compiled into the program. Folders are read recursively for minutes files: .txt, .md,
.pdf (through poppler's pdftotext) and saved portal pages (.html).";

const EXAMPLES: &str = "\
Examples:
  referat                              Browse the bundled sample
  referat ~/referater                  Browse every minutes file under a folder
  referat case 24/24964 ~/referater    Every meeting where case 24/24964 came up
  referat decisions ~/referater | less Read the decisions, meeting by meeting
  referat export ~/referater > all.json
  referat check ~/referater            What was read from each file, and what was not
  referat follow add 24/24964          Follow a case; then `referat news ~/referater`
                                       lists what is new about it";

/// referat's command line.
#[derive(Debug, Parser)]
#[command(
    name = "referat",
    version,
    about = ABOUT,
    long_about = LONG_ABOUT,
    after_help = EXAMPLES,
    subcommand_precedence_over_arg = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Minutes files or folders to browse [default: the config's `paths`, else
    /// the bundled sample]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read every file instead of reusing what the cache knows of unchanged ones
    #[arg(long, global = true)]
    pub no_cache: bool,
}

/// The paths a subcommand reads.
#[derive(Debug, Clone, Args)]
pub struct Inputs {
    /// Minutes files or folders (read recursively for .txt, .md, .pdf, .html)
    /// [default: the config's `paths`, else the bundled sample]
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every meeting as one JSON document
    #[command(
        after_help = "Examples:\n  referat export > sample.json\n  referat export ~/referater | jq '.meetings[].forum'\n  referat export --pretty minutes.txt"
    )]
    ///
    /// The document is {"meetings": [...]}, one object per meeting with its forum,
    /// date, start_time, location, participants and items; each item has its
    /// number, title, case_numbers, closed flag, toc_page and sections (heading,
    /// kind, date, text). Meetings come oldest first. Files that cannot be read
    /// are named on stderr and left out; the exit status is 1 when no meeting
    /// is written: none could be read, or the filters kept none (said on stderr).
    Export {
        #[command(flatten)]
        inputs: Inputs,

        #[command(flatten)]
        meetings: MeetingFilters,

        /// Indent the JSON for reading (the default is compact, for scripts)
        #[arg(long)]
        pretty: bool,
    },

    /// List every item that carries a case number, oldest meeting first
    #[command(
        after_help = "Examples:\n  referat case 24/24964\n  referat case 00.01.00-A21-6-19 ~/referater\n  referat case EMN-2025-003383 byraadet.pdf --json"
    )]
    ///
    /// Prints date, forum, item number, title and the first line of the item's last
    /// decision. Surrounding white space in CASE is ignored. Exits 1 when no item
    /// carries the case number (or none in the meetings the filters keep).
    Case {
        /// The case number, e.g. 24/24964 or 00.01.00-A21-6-19
        #[arg(value_name = "CASE")]
        case: String,

        #[command(flatten)]
        inputs: Inputs,

        #[command(flatten)]
        meetings: MeetingFilters,

        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },

    /// Search the text of every item
    ///
    /// Words match case-insensitively anywhere in a word, with Danish folding (æ/ae,
    /// ø/oe and å/aa find each other); every word must occur in the item; "quoted
    /// phrases" match as phrases. Results are grouped by meeting, newest first, each
    /// item with a snippet of its first hit. Exits 1 when nothing matches.
    #[command(after_help = SEARCH_EXAMPLES)]
    Search {
        /// What to search for: words and "quoted phrases"
        #[arg(value_name = "QUERY")]
        query: String,

        #[command(flatten)]
        inputs: Inputs,

        #[command(flatten)]
        filters: SearchFilters,

        /// Print JSON instead of text
        #[arg(long)]
        json: bool,

        /// When to highlight matches
        #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
        color: ColorWhen,
    },

    /// Print each meeting's decisions, item by item (a decision digest)
    #[command(
        after_help = "Examples:\n  referat decisions | less\n  referat decisions ~/referater/2025 > beslutninger.txt"
    )]
    ///
    /// Meant for reading in a pager: `referat decisions DIR | less`.
    Decisions {
        #[command(flatten)]
        inputs: Inputs,

        #[command(flatten)]
        meetings: MeetingFilters,
    },

    /// Report what was read from each file, and what was not
    #[command(
        after_help = "Examples:\n  referat check ~/referater\n  referat check --json ~/referater | jq '.files[] | select(.ok | not)'"
    )]
    ///
    /// For each file: the meeting found, the number of items, the encoding and
    /// every warning (items without a case number, table-of-contents entries that
    /// do not match items, unknown header lines, repaired mojibake), with line
    /// numbers. Exits 0 when every file yielded a meeting, 1 otherwise.
    Check {
        #[command(flatten)]
        inputs: Inputs,

        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },

    /// Follow a case number, a search or a forum; `referat news` says what is new
    #[command(after_help = FOLLOW_EXAMPLES)]
    ///
    /// The watch list lives in the state folder ($XDG_STATE_HOME/referat/watch.json
    /// on Linux), never among the minutes. What a followed thing matches when it
    /// is followed is not news; `referat news` lists what comes after.
    Follow {
        #[command(subcommand)]
        action: FollowAction,
    },

    /// What is new about the things you follow since the last `referat news`
    #[command(after_help = NEWS_EXAMPLES)]
    ///
    /// Per followed thing, the items it matches that no earlier `referat news`
    /// listed and that were not there when it was followed: new items carrying
    /// a followed case (and case-history entries about it), new hits of a
    /// followed search, the items of new meetings of a followed forum. Each is
    /// listed once: the run records what it listed. With --since, the items of
    /// meetings on or after that day are listed instead, and nothing is
    /// recorded. Exits 0 when there is news and 1 when there is none, so it fits
    /// cron: `referat news ~/referater && ...`.
    News {
        #[command(flatten)]
        inputs: Inputs,

        /// List what is followed in meetings on or after DATE instead (YYYY-MM-DD
        /// or DD-MM-YYYY); nothing is recorded
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        since: Option<Date>,

        /// Print JSON instead of text: every followed thing with its new items
        #[arg(long)]
        json: bool,
    },

    /// Show where the configuration file is, or print a commented default one
    #[command(after_help = CONFIG_EXAMPLES)]
    ///
    /// The file is TOML. It is read from REFERAT_CONFIG when that is set, else
    /// from the platform's config folder ($XDG_CONFIG_HOME/referat/config.toml
    /// on Linux). No file means the defaults; a file with a mistake stops every
    /// command with the file, line and column of the mistake.
    Config {
        #[command(subcommand)]
        action: ConfigAction,
    },

    /// Print a completion script for a shell
    #[command(after_help = COMPLETION_EXAMPLES)]
    Completions {
        /// The shell to complete in
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },

    /// Print the manual page (roff), e.g. `referat man | man -l -`
    Man,
}

/// `referat follow …`.
#[derive(Debug, Clone, Subcommand)]
pub enum FollowAction {
    /// Follow a case number, a search (--query) or a forum (--forum)
    #[command(
        after_help = FOLLOW_ADD_EXAMPLES,
        override_usage = "referat follow add CASE [OPTIONS]\n       referat follow add --query QUERY [OPTIONS]\n       referat follow add --forum NAME [OPTIONS]"
    )]
    Add {
        /// The case number to follow, e.g. 24/24964
        #[arg(value_name = "CASE", required_unless_present_any = ["query", "forum"])]
        case: Option<String>,

        /// Follow the items this search finds (the syntax of `referat search`)
        #[arg(long, value_name = "QUERY", conflicts_with = "case")]
        query: Option<String>,

        #[command(flatten)]
        filters: SearchFilters,

        /// Minutes to read for what is there now, which is not news (repeatable)
        /// [default: the config's `paths`, else the bundled sample]
        #[arg(long = "path", value_name = "PATH")]
        paths: Vec<PathBuf>,
    },

    /// List what is followed, with the numbers `follow remove` takes
    List {
        /// Print JSON instead of text
        #[arg(long)]
        json: bool,
    },

    /// Stop following: by number (see `follow list`) or by followed case number
    Remove {
        /// Numbers from `follow list`, or followed case numbers
        #[arg(value_name = "N|CASE", required = true)]
        which: Vec<String>,
    },
}

impl FollowAction {
    /// What `follow add` asks to follow (checked by [`Follow::problem`]).
    ///
    /// [`Follow::problem`]: crate::follow::Follow::problem
    pub fn to_follow(
        case: &Option<String>,
        query: &Option<String>,
        filters: &SearchFilters,
    ) -> crate::follow::Follow {
        crate::follow::Follow {
            case: case.as_ref().map(|c| c.trim().to_string()),
            query: query.clone(),
            forum: filters.meetings.forum.clone(),
            kinds: filters.kinds.clone(),
            from: filters.meetings.from,
            to: filters.meetings.to,
        }
    }
}

const FOLLOW_EXAMPLES: &str = "\
Examples:
  referat follow add 24/24964
  referat follow add --query '\"nyt rådhus\"' --forum Direktionen
  referat follow add --forum Byrådet --path ~/referater
  referat follow list
  referat follow remove 2
  referat news ~/referater";

const FOLLOW_ADD_EXAMPLES: &str = "\
Examples:
  referat follow add 24/24964                 A case, in every forum
  referat follow add 24/24964 --forum Byrådet  A case, in one forum
  referat follow add --query hjemmearbejde --in decision
  referat follow add --forum Direktionen      Every new meeting of a forum";

const NEWS_EXAMPLES: &str = "\
Examples:
  referat news ~/referater
  referat news --since 2025-01-01 ~/referater   Look again, without recording
  referat news --json ~/referater | jq '.follows[] | select(.new != [])'
  0 7 * * * referat news ~/referater | mail -E -s 'Nyt i referaterne' me   (cron)";

/// `referat config …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum ConfigAction {
    /// Print the configuration file's path (on stderr: whether it exists)
    Path,
    /// Print a configuration file with every setting commented out and explained
    Default,
}

const CONFIG_EXAMPLES: &str = "\
Examples:
  referat config path
  referat config default > \"$(referat config path)\"   Start a configuration file
  REFERAT_CONFIG=~/work.toml referat                    Use another file";

const COMPLETION_EXAMPLES: &str = "\
Examples:
  referat completions bash > ~/.local/share/bash-completion/completions/referat
  referat completions zsh > ~/.zfunc/_referat
  referat completions fish > ~/.config/fish/completions/referat.fish";

/// Writes the completion script for `shell`, generated from the definitions.
pub fn write_completions(
    shell: clap_complete::Shell,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    use clap::CommandFactory;
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "referat", &mut buffer);
    out.write_all(&buffer)
}

/// Writes the man page (roff), generated from the definitions.
pub fn write_man_page(out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    clap_mangen::Man::new(Cli::command()).render(out)
}

const SEARCH_EXAMPLES: &str = "\
Examples:
  referat search realdania
  referat search '\"nyt rådhus\" budget' ~/referater
  referat search hjemmearbejde --in decision --from 2021-01-01
  referat search kvarterhus --forum direktionen --json";

/// Which meetings a command looks at: `search`, `decisions`, `case` and
/// `export` take the same three.
#[derive(Debug, Clone, Default, Args)]
pub struct MeetingFilters {
    /// Only meetings of a forum whose name contains NAME
    #[arg(long, value_name = "NAME")]
    pub forum: Option<String>,

    /// Only meetings on or after DATE (YYYY-MM-DD or DD-MM-YYYY)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub from: Option<Date>,

    /// Only meetings on or before DATE (YYYY-MM-DD or DD-MM-YYYY)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub to: Option<Date>,
}

impl MeetingFilters {
    /// The filters, for any section kind.
    pub fn to_filters(&self) -> Filters {
        Filters {
            kinds: Vec::new(),
            forum: self.forum.clone(),
            from: self.from,
            to: self.to,
        }
    }

    /// Whether none is set: every meeting is kept.
    pub fn is_empty(&self) -> bool {
        self.forum.is_none() && self.from.is_none() && self.to.is_none()
    }
}

/// Filters of `referat search`.
#[derive(Debug, Clone, Args)]
pub struct SearchFilters {
    /// Only search sections of this kind (repeatable): background, recommendation,
    /// decision, presentation, occasion, attachments, finance, other
    #[arg(long = "in", value_name = "KIND", value_parser = parse_kind)]
    pub kinds: Vec<SectionKind>,

    #[command(flatten)]
    pub meetings: MeetingFilters,
}

impl SearchFilters {
    pub fn to_filters(&self) -> Filters {
        Filters {
            kinds: self.kinds.clone(),
            ..self.meetings.to_filters()
        }
    }
}

fn parse_kind(text: &str) -> Result<SectionKind, String> {
    SectionKind::from_name(text).ok_or_else(|| {
        let names: Vec<&str> = SectionKind::ALL.iter().map(|k| k.name()).collect();
        format!("unknown section kind; use one of: {}", names.join(", "))
    })
}

/// Accepts `2025-08-25` and the Danish `25-08-2025`.
pub fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse_iso(text)
        .or_else(|| {
            let found = referat_core::loader::dates::find_date(text)?;
            (found.start == 0 && found.end == text.trim().len()).then_some(found.date)
        })
        .ok_or_else(|| "not a date; use YYYY-MM-DD or DD-MM-YYYY".to_string())
}

/// When output is coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// When writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => {
                is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn completions_for_every_shell_know_the_subcommands() {
        use clap_complete::Shell;
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
            let mut out = Vec::new();
            write_completions(shell, &mut out).unwrap();
            let script = String::from_utf8(out).unwrap();
            for sub in [
                "export",
                "case",
                "search",
                "decisions",
                "check",
                "config",
                "completions",
                "man",
                "follow",
                "news",
            ] {
                assert!(script.contains(sub), "{shell}: {sub} missing");
            }
        }
    }

    #[test]
    fn the_man_page_documents_the_subcommands() {
        let mut out = Vec::new();
        write_man_page(&mut out).unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.contains(".TH referat"), "{page}");
        for sub in ["export", "case", "search", "decisions", "check", "config"] {
            assert!(page.contains(sub), "{sub} missing");
        }
    }

    #[test]
    fn config_completions_and_man_parse() {
        let cli = Cli::try_parse_from(["referat", "config", "path"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Config {
                action: ConfigAction::Path
            })
        ));
        let cli = Cli::try_parse_from(["referat", "completions", "fish"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Completions { .. })));
        assert!(Cli::try_parse_from(["referat", "completions", "cmd.exe"]).is_err());
        assert!(Cli::try_parse_from(["referat", "config"]).is_err());
        let cli = Cli::try_parse_from(["referat", "man"]).unwrap();
        assert!(matches!(cli.command, Some(Command::Man)));
    }

    #[test]
    fn bare_paths_and_subcommands() {
        let cli = Cli::try_parse_from(["referat", "a", "b"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.paths.len(), 2);

        let cli = Cli::try_parse_from(["referat", "case", " 24/24964 ", "dir", "--json"]).unwrap();
        match cli.command {
            Some(Command::Case {
                case, inputs, json, ..
            }) => {
                assert_eq!(case, " 24/24964 ");
                assert_eq!(inputs.paths, [PathBuf::from("dir")]);
                assert!(json);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(Cli::try_parse_from(["referat", "case"]).is_err());
    }

    #[test]
    fn search_filters_are_parsed_and_validated() {
        let cli = Cli::try_parse_from([
            "referat",
            "search",
            "budget",
            "dir",
            "--in",
            "decision",
            "--in",
            "Background",
            "--forum",
            "Direktionen",
            "--from",
            "25-08-2024",
            "--to",
            "2025-12-31",
        ])
        .unwrap();
        let Some(Command::Search { query, filters, .. }) = cli.command else {
            panic!("not search")
        };
        assert_eq!(query, "budget");
        let f = filters.to_filters();
        assert_eq!(f.kinds, [SectionKind::Decision, SectionKind::Background]);
        assert_eq!(f.from, Date::new(2024, 8, 25));
        assert_eq!(f.to, Date::new(2025, 12, 31));
        assert!(Cli::try_parse_from(["referat", "search", "x", "--in", "verdict"]).is_err());
        assert!(Cli::try_parse_from(["referat", "search", "x", "--from", "next week"]).is_err());
    }
}
