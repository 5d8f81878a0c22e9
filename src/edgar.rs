//! SEC EDGAR, fetched politely: a company's press releases (the EX-99 documents of its filings)
//! as files irview opens.
//!
//! Fair access, as the SEC asks of automated tools: every request carries a User-Agent with a
//! name and a contact e-mail (none: refused before any request); never more than `rate`
//! requests in any second (10 at most, the SEC's limit), held by a sliding window of the last
//! requests' times; 429, 5xx and timeouts retried with exponential backoff and jitter, a
//! `Retry-After` honoured; the SEC's "Request Rate Threshold Exceeded" page, which comes back
//! instead of data once a client is blocked, reported as what it is.
//!
//! Every response is kept under the cache directory (`edgar/<host>/<path>`): filings never
//! change and are kept for good; the ticker list and a company's submissions expire after
//! `ttl`. With `offline`, only the cache is read. Files are written whole or not at all
//! (a temporary file, then a rename), here and in the cache.

use crate::ingest::sgml;
use serde::Deserialize;
use std::collections::VecDeque;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

/// The environment variables that set the base URL and the User-Agent.
pub const ENV_URL: &str = "IRVIEW_EDGAR_URL";
pub const ENV_USER_AGENT: &str = "IRVIEW_USER_AGENT";
/// The SEC's limit: requests in any one second.
pub const MAX_RATE: u32 = 10;
/// A response larger than this is not a filing anyone needs whole (and not held in memory).
const MAX_BODY: u64 = 256 * 1024 * 1024;
/// Attempts of one request (the first and its retries).
const ATTEMPTS: u32 = 5;

#[derive(Debug)]
pub enum Error {
    /// No usable User-Agent: nothing was requested.
    NoUserAgent(String),
    /// The server answered, but not with what was asked (status, body, parse).
    Response {
        url: String,
        reason: String,
    },
    /// The SEC's block page: the client is over the rate threshold.
    Blocked(String),
    /// `--offline` and the cache lacks this.
    Offline(String),
    /// The company or filing is not there.
    NotFound(String),
    /// A transport failure after the retries (connection, timeout).
    Network {
        url: String,
        reason: String,
    },
    Io {
        path: PathBuf,
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoUserAgent(why) => write!(
                f,
                "{why}: the SEC asks every client for a User-Agent with a name and a contact \
                 e-mail; set one with --user-agent \"Your Name you@example.com\", the \
                 {ENV_USER_AGENT} environment variable, or user_agent under [edgar] in the \
                 config file (irview config --print)"
            ),
            Error::Response { url, reason } => write!(f, "{url}: {reason}"),
            Error::Blocked(url) => write!(
                f,
                "{url}: the SEC answered with its \"Request Rate Threshold Exceeded\" page: this \
                 address is blocked for going over its fair-access rate; wait ten minutes, then \
                 fetch less at a time (--rate)"
            ),
            Error::Offline(url) => write!(
                f,
                "{url}: not in the cache, and --offline allows no request (run once without \
                 --offline to fill the cache)"
            ),
            Error::NotFound(what) => write!(f, "{what}"),
            Error::Network { url, reason } => write!(f, "{url}: {reason}"),
            Error::Io { path, reason } => write!(f, "{}: {reason}", path.display()),
        }
    }
}

impl std::error::Error for Error {}

/// What a fetch needs: where, who is asking, how fast, and the cache.
#[derive(Debug, Clone)]
pub struct Options {
    /// Replaces both `https://www.sec.gov` and `https://data.sec.gov` (paths kept), for
    /// tests and mirrors.
    pub base: Option<String>,
    pub user_agent: String,
    /// Requests in any second, at most [`MAX_RATE`].
    pub rate: u32,
    pub offline: bool,
    /// Where responses are kept; None: no cache (every response fetched).
    pub cache: Option<PathBuf>,
    /// How long the ticker list and submissions are fresh.
    pub ttl: Duration,
    /// The first retry's wait; each next one doubles it.
    pub backoff: Duration,
    pub timeout: Duration,
}

