//! The irview binary: parse the command line, then open the viewer or run a headless command.

mod cmd;
mod tui;

use anyhow::Result;
use clap::{Parser, Subcommand};
use irview::Opened;
use irview::cache::Cache;
use irview::config::ThemeChoice;
use irview::pane::{Pane, PaneKind};
use irview::{Choice, Release};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The panes the viewer can open on (`--pane`): the panes, without export's "all".
const VIEW_PANES: [&str; 5] = [
    "release",
    "highlights",
    "comparison",
    "restatement",
    "risks",
];

/// What `irview export` writes: a release's panes, or "all"; of a library (several files, a
/// folder), the Series and what changed ("all": both, as the viewer's `e` writes its Series tab).
const PANES: [&str; 8] = [
    "release",
    "highlights",
    "comparison",
    "restatement",
    "risks",
    "series",
    "changes",
    "all",
];

#[derive(Parser, Debug)]
#[command(
    name = "irview",
    version,
    about = "A terminal viewer for investor-relations releases",
    long_about = "irview opens a company release (SEC Exhibit 99.1 text, EDGAR HTML, a full EDGAR \
submission, Markdown, or irview's own JSON) as tabbed panes: Release, Highlights, Quarter comparison, \
Restatement and Risk factors. Every figure, event and risk keeps the line it was read from.\n\n\
With no FILE it opens the bundled sample release (Sonus Networks, Q4 2006). The format is detected \
from the content, so any file name works. Inside the viewer press ? for the keys.",
    after_help = "Commands:\n  json     print the extracted release as JSON\n  export   write panes as Markdown\n  search   find a phrase in releases (text and extracted panes)\n  series   a company's releases side by side (values as first reported, revisions, guidance vs actual)\n  diff     what changed between two releases (risks, matters, figures)\n  cache    show or empty the cache of extracted releases (cache dir, cache clear)\n  fetch    download a company's press releases from SEC EDGAR\n  open     open a company's latest results release from SEC EDGAR\n  config   show the configuration in effect (config --print)\n\n\
Examples:\n  irview                          open the bundled sample release\n  irview release.htm              open a release in the viewer\n  irview release.htm --pane highlights --search \"net income\"\n                                  open on a pane, at a phrase\n  curl -s URL | irview -          read a release from stdin\n  irview json release.txt         print the extracted release as JSON\n  irview export release.txt --pane highlights -o highlights.md\n  irview search \"stock option\" releases/\n  irview series releases/ --company AA --csv > aa.csv\n  irview diff q1.txt q2.txt\n\n\
SEC EDGAR (fetch, open) asks for fair access: set a User-Agent with your name and e-mail once \
(IRVIEW_USER_AGENT=\"Jane Doe jane@example.com\", or user_agent under [edgar] in the config file); \
irview sends no request without one, at most 10 a second, and keeps every response in its cache.\n\n\
Exit status: 0 on success, 1 when search finds nothing, 2 on any error.",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Release file to open (`-` for stdin). Default: the bundled sample. Several files, or a
    /// directory (searched recursively), open as a library: a list of the releases by company
    /// and period (Enter opens one, L comes back, ] and [ step through a company's releases).
    #[arg(value_name = "PATH")]
    files: Vec<PathBuf>,
    /// Capture the mouse for wheel scrolling (takes text selection away from the terminal).
    #[arg(long)]
    mouse: bool,
    /// Open another release of a filing that holds several: its document number or exhibit
    /// type, as `irview json FILE` lists them in file.releases (e.g. 2 or EX-99.2).
    #[arg(long, value_name = "N|TYPE")]
    document: Option<Choice>,
    /// Do not read or write the cache of extracted releases (see `irview cache`).
    #[arg(long)]
    no_cache: bool,
    /// Open on this pane instead of the Release text (a library: the first release opened
    /// from its list).
    #[arg(long, value_name = "NAME", value_parser = VIEW_PANES)]
    pane: Option<String>,
    /// Colours for a dark or a light terminal; auto asks the terminal for its background (up
    /// to a tenth of a second on one that does not answer). Default: the config file's
    /// `theme`, else dark. NO_COLOR turns colour off whatever this says.
    #[arg(long, value_name = "THEME", value_parser = ["dark", "light", "auto"])]
    theme: Option<String>,
    /// Open with this phrase searched for, on its first match (in --pane's pane if given, else
    /// the first pane that has one); `n`/`N` step through the matches. A library: in the first
    /// release opened from its list.
    #[arg(long, value_name = "PHRASE")]
    search: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the extracted release as pretty JSON.
    #[command(
        long_about = "Print the extracted release as pretty JSON: identity (company, ticker, \
period, date), highlights, outlook, comparisons, restatement events, risks, and the normalized \
document. Every item has a `source` {line, start, end} pointing into `document.text`. The output \
can be opened again: `irview json x.txt > x.json && irview x.json`.",
        after_help = "Examples:\n  irview json sonus.txt\n  irview json sonus.txt | jq '.highlights[] | select(.metric==\"revenue\")'\n  irview json - < release.htm > release.json\n  irview json filing.txt --document 3     another release of a filing (see file.releases)"
    )]
    Json {
        /// Release file (`-` for stdin). Default: the bundled sample.
        file: Option<PathBuf>,
        /// Which release of a filing that holds several: a document number or exhibit type
        /// from file.releases (e.g. 2 or EX-99.2). Default: the results release.
        #[arg(long, value_name = "N|TYPE")]
        document: Option<Choice>,
        /// Do not read or write the cache of extracted releases (see `irview cache`).
        #[arg(long)]
        no_cache: bool,
    },
    /// Export panes as Markdown.
    #[command(
        long_about = "Export panes as Markdown (CommonMark with GFM tables): a title, a metadata \
line (ticker, exchange, period, date, source file), then a section per pane. Highlights and \
comparisons are tables with numbers right-aligned; the restatement is its status and one item per \
matter (its state, since when, its latest event) with its earlier events under it; risks are a numbered list; the release is its headings, paragraphs and tables. \
Every figure, event and risk names its source line. Release text is escaped so it can never \
inject Markdown or HTML.\n\n\
Several PATHs or a directory (searched recursively) are a library: --pane series writes the \
company's Series (values as first reported, revisions, matters, guidance vs actual), --pane \
changes what changed in its latest release against the one before, and all (the default) both, \
the file the viewer's `e` writes on its Series tab. --company picks the company when the \
library holds several (the error lists them).",
        after_help = "Examples:\n  irview export sonus.txt                     all panes to stdout\n  irview export sonus.txt --pane risks -o risks.md\n  irview export sonus.txt -o sonus.md --force  replace an existing sonus.md\n  irview export filing.txt --document EX-99.2  another release of a filing\n  irview export alcoa/ --pane series -o alcoa-series.md\n  irview export corpus/ --company AA --pane changes\n\n\
Exit status: 0 on success; 2 on any error (a file that does not load, OUT already there \
without --force, no release of the company asked for, several companies without --company)."
    )]
    Export {
        /// Release file (`-` for stdin); for series and changes, files and directories.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Which pane to export (series and changes: of a library).
        #[arg(long, value_name = "NAME", default_value = "all", value_parser = PANES)]
        pane: String,
        /// Write to OUT instead of stdout. The file is written to a temporary file beside it,
        /// then renamed into place, so a reader never sees half a file.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
        /// Replace OUT if it already exists (without it, an existing OUT is an error).
        #[arg(long)]
        force: bool,
        /// Which release of a filing that holds several: a document number or exhibit type
        /// from file.releases (e.g. 2 or EX-99.2). Default: the results release.
        #[arg(long, value_name = "N|TYPE")]
        document: Option<Choice>,
        /// Of a library: the company, by its ticker or its name (required when the PATHs hold
        /// several companies).
        #[arg(long, value_name = "NAME|TICKER")]
        company: Option<String>,
        /// Do not read or write the cache of extracted releases (see `irview cache`).
        #[arg(long)]
        no_cache: bool,
    },
    /// Search releases for a phrase, in their text and their extracted panes.
    #[command(
        long_about = "Search releases for a phrase, in their text and in their extracted panes \
(a figure's row in Highlights, an event in Restatement, ...). A phrase matches across line breaks \
and runs of spaces. Case is ignored unless the pattern has a capital letter (or \
--case-sensitive is given).\n\n\
Output: one line per match, `path:line: pane: text`; for the Release pane the text is the source \
line, for other panes the row's cells. With --json, one JSON object per match per line: \
{path, pane, line, start, end, text, context} where start..end is the byte span in the \
document text (Release) or the row's source span (other panes), text is the matching text and \
context the row's text.\n\n\
Directories are searched recursively, skipping hidden entries and files that are plainly not \
releases (images, archives, office files, JSON that is not an irview release).",
        after_help = "Examples:\n  irview search \"deferred revenue\" sonus.txt\n  irview search \"stock option review\" releases/ --color always | less -R\n  irview search --regex 'restat(e|ed|ement)' releases/\n  irview search --json \"net income\" releases/ | jq .path\n  cat release.txt | irview search revenue -\n\n\
Exit status: 0 when something matched, 1 when nothing did, 2 on an error (an unreadable file is \
reported on stderr and the others are still searched; 2 only if nothing matched)."
    )]
    Search {
        /// The phrase (or, with --regex, the regular expression) to find.
        pattern: String,
        /// Files or directories (searched recursively); `-` for stdin.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Treat PATTERN as a regular expression (Rust regex syntax).
        #[arg(long)]
        regex: bool,
        /// Match case exactly (default: smart case).
        #[arg(long)]
        case_sensitive: bool,
        /// One JSON object per match per line.
        #[arg(long)]
        json: bool,
        /// Highlight matches: auto (when stdout is a terminal and NO_COLOR is unset), always, never.
        #[arg(long, value_name = "WHEN", default_value = "auto", value_parser = ["auto", "always", "never"])]
        color: String,
        /// In filings that hold several releases, search this one (a document number or an
        /// exhibit type like EX-99.2) instead of the default; a file without it is an error.
        #[arg(long, value_name = "N|TYPE")]
        document: Option<Choice>,
        /// Do not read or write the cache of extracted releases (see `irview cache`).
        #[arg(long)]
        no_cache: bool,
    },
    /// A company's releases side by side: each metric by period, revisions, guidance vs actual.
    #[command(
        long_about = "A company's releases side by side. PATHs are files and directories \
(searched recursively, as `irview search` does; a filing of several releases counts each). For \
each metric that two or more of the company's releases state (company-level figures of a \
quarter or fiscal year), each period's value as first reported, by release order (period, then \
date). A later release that states another value for the period (a prior-period column recast) \
marks the cell revised: `revised_from` is the value as first reported, `revised_by` and \
`revised_value` the latest release that states otherwise and its value, `revisions` every \
change in order. A rounder restatement of the same number ($1.2 billion after $1.19 billion) is \
no revision. QoQ and YoY changes are computed from the cells (marked derived). Each outlook is \
set against the value a later release reports for its period: below, within or above the \
range, and by how much.\n\n\
Output: Markdown by default; --json: {company, ticker, periods, releases, metrics[].{metric, \
label, basis, unit, values[].{period, value, unit, release, line, revised_from, revised_by, \
revised_value, revisions, qoq, yoy}}, guidance[].{metric, period, low, high, change, actual, verdict, by, \
by_pct}, matters[].{kind, label, steps[].{release, state}}}; --csv: one row per metric × period.\n\n\
Companies: rows are grouped by ticker (a release that omits it joins the ticker its name goes \
with elsewhere), else by name without legal forms. With releases of several companies in PATHs, \
--company is required (the error lists the companies found); --company takes a ticker or a \
name (whole, or words of it that only one company's name holds).",
        after_help = "Examples:\n  irview series alcoa/                      the one company in a folder\n  irview series corpus/ --company AA --json\n  irview series corpus/ --company alcoa --csv > alcoa.csv\n\n\
Exit status: 0 on success; 2 when a file named on the command line does not load, when \
no release is of the company asked for, or when several companies are found and --company is \
not given. A file found in a directory that does not load is reported on stderr and passed over."
    )]
    Series {
        /// Files or directories (searched recursively).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// The company: its ticker or its name (required when PATHs hold several companies).
        #[arg(long, value_name = "NAME|TICKER")]
        company: Option<String>,
        /// Print the Series as JSON.
        #[arg(long, conflicts_with = "csv")]
        json: bool,
        /// Print the Series as CSV, one row per metric × period.
        #[arg(long)]
        csv: bool,
        /// Do not read or write the cache of extracted releases (see `irview cache`).
        #[arg(long)]
        no_cache: bool,
    },
    /// What changed from one release to another: risk factors, matters, figures that moved.
    #[command(
        long_about = "What changed from OLD to NEW (two releases, usually of one company, OLD \
the earlier): risk factors added, removed and reworded (matched by the similarity of their \
normalized words, at least 60% alike; a reworded one shows its word-level difference, removed \
words struck through, added ones in bold), the progress of each restatement, review, late \
filing or regulatory matter (new, advanced, unchanged, reopened, not mentioned), and the \
figures both state for the same period whose values differ (a rounder restatement is no \
move). Markdown by default, or --json {old, new, risks{added, removed, reworded, unchanged}, \
events, moved}.",
        after_help = "Examples:\n  irview diff q1-2009.txt q2-2009.txt\n  irview diff old.htm new.htm --json | jq '.risks.added'\n\n\
Exit status: 0 when both load (whatever changed); 2 when either does not."
    )]
    Diff {
        /// The earlier release.
        old: PathBuf,
        /// The later release.
        new: PathBuf,
        /// Print the differences as JSON.
        #[arg(long)]
        json: bool,
        /// Do not read or write the cache of extracted releases (see `irview cache`).
        #[arg(long)]
        no_cache: bool,
    },
    /// Show or empty the cache of extracted releases.
    #[command(
        long_about = "irview keeps what it extracts from a file in a cache, so opening, exporting \
or searching the same file again reads the result instead of extracting it anew. An entry is \
found by a hash of the file's bytes, the --document choice, irview's version and build and its \
bundled vocabularies: a changed file or a new irview simply misses. The cache is \
$XDG_CACHE_HOME/irview (else ~/.cache/irview), at most IRVIEW_CACHE_MAX_MB megabytes (default \
256; the least recently used entries go first). A damaged entry is ignored and rebuilt; a cache \
that cannot be written is done without. --no-cache on any command bypasses it.",
        after_help = "Examples:\n  irview cache dir        print the cache directory\n  irview cache clear      remove every entry\n  irview json x.txt --no-cache"
    )]
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
    /// Download a company's press releases from SEC EDGAR, one file each.
    #[command(
        long_about = "Download the press releases (the EX-99 documents) of a company's filings \
from SEC EDGAR into DIR (default: the current directory), one file per release named \
<ticker>-<filing date>-<accession>-<exhibit>.<ext>, and print each path. TICKER or CIK names the \
company; --accession takes one filing; otherwise the newest --limit filings of --form (8-K) are \
taken, with --results only those reporting results (Item 2.02).\n\n\
Fair access: the SEC asks every automated client for a User-Agent with a name and a contact \
e-mail (--user-agent, IRVIEW_USER_AGENT, or user_agent under [edgar] in the config file); irview \
refuses to send a request without one. It never sends more than 10 requests in any second \
(--rate lowers that), retries 429 and 5xx answers with backoff (honouring Retry-After), and keeps \
every response in its cache ($XDG_CACHE_HOME/irview/edgar): filings for good, the ticker list and \
submissions for a day, so asking again makes no request. --offline uses only the cache.",
        after_help = "Examples:\n  export IRVIEW_USER_AGENT=\"Jane Doe jane@example.com\"   once\n  irview fetch AAPL --results --limit 4 -o releases/\n  irview fetch 796343 --accession 0000796343-23-000044\n  irview fetch MSFT --offline"
    )]
    Fetch {
        /// The company: its ticker (AAPL) or CIK (320193).
        #[arg(value_name = "TICKER|CIK")]
        who: String,
        /// Only filings that report results (8-K Item 2.02).
        #[arg(long)]
        results: bool,
        /// The form of the filings to take.
        #[arg(long, default_value = "8-K")]
        form: String,
        /// Only filings made on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = iso_date)]
        since: Option<String>,
        /// How many filings (newest first).
        #[arg(long, value_name = "N", default_value_t = 10)]
        limit: usize,
        /// One filing, by its accession number (0000796343-23-000044).
        #[arg(long, value_name = "ACC")]
        accession: Option<String>,
        /// Where the files go.
        #[arg(short = 'o', long = "output", value_name = "DIR", default_value = ".")]
        out: PathBuf,
        #[command(flatten)]
        edgar: EdgarArgs,
    },
    /// Open a company's latest results release from SEC EDGAR in the viewer.
    #[command(
        long_about = "Fetch (or take from the cache) a company's results release from SEC EDGAR \
and open it in the viewer: by default the newest 8-K with Item 2.02 (results); --period the newest \
whose release is of that period (as the viewer's header names it, e.g. Q1 FY2023); --accession one \
filing. The same fair access as fetch: a User-Agent is required, at most 10 requests a second, \
every response cached (--offline uses only the cache).",
        after_help = "Examples:\n  irview open AAPL\n  irview open MSFT --period \"Q2 FY2024\"\n  irview open 796343 --accession 0000796343-23-000044"
    )]
    Open {
        /// The company: its ticker (AAPL) or CIK (320193).
        #[arg(value_name = "TICKER|CIK")]
        who: String,
        /// The newest results release (the default; said for scripts that want it plain).
        #[arg(long, conflicts_with_all = ["period", "accession"])]
        latest: bool,
        /// The newest results release of this period ("Q1 FY2023", "FY2022").
        #[arg(long, value_name = "LABEL", conflicts_with = "accession")]
        period: Option<String>,
        /// One filing, by its accession number.
        #[arg(long, value_name = "ACC")]
        accession: Option<String>,
        #[command(flatten)]
        edgar: EdgarArgs,
    },
    /// Show the configuration in effect (the config file's settings over the defaults).
    #[command(
        long_about = "irview reads settings from $XDG_CONFIG_HOME/irview/config.toml (else \
~/.config/irview/config.toml), or from the file IRVIEW_CONFIG names: theme (dark, light, auto), \
mouse, pane (the pane to open on), copy (whether y writes the clipboard), [keys] (an action's \
keys by its name, as --print lists them) and [edgar] user_agent. The command line wins over the \
file. An unknown setting, action or key is an error naming the file and the line (exit 2).",
        after_help = "Examples:\n  irview config --print > ~/.config/irview/config.toml   start a config file\n  irview config --path\n  IRVIEW_CONFIG=./my.toml irview config --print"
    )]
    Config {
        /// Print the configuration in effect as a config file, with every key binding
        /// (the default when no flag is given).
        #[arg(long)]
        print: bool,
        /// Print only where the config file is looked for.
        #[arg(long, conflicts_with = "print")]
        path: bool,
    },
}

