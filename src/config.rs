//! The user's settings file: `$XDG_CONFIG_HOME/irview/config.toml` (else
//! `~/.config/irview/config.toml`), or the file `IRVIEW_CONFIG` names.
//!
//! Every setting is optional and the command line wins over it. An unknown setting is an error,
//! not ignored: a misspelt `thme = "light"` would otherwise leave the user wondering. Errors
//! name the file and the line, in one line.
//!
//! The file is plain data here; what a key or an action name means is the viewer's business
//! (it checks `keys` against its keymap and reports the entry's line through [`File::line_of`]).

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// The environment variable that names a config file (instead of the XDG place).
pub const ENV: &str = "IRVIEW_CONFIG";

/// The viewer's colours: dark or light, or `auto` to ask the terminal for its background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    /// Asks the terminal; not the default, since a terminal that does not answer costs the
    /// query's timeout (a tenth of a second) before the first frame.
    Auto,
    #[default]
    Dark,
    Light,
}

impl ThemeChoice {
    pub fn name(self) -> &'static str {
        match self {
            ThemeChoice::Auto => "auto",
            ThemeChoice::Dark => "dark",
            ThemeChoice::Light => "light",
        }
    }
}

/// Settings for fetching from SEC EDGAR.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edgar {
    /// The User-Agent the SEC asks for: a name and a contact e-mail.
    pub user_agent: Option<String>,
    /// Hours the ticker list and a company's submissions stay fresh in the cache (filings,
    /// which never change, are kept for good). Default 24.
    pub ttl_hours: Option<u64>,
}

/// The settings as written in the file; None where the file says nothing.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub theme: Option<ThemeChoice>,
    /// Capture the mouse for wheel scrolling.
    pub mouse: Option<bool>,
    /// The pane the viewer opens on (a pane name, as `--pane` takes).
    pub pane: Option<Spanned<String>>,
    /// Whether `y` may write to the clipboard (OSC 52); off for terminals that refuse it.
    pub copy: Option<bool>,
    /// Key overrides by action name (the names of assets/keymap.json): the listed keys replace
    /// that action's keys.
    #[serde(default)]
    pub keys: BTreeMap<String, Spanned<Vec<String>>>,
    #[serde(default)]
    pub edgar: Edgar,
}

/// A config file read and parsed, with its text kept for line numbers.
#[derive(Debug, Clone, Default)]
pub struct File {
    /// None when no file exists at the default place (then every setting is its default).
    pub path: Option<PathBuf>,
    pub text: String,
    pub config: Config,
}

/// A config file that cannot be used: `path:line: problem`, one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path.display(), self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Where the config file is looked for: `IRVIEW_CONFIG`, else `$XDG_CONFIG_HOME/irview/`
/// (absolute only, as the XDG spec says), else `$HOME/.config/irview/`. The bool says whether
/// the path was named explicitly (then a missing file is an error).
pub fn path() -> Option<(PathBuf, bool)> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(p) = var(ENV) {
        return Some((p, true));
    }
    let base = var("XDG_CONFIG_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|h| h.join(".config")))?;
    Some((base.join("irview").join("config.toml"), false))
}

/// Read the config file from [`path`]; no file at the default place is the default config.
pub fn load() -> Result<File, Error> {
    match path() {
        Some((p, explicit)) => load_from(&p, explicit),
        None => Ok(File::default()),
    }
}

/// Read and parse the config file at `path`. A missing file is fine unless `required`.
pub fn load_from(path: &Path, required: bool) -> Result<File, Error> {
    let err = |line, message: String| Error {
        path: path.to_path_buf(),
        line,
        message,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
            return Ok(File::default());
        }
        Err(e) => return Err(err(None, crate::export::io_reason(&e))),
    };
    let text = String::from_utf8(bytes).map_err(|_| err(None, "not UTF-8 text".into()))?;
    let config = parse(&text).map_err(|(line, m)| err(line, m))?;
    Ok(File {
        path: Some(path.to_path_buf()),
        text,
        config,
    })
}

/// Parse config text; an error is (1-based line, one-line message).
pub fn parse(text: &str) -> Result<Config, (Option<usize>, String)> {
    let config: Config = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_at(text, s.start));
        // toml's message is the last line of its report; the report's other lines draw the
        // offending line, which our one line replaces with its number.
        let message = e.message().lines().next().unwrap_or("invalid TOML").trim();
        (line, message.to_string())
    })?;
    if let Some(p) = &config.pane {
        let names: Vec<&str> = crate::pane::PaneKind::ALL
            .iter()
            .map(|k| k.name())
            .collect();
        if !names.contains(&p.get_ref().as_str()) {
            return Err((
                Some(line_at(text, p.span().start)),
                format!(
                    "unknown pane '{}' (one of {})",
                    p.get_ref(),
                    names.join(", ")
                ),
            ));
        }
    }
    Ok(config)
}

impl File {
    /// The 1-based line of a byte span of the file (for errors found after parsing).
    pub fn line_of(&self, span: &Range<usize>) -> usize {
        line_at(&self.text, span.start)
    }

    /// An error about a span of this file.
    pub fn error(&self, span: &Range<usize>, message: String) -> Error {
        Error {
            path: self.path.clone().unwrap_or_default(),
            line: Some(self.line_of(span)),
            message,
        }
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_parses() {
        let c = parse(
            "theme = \"light\"\nmouse = true\npane = \"highlights\"\ncopy = false\n\n[keys]\nquit = [\"q\", \"Ctrl-q\"]\n\n[edgar]\nuser_agent = \"Jane Doe jane@example.com\"\n",
        )
        .unwrap();
        assert_eq!(c.theme, Some(ThemeChoice::Light));
        assert_eq!(c.mouse, Some(true));
        assert_eq!(
            c.pane.as_ref().map(|p| p.get_ref().as_str()),
            Some("highlights")
        );
        assert_eq!(c.copy, Some(false));
        assert_eq!(c.keys["quit"].get_ref(), &["q", "Ctrl-q"]);
        assert_eq!(
            c.edgar.user_agent.as_deref(),
            Some("Jane Doe jane@example.com")
        );
        assert_eq!(parse("").unwrap(), Config::default());
    }

    #[test]
    fn errors_name_the_line_and_the_problem_in_one_line() {
        for (text, line, needle) in [
            ("mouse = true\nthme = \"light\"\n", 2, "thme"),
            ("theme = \"purple\"\n", 1, "purple"),
            ("\n\nmouse = \"yes\"\n", 3, "bool"),
            ("pane = \"charts\"\n", 1, "unknown pane 'charts'"),
            ("theme = \n", 1, ""),
            ("[edgar]\nagent = \"x\"\n", 2, "agent"),
        ] {
            let (l, m) = parse(text).unwrap_err();
            assert_eq!(l, Some(line), "{text:?}: {m}");
            assert!(m.contains(needle), "{text:?}: {m}");
            assert!(!m.contains('\n'), "{m:?}");
        }
    }

    #[test]
    fn a_named_file_must_exist_the_default_one_need_not() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        assert!(load_from(&p, false).unwrap().path.is_none());
        let e = load_from(&p, true).unwrap_err();
        assert!(e.to_string().starts_with(&p.display().to_string()), "{e}");
        std::fs::write(&p, "theme = \"dark\"\nmouse = 3\n").unwrap();
        let e = load_from(&p, true).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().contains("config.toml:2: "), "{e}");
        std::fs::write(&p, [0xff, 0xfe, 0x00]).unwrap();
        assert!(
            load_from(&p, true)
                .unwrap_err()
                .to_string()
                .contains("not UTF-8")
        );
    }
}