impl Options {
    pub fn new(user_agent: String) -> Options {
        Options {
            base: None,
            user_agent,
            rate: MAX_RATE,
            offline: false,
            cache: crate::cache::dir().map(|d| d.join("edgar")),
            ttl: Duration::from_secs(24 * 3600),
            backoff: Duration::from_millis(500),
            timeout: Duration::from_secs(30),
        }
    }
}

/// A User-Agent the SEC accepts: some name and an e-mail address.
pub fn check_user_agent(ua: &str) -> Result<(), Error> {
    let ua = ua.trim();
    if ua.is_empty() {
        return Err(Error::NoUserAgent("no User-Agent".into()));
    }
    let email = ua.split_whitespace().any(|w| {
        w.split_once('@')
            .is_some_and(|(a, b)| !a.is_empty() && b.contains('.'))
    });
    let name = ua.split_whitespace().any(|w| !w.contains('@'));
    if !(email && name) {
        return Err(Error::NoUserAgent(format!(
            "User-Agent \"{ua}\" lacks a name and an e-mail"
        )));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// `www.sec.gov`: the ticker list and the Archives.
    Www,
    /// `data.sec.gov`: submissions.
    Data,
}

impl Host {
    fn name(self) -> &'static str {
        match self {
            Host::Www => "www.sec.gov",
            Host::Data => "data.sec.gov",
        }
    }
}

/// Whether a response can change: filings cannot; the ticker list and submissions do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Immutable,
    Expiring,
}

/// One filing of a company, from its submissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filing {
    pub accession: String,
    pub date: String,
    pub form: String,
    pub items: String,
    pub primary: String,
}

/// An older page of a company's filings (`filings.files`): its file name and the date of its
/// newest filing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OlderPage {
    pub name: String,
    pub last: String,
}

/// A press release of a filing, as filed.
#[derive(Debug, Clone)]
pub struct Exhibit {
    /// "EX-99.1".
    pub doc_type: String,
    pub filename: Option<String>,
    pub body: String,
}

pub struct Client {
    opts: Options,
    agent: ureq::Agent,
    window: Mutex<VecDeque<Instant>>,
    requests: AtomicUsize,
}