/// How to reach EDGAR: shared by the commands that fetch.
#[derive(clap::Args, Debug)]
struct EdgarArgs {
    /// Name and contact e-mail the SEC asks of every client ("Jane Doe jane@example.com").
    /// Default: IRVIEW_USER_AGENT, then user_agent under [edgar] in the config file.
    #[arg(long, value_name = "UA")]
    user_agent: Option<String>,
    /// One base URL in place of https://www.sec.gov and https://data.sec.gov (paths kept), for
    /// mirrors and tests. Default: IRVIEW_EDGAR_URL.
    #[arg(long, value_name = "URL")]
    edgar_url: Option<String>,
    /// Use only the cache: no request at all.
    #[arg(long)]
    offline: bool,
    /// At most this many requests in any second (1 to 10).
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10))]
    rate: u32,
}

/// A date as YYYY-MM-DD (what EDGAR's filing dates are).
fn iso_date(s: &str) -> Result<String, String> {
    let shape = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|v| v.parse::<u32>().ok());
    let ok = shape
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d));
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!("'{s}' is not a date as YYYY-MM-DD"))
    }
}

/// The EDGAR client the command line, the environment and the config file describe.
fn edgar_client(a: &EdgarArgs, edgar: irview::config::Edgar) -> Result<irview::edgar::Client> {
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let ua = a
        .user_agent
        .clone()
        .or_else(|| env(irview::edgar::ENV_USER_AGENT))
        .or(edgar.user_agent)
        .unwrap_or_default();
    let mut opts = irview::edgar::Options::new(ua);
    if let Some(h) = edgar.ttl_hours {
        opts.ttl = std::time::Duration::from_secs(h.saturating_mul(3600));
    }
    opts.base = a.edgar_url.clone().or_else(|| env(irview::edgar::ENV_URL));
    opts.offline = a.offline;
    opts.rate = a.rate;
    if let Some(ms) = env("IRVIEW_EDGAR_BACKOFF_MS").and_then(|v| v.parse().ok()) {
        opts.backoff = std::time::Duration::from_millis(ms);
    }
    Ok(irview::edgar::Client::new(opts)?)
}

