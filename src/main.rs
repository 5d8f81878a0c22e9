//! The irview binary: parse the command line, then open the viewer or run a headless command.

mod tui;

use anyhow::Result;
use clap::{Parser, Subcommand};
use irview::Release;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "irview",
    version,
    about = "A terminal viewer for investor-relations releases",
    long_about = "irview opens a company release (SEC Exhibit 99.1 text, EDGAR HTML, a full EDGAR \
submission, Markdown, or irview's own JSON) as tabbed panes: Release, Highlights, Quarter comparison, \
Restatement and Risk factors. With no FILE it opens the bundled sample release.",
    after_help = "Examples:\n  irview                          open the bundled sample release\n  irview release.htm              open a release in the viewer\n  irview json release.txt         print the extracted release as JSON\n  irview export release.txt --pane highlights -o highlights.md\n  irview search \"stock option\" releases/",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// Release file to open (`-` for stdin). Default: the bundled sample.
    file: Option<PathBuf>,
    /// Capture the mouse for wheel scrolling (takes text selection away from the terminal).
    #[arg(long)]
    mouse: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the extracted release as pretty JSON.
    #[command(
        after_help = "Example:\n  irview json sonus.txt | jq '.highlights[] | select(.metric==\"revenue\")'"
    )]
    Json {
        /// Release file (`-` for stdin). Default: the bundled sample.
        file: Option<PathBuf>,
    },
    /// Export panes as Markdown.
    #[command(
        after_help = "Examples:\n  irview export sonus.txt\n  irview export sonus.txt --pane risks -o risks.md --force"
    )]
    Export {
        /// Release file (`-` for stdin).
        file: PathBuf,
        /// release, highlights, comparison, restatement, risks, or all.
        #[arg(long, default_value = "all")]
        pane: String,
        /// Write to this file (atomically) instead of stdout.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Search releases for a phrase (exit 0 on a match, 1 on none, 2 on error).
    #[command(
        after_help = "Examples:\n  irview search \"deferred revenue\" sonus.txt\n  irview search --json 'restat(e|ement)' --regex corpus/"
    )]
    Search {
        pattern: String,
        /// Files or directories (searched recursively); `-` for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long)]
        regex: bool,
        #[arg(long)]
        case_sensitive: bool,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
        color: String,
    },
}

fn load(file: Option<&Path>) -> Result<Release> {
    Ok(match file {
        Some(p) => irview::load_path(p)?,
        None => irview::sample(),
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        None => {
            let release = load(cli.file.as_deref())?;
            tui::run(release, cli.mouse)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Json { file }) => {
            let release = load(file.as_deref())?;
            let mut out = serde_json::to_string_pretty(&release)?;
            out.push('\n');
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(out.as_bytes())
                && e.kind() != std::io::ErrorKind::BrokenPipe
            {
                return Err(e.into());
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Export {
            file,
            pane,
            output,
            force,
        }) => {
            let release = load(Some(&file))?;
            let panes = irview::pane::build_panes(&release);
            let chosen: Vec<&irview::pane::Pane> = if pane == "all" {
                panes.iter().collect()
            } else {
                let kind = irview::pane::PaneKind::from_name(&pane).ok_or_else(|| {
                    anyhow::anyhow!("unknown pane '{pane}': use release, highlights, comparison, restatement, risks or all")
                })?;
                panes.iter().filter(|p| p.kind == kind).collect()
            };
            let md = irview::export::markdown(&release, &chosen);
            match output {
                Some(p) => {
                    let _ = force;
                    std::fs::write(&p, md)?;
                }
                None => print!("{md}"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Search { .. }) => anyhow::bail!("search: not yet implemented"),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("irview: {e}");
            ExitCode::from(2)
        }
    }
}