impl Client {
    /// A client; refuses (before any request) without a usable User-Agent.
    pub fn new(opts: Options) -> Result<Client, Error> {
        check_user_agent(&opts.user_agent)?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(Duration::from_secs(10)))
            .timeout_global(Some(opts.timeout))
            .user_agent(opts.user_agent.trim())
            .build()
            .into();
        let opts = Options {
            rate: opts.rate.clamp(1, MAX_RATE),
            ..opts
        };
        Ok(Client {
            opts,
            agent,
            window: Mutex::new(VecDeque::new()),
            requests: AtomicUsize::new(0),
        })
    }

    /// Requests sent so far (retries included).
    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    fn url(&self, host: Host, path: &str) -> String {
        match &self.opts.base {
            Some(b) => format!("{}{path}", b.trim_end_matches('/')),
            None => format!("https://{}{path}", host.name()),
        }
    }

    fn cache_path(&self, host: Host, path: &str) -> Option<PathBuf> {
        let dir = self.opts.cache.as_ref()?;
        let rel: PathBuf = path
            .split('/')
            .filter(|p| !p.is_empty() && *p != "." && *p != "..")
            .collect();
        Some(dir.join(host.name()).join(rel))
    }

    /// The body at `path` of `host`: from the cache when it has it (fresh), else fetched (and
    /// kept).
    pub fn get(&self, host: Host, path: &str, kind: Kind) -> Result<Vec<u8>, Error> {
        let url = self.url(host, path);
        let cached = self.cache_path(host, path);
        if let Some(c) = &cached
            && let Ok(meta) = std::fs::metadata(c)
        {
            let age = meta
                .modified()
                .ok()
                .and_then(|m| SystemTime::now().duration_since(m).ok())
                .unwrap_or(Duration::MAX);
            if (kind == Kind::Immutable || age < self.opts.ttl || self.opts.offline)
                && let Ok(b) = std::fs::read(c)
            {
                return Ok(b);
            }
        }
        if self.opts.offline {
            return Err(Error::Offline(url));
        }
        let body = self.fetch(&url)?;
        if let Some(c) = &cached {
            // A cache that cannot be written is done without.
            let _ = write_atomic(c, &body);
        }
        Ok(body)
    }

    /// One GET with retries; only a whole, successful body is returned.
    fn fetch(&self, url: &str) -> Result<Vec<u8>, Error> {
        let mut wait = self.opts.backoff;
        let mut last = String::new();
        for attempt in 1..=ATTEMPTS {
            self.pace();
            self.requests.fetch_add(1, Ordering::Relaxed);
            let retry_after;
            match self.agent.get(url).call() {
                Ok(mut resp) => {
                    let status = resp.status().as_u16();
                    retry_after = resp
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.trim().parse::<u64>().ok())
                        .map(|s| Duration::from_secs(s.min(120)));
                    let body = resp.body_mut().with_config().limit(MAX_BODY).read_to_vec();
                    match (status, body) {
                        (_, Ok(b)) if is_block_page(&b) => return Err(Error::Blocked(url.into())),
                        (200, Ok(b)) => return Ok(b),
                        (200, Err(e)) => {
                            // A cut-off body: say so; a retry may get it whole.
                            last = format!("the response was cut off ({e})");
                        }
                        (404, _) => {
                            return Err(Error::Response {
                                url: url.into(),
                                reason: "not found (404)".into(),
                            });
                        }
                        (429 | 500..=599, _) => last = format!("the server answered {status}"),
                        (s, _) => {
                            return Err(Error::Response {
                                url: url.into(),
                                reason: format!("the server answered {s}"),
                            });
                        }
                    }
                }
                Err(e) => {
                    retry_after = None;
                    last = e.to_string();
                }
            }
            if attempt == ATTEMPTS {
                break;
            }
            let jitter = Duration::from_millis(fastrand::u64(0..=wait.as_millis() as u64 / 4));
            std::thread::sleep(retry_after.unwrap_or(wait + jitter));
            wait = wait.saturating_mul(2);
        }
        Err(Error::Network {
            url: url.into(),
            reason: format!("{last} (after {ATTEMPTS} attempts)"),
        })
    }

    /// Wait until a request keeps within `rate` in any second: the times of the last `rate`
    /// requests are kept, and the next waits until the oldest is a second old.
    fn pace(&self) {
        let mut w = match self.window.lock() {
            Ok(w) => w,
            Err(p) => p.into_inner(),
        };
        let rate = self.opts.rate as usize;
        // A second and a margin: the server's clock starts when a request arrives, and the
        // first of a window may have spent longer on the way (a new connection).
        let second = Duration::from_millis(1050);
        if w.len() >= rate
            && let Some(&oldest) = w.front()
        {
            let since = oldest.elapsed();
            if since < second {
                std::thread::sleep(second - since);
            }
        }
        while w.len() >= rate {
            w.pop_front();
        }
        w.push_back(Instant::now());
    }

    /// A company's CIK and ticker, from a ticker ("AAPL") or a CIK ("320193").
    pub fn company(&self, who: &str) -> Result<(u64, Option<String>), Error> {
        let who = who.trim();
        if !who.is_empty() && who.bytes().all(|b| b.is_ascii_digit()) {
            let cik = who
                .parse::<u64>()
                .map_err(|_| Error::NotFound(format!("CIK {who}")))?;
            return Ok((cik, None));
        }
        let path = "/files/company_tickers.json";
        let body = self.get(Host::Www, path, Kind::Expiring)?;
        #[derive(Deserialize)]
        struct Entry {
            cik_str: u64,
            ticker: String,
        }
        let list: std::collections::HashMap<String, Entry> = serde_json::from_slice(&body)
            .map_err(|e| Error::Response {
                url: self.url(Host::Www, path),
                reason: format!("not the ticker list ({e})"),
            })?;
        list.into_values()
            .find(|e| e.ticker.eq_ignore_ascii_case(who))
            .map(|e| (e.cik_str, Some(e.ticker.to_ascii_lowercase())))
            .ok_or_else(|| Error::NotFound(format!("no company with the ticker {who} at the SEC")))
    }

    /// The company's recent filings, newest first, and its older pages, newest first.
    pub fn filings(&self, cik: u64) -> Result<(Vec<Filing>, Vec<OlderPage>), Error> {
        let path = format!("/submissions/CIK{cik:010}.json");
        let body = self.get(Host::Data, &path, Kind::Expiring)?;
        #[derive(Deserialize)]
        struct Page {
            name: String,
            #[serde(rename = "filingTo", default)]
            to: String,
        }
        #[derive(Deserialize)]
        struct Filings {
            recent: Recent,
            #[serde(default)]
            files: Vec<Page>,
        }
        #[derive(Deserialize)]
        struct Submissions {
            filings: Filings,
        }
        let s: Submissions = serde_json::from_slice(&body).map_err(|e| Error::Response {
            url: self.url(Host::Data, &path),
            reason: format!("not a submissions file ({e})"),
        })?;
        let pages = s
            .filings
            .files
            .into_iter()
            .map(|p| OlderPage {
                name: p.name,
                last: p.to,
            })
            .collect();
        Ok((s.filings.recent.into_filings(), pages))
    }

    /// An older page of a company's filings (`filings.files` of its submissions), newest first.
    pub fn older(&self, name: &str) -> Result<Vec<Filing>, Error> {
        let path = format!("/submissions/{}", name.trim_start_matches('/'));
        let body = self.get(Host::Data, &path, Kind::Expiring)?;
        let page: Recent = serde_json::from_slice(&body).map_err(|e| Error::Response {
            url: self.url(Host::Data, &path),
            reason: format!("not a page of filings ({e})"),
        })?;
        Ok(page.into_filings())
    }

    /// The press releases of one filing, from its full submission text.
    pub fn exhibits(&self, cik: u64, accession: &str) -> Result<Vec<Exhibit>, Error> {
        let acc = accession.trim();
        if acc.len() != 20 || !acc.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return Err(Error::NotFound(format!(
                "{acc}: not an accession number (as in 0000796343-23-000044)"
            )));
        }
        let path = submission_path(cik, acc);
        let body = self.get(Host::Www, &path, Kind::Immutable)?;
        let text = String::from_utf8_lossy(&body);
        if !text.contains("<DOCUMENT>") && !text.contains("<document>") {
            return Err(Error::Response {
                url: self.url(Host::Www, &path),
                reason: "not an EDGAR submission (no <DOCUMENT>)".into(),
            });
        }
        Ok(sgml::release_documents(&text)
            .into_iter()
            .map(|(info, body)| Exhibit {
                doc_type: info.doc_type,
                filename: info.filename,
                body: body.to_string(),
            })
            .collect())
    }
}