#[derive(Subcommand, Debug)]
enum CacheAction {
    /// Print the cache directory.
    Dir,
    /// Remove every entry of the cache (other files in its directory stay).
    Clear,
}

/// The config file and the keymap with its `[keys]`; an error names the file and the line.
fn settings() -> Result<(irview::config::File, tui::keymap::Keymap)> {
    let file = irview::config::load()?;
    let keymap = tui::keymap::Keymap::bundled()
        .with_overrides(&file.config.keys)
        .map_err(|(span, m)| file.error(&span, m))?;
    Ok((file, keymap))
}

/// The cache, unless `--no-cache` said not to or it cannot be had (then irview does without).
fn cache(no_cache: bool) -> Option<Cache> {
    if no_cache { None } else { Cache::open() }
}

/// The release named on the command line (or the bundled sample, which is not cached) opened
/// through the cache, with the name it goes by; extracted only if the cache had it.
fn open(file: Option<&Path>, choice: &Choice, cache: Option<&Cache>) -> Result<(Opened, String)> {
    Ok(match file {
        Some(p) => (
            irview::open_path_cached(p, choice, cache)?,
            p.to_string_lossy().into_owned(),
        ),
        None => (
            Opened::Ingested {
                ingested: ingest_sample(choice)?,
                store: None,
            },
            irview::SAMPLE_NAME.to_string(),
        ),
    })
}