/// A list of filings as the submissions JSON gives it: one array a field (`filings.recent`,
/// and each older page whole).
#[derive(Deserialize)]
struct Recent {
    #[serde(rename = "accessionNumber")]
    accession: Vec<String>,
    #[serde(rename = "filingDate")]
    date: Vec<String>,
    form: Vec<String>,
    #[serde(default)]
    items: Vec<String>,
    #[serde(rename = "primaryDocument", default)]
    primary: Vec<String>,
}

impl Recent {
    fn into_filings(self) -> Vec<Filing> {
        let at = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        (0..self.accession.len())
            .map(|i| Filing {
                accession: at(&self.accession, i),
                date: at(&self.date, i),
                form: at(&self.form, i),
                items: at(&self.items, i),
                primary: at(&self.primary, i),
            })
            .collect()
    }
}

/// Where a filing's full submission text is: `/Archives/edgar/data/<cik>/<accession without
/// dashes>/<accession>.txt`.
pub fn submission_path(cik: u64, accession: &str) -> String {
    let acc = accession.trim();
    format!(
        "/Archives/edgar/data/{cik}/{}/{acc}.txt",
        acc.replace('-', "")
    )
}

/// The SEC's block page, served (with a 403 or even a 200) in place of the data.
fn is_block_page(body: &[u8]) -> bool {
    let head = &body[..body.len().min(16 * 1024)];
    memchr::memmem::find(head, b"Request Rate Threshold Exceeded").is_some()
}

/// Which filings to take: the form (8-K), only results (Item 2.02), since a date, how many.
#[derive(Debug, Clone)]
pub struct Select {
    pub form: String,
    pub results: bool,
    pub since: Option<String>,
    pub limit: usize,
}

impl Select {
    pub fn take<'a>(&self, filings: &'a [Filing]) -> Vec<&'a Filing> {
        filings
            .iter()
            .filter(|f| {
                let form = f.form.trim_end_matches("/A");
                form.eq_ignore_ascii_case(&self.form)
                    && (!self.results || f.items.split(',').any(|i| i.trim() == "2.02"))
                    && self.since.as_deref().is_none_or(|d| f.date.as_str() >= d)
            })
            .take(self.limit)
            .collect()
    }
}

/// The file name of an exhibit: `<ticker>-<filing date>-<accession>-<exhibit>.<ext>`.
pub fn file_name(ticker: &str, filing: &Filing, ex: &Exhibit) -> String {
    let exhibit: String = ex
        .doc_type
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let ext = ex
        .filename
        .as_deref()
        .and_then(|f| Path::new(f).extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .filter(|e| matches!(e.as_str(), "htm" | "html" | "txt"))
        .unwrap_or_else(|| "txt".into());
    format!(
        "{ticker}-{}-{}-{exhibit}.{ext}",
        filing.date, filing.accession
    )
}

/// Write `bytes` to `path` whole or not at all: a temporary file beside it, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io {
        path: path.to_path_buf(),
        reason: crate::error::io_reason(&e),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_agent_needs_a_name_and_an_e_mail() {
        assert!(check_user_agent("Jane Doe jane@example.com").is_ok());
        for bad in [
            "",
            "  ",
            "jane@example.com",
            "Jane Doe",
            "Jane @",
            "Jane a@b",
        ] {
            let e = check_user_agent(bad).unwrap_err().to_string();
            assert!(e.contains("--user-agent"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn filings_are_chosen_by_form_items_date_and_count() {
        let f = |acc: &str, date: &str, form: &str, items: &str| Filing {
            accession: acc.into(),
            date: date.into(),
            form: form.into(),
            items: items.into(),
            primary: String::new(),
        };
        let all = vec![
            f("a", "2024-05-01", "8-K", "2.02,9.01"),
            f("b", "2024-04-01", "10-Q", ""),
            f("c", "2024-03-01", "8-K", "5.02"),
            f("d", "2023-02-01", "8-K/A", "2.02"),
        ];
        let sel = |results, since: Option<&str>, limit| Select {
            form: "8-K".into(),
            results,
            since: since.map(String::from),
            limit,
        };
        let acc = |v: Vec<&Filing>| v.iter().map(|f| f.accession.clone()).collect::<Vec<_>>();
        assert_eq!(acc(sel(false, None, 10).take(&all)), ["a", "c", "d"]);
        assert_eq!(acc(sel(true, None, 10).take(&all)), ["a", "d"]);
        assert_eq!(acc(sel(true, Some("2024-01-01"), 10).take(&all)), ["a"]);
        assert_eq!(acc(sel(false, None, 1).take(&all)), ["a"]);
    }

    #[test]
    fn names_of_written_files() {
        let filing = Filing {
            accession: "0000796343-23-000044".into(),
            date: "2023-03-15".into(),
            form: "8-K".into(),
            items: "2.02,9.01".into(),
            primary: "adbe-20230315.htm".into(),
        };
        let ex = Exhibit {
            doc_type: "EX-99.1".into(),
            filename: Some("adbeex991q123.HTM".into()),
            body: String::new(),
        };
        assert_eq!(
            file_name("adbe", &filing, &ex),
            "adbe-2023-03-15-0000796343-23-000044-ex-99-1.htm"
        );
    }
}