fn load(file: Option<&Path>, choice: &Choice, no_cache: bool) -> Result<Release> {
    Ok(match file {
        Some(p) => irview::load_path_cached(p, choice, cache(no_cache).as_ref())?,
        None => irview::finish(ingest_sample(choice)?, irview::SAMPLE_NAME),
    })
}

/// The bundled sample release, ingested (it is never cached).
fn ingest_sample(choice: &Choice) -> Result<irview::ingest::Ingested> {
    Ok(irview::ingest::ingest_with(
        irview::SAMPLE.as_bytes(),
        irview::SAMPLE_NAME,
        choice,
    )?)
}

fn cache_command(action: &CacheAction) -> Result<ExitCode> {
    let dir = irview::cache::dir().ok_or_else(|| {
        anyhow::anyhow!("no cache directory: neither XDG_CACHE_HOME nor HOME is set")
    })?;
    let mut stdout = cmd::Stdout::new();
    match action {
        CacheAction::Dir => stdout.write(&format!("{}\n", cmd::display_path(&dir)))?,
        CacheAction::Clear => {
            let done = irview::cache::clear_dir(&dir).map_err(|e| {
                anyhow::anyhow!(
                    "cannot clear the cache {}: {}",
                    cmd::display_path(&dir),
                    irview::export::io_reason(&e)
                )
            })?;
            stdout.write(&format!(
                "removed {} {} ({}) from {}\n",
                done.entries,
                if done.entries == 1 {
                    "entry"
                } else {
                    "entries"
                },
                bytes(done.bytes),
                cmd::display_path(&dir)
            ))?;
        }
    }
    stdout.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// A size for people: bytes, KB or MB (of 1024).
fn bytes(n: u64) -> String {
    const K: u64 = 1024;
    match n {
        n if n < K => format!("{n} bytes"),
        n if n < K * K => format!("{:.1} KB", n as f64 / K as f64),
        n => format!("{:.1} MB", n as f64 / (K * K) as f64),
    }
}

/// How the viewer opens: the command line's settings over the config file's.
fn start_of(cli: &Cli) -> Result<tui::Start> {
    let (file, keymap) = settings()?;
    Ok(start_with(cli, &file, keymap))
}

/// [`start_of`] with the config file already read (`irview open` reads it once for EDGAR too).
fn start_with(cli: &Cli, file: &irview::config::File, keymap: tui::keymap::Keymap) -> tui::Start {
    let c = &file.config;
    let theme = match cli.theme.as_deref() {
        Some("dark") => ThemeChoice::Dark,
        Some("light") => ThemeChoice::Light,
        Some(_) => ThemeChoice::Auto,
        None => c.theme.unwrap_or_default(),
    };
    let pane = cli
        .pane
        .as_deref()
        .or(c.pane.as_ref().map(|p| p.get_ref().as_str()));
    tui::Start {
        pane: pane.and_then(PaneKind::from_name),
        search: cli.search.clone(),
        mouse: cli.mouse || c.mouse.unwrap_or(false),
        theme,
        copy: c.copy.unwrap_or(true),
        keymap,
    }
}

/// The viewer on one opened release.
fn viewer(opened: Opened, name: String, cli: &Cli) -> Result<ExitCode> {
    tui::run(opened, name, start_of(cli)?)?;
    Ok(ExitCode::SUCCESS)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => {
            // Ingested only: the viewer extracts beside itself and shows the text meanwhile.
            let choice = cli.document.clone().unwrap_or_default();
            let cache = cache(cli.no_cache);
            let library = cli.files.len() > 1 || cli.files.first().is_some_and(|p| p.is_dir());
            if library {
                tui::run_library(&cli.files, cache, start_of(&cli)?)?;
                return Ok(ExitCode::SUCCESS);
            }
            let file = cli.files.first().map(PathBuf::as_path);
            let (opened, name) = open(file, &choice, cache.as_ref())?;
            viewer(opened, name, &cli)
        }
        Some(Command::Open {
            ref who,
            ref period,
            ref accession,
            ref edgar,
            ..
        }) => {
            let (file, keymap) = settings()?;
            let client = edgar_client(edgar, file.config.edgar.clone())?;
            let (path, releases) =
                cmd::fetch::to_open(&client, who, accession.as_deref(), period.as_deref())?;
            let cache = cache(cli.no_cache);
            let start = start_with(&cli, &file, keymap);
            // A filing with several press releases opens as a library of them.
            if releases > 1 {
                tui::run_library(&[path], cache, start)?;
                return Ok(ExitCode::SUCCESS);
            }
            let (opened, name) = open(Some(&path), &Choice::default(), cache.as_ref())?;
            tui::run(opened, name, start)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Json {
            file,
            document,
            no_cache,
        }) => {
            let release = load(file.as_deref(), &document.unwrap_or_default(), no_cache)?;
            // Streamed: the JSON of a large release is several times its size.
            let mut stdout = cmd::Stdout::new();
            // Buffered before the sanitizer, which then reads large blocks, not the
            // serializer's many small writes (a call each cost more than its bytes).
            let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, &mut stdout);
            serde_json::to_writer_pretty(&mut buffered, &release)?;
            std::io::Write::flush(&mut buffered)?;
            drop(buffered);
            stdout.write("\n")?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            paths,
            pane,
            output,
            force,
            document,
            company,
            no_cache,
        }) => {
            // Refuse a doomed write before the work of loading.
            if let Some(p) = &output
                && !force
                && p.exists()
            {
                return Err(irview::Error::Output {
                    path: p.clone(),
                    reason: "already exists (use --force to replace it)".into(),
                }
                .into());
            }
            let of_library = matches!(pane.as_str(), "series" | "changes")
                || paths.len() > 1
                || paths.first().is_some_and(|p| p.is_dir());
            if of_library {
                let what = match pane.as_str() {
                    "series" => cmd::series::Export::Series,
                    "changes" => cmd::series::Export::Changes,
                    "all" => cmd::series::Export::All,
                    one => anyhow::bail!(
                        "--pane {one} exports one release: name one file, or take --pane \
                         series, changes or all of several"
                    ),
                };
                // A library takes every release of every file; picking one would drop the rest
                // from the Series without saying so.
                if document.is_some() {
                    anyhow::bail!(
                        "--document picks a release of one file; --pane {pane} takes every \
                         release of the files given"
                    );
                }
                return cmd::series::export(
                    &paths,
                    company.as_deref(),
                    what,
                    output.as_deref(),
                    force,
                    cache(no_cache).as_ref(),
                );
            }
            if company.is_some() {
                anyhow::bail!(
                    "--company chooses the company of a library: use it with --pane series or \
                     changes"
                );
            }
            // One file (clap requires a PATH, and several went the library's way above).
            let Some(file) = paths.first() else {
                anyhow::bail!("no release to export");
            };
            let release = load(Some(file), &document.unwrap_or_default(), no_cache)?;
            let panes = irview::pane::build_panes(&release);
            let chosen: Vec<&Pane> = match PaneKind::from_name(&pane) {
                Some(kind) => panes.iter().filter(|p| p.kind == kind).collect(),
                None => panes.iter().collect(), // "all" (clap allows nothing else)
            };
            let md = irview::export::markdown(&release, &chosen);
            match output {
                Some(p) => irview::export::write_file(&p, &md, force)?,
                None => {
                    let mut stdout = cmd::Stdout::new();
                    stdout.write(&md)?;
                    stdout.flush()?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Search {
            pattern,
            paths,
            regex,
            case_sensitive,
            json,
            color,
            document,
            no_cache,
        }) => {
            let color = match color.as_str() {
                "always" => true,
                "never" => false,
                _ => {
                    std::io::stdout().is_terminal()
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            let opts = cmd::search::Options {
                pattern,
                regex,
                case_sensitive,
                json,
                color: color && !json,
                document: document.unwrap_or_default(),
                cache: cache(no_cache),
            };
            cmd::search::run(&opts, &paths)
        }
        Some(Command::Series {
            paths,
            company,
            json,
            csv,
            no_cache,
        }) => {
            let output = if json {
                cmd::series::Output::Json
            } else if csv {
                cmd::series::Output::Csv
            } else {
                cmd::series::Output::Markdown
            };
            cmd::series::series(&paths, company.as_deref(), output, cache(no_cache).as_ref())
        }
        Some(Command::Diff {
            old,
            new,
            json,
            no_cache,
        }) => cmd::series::diff(&old, &new, json, cache(no_cache).as_ref()),
        Some(Command::Cache { action }) => cache_command(&action),
        Some(Command::Fetch {
            who,
            results,
            form,
            since,
            limit,
            accession,
            out,
            edgar,
        }) => {
            let client = edgar_client(&edgar, irview::config::load()?.config.edgar)?;
            let job = cmd::fetch::Fetch {
                who,
                select: irview::edgar::Select {
                    form,
                    results,
                    since,
                    limit,
                },
                accession,
                out,
            };
            let paths = cmd::fetch::run(&client, &job)?;
            let mut stdout = cmd::Stdout::new();
            for p in &paths {
                stdout.write(&format!("{}\n", cmd::display_path(p)))?;
            }
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Config { path, .. }) => {
            let mut stdout = cmd::Stdout::new();
            if path {
                match irview::config::path() {
                    Some((p, _)) => stdout.write(&format!("{}\n", cmd::display_path(&p)))?,
                    None => anyhow::bail!(
                        "no config place: neither IRVIEW_CONFIG, XDG_CONFIG_HOME nor HOME is set"
                    ),
                }
            } else {
                let (file, keymap) = settings()?;
                stdout.write(&cmd::config::print(&file, &keymap))?;
            }
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return cli_error(&e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            cmd::report(&cmd::describe(&e));
            ExitCode::from(2)
        }
    }
}

/// clap's own message: help and version as clap prints them (our text alone), a usage error
/// sanitized like every other error line, since it quotes the argument it refused.
fn cli_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let text = e.render().to_string();
    eprint!("{}", irview::text::safe::text(&text));
    ExitCode::from(2)
}
