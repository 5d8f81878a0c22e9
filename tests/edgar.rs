//! `irview fetch` against a real HTTP server on 127.0.0.1 serving recorded SEC responses
//! (tests/edgar/README.md): the chain from ticker to a written release, fair access (User-Agent,
//! the rate, retries), the cache and --offline, and responses that are not data.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/edgar");
const UA: &str = "Irview Tests tests@example.com";
const ADBE_TXT: &str = "/Archives/edgar/data/796343/000079634323000044/0000796343-23-000044.txt";

/// What the server does for a path instead of serving its file, once per entry, in order.
#[derive(Clone, Copy, Debug)]
enum Trick {
    Status(u16),
    TooMany {
        retry_after: u64,
    },
    /// Headers promise the whole file; half of it comes, then the connection closes.
    Truncate,
    /// The SEC's block page in place of the data.
    Block,
}

#[derive(Default)]
struct State {
    /// (path, when, user agent) of every request.
    log: Vec<(String, Instant, Option<String>)>,
    tricks: HashMap<String, Vec<Trick>>,
    /// Paths answered with another recorded file (a step the recordings lack).
    alias: HashMap<String, String>,
    /// The same for every path under a prefix.
    alias_under: Vec<(String, String)>,
}

struct Server {
    url: String,
    state: Arc<Mutex<State>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(Mutex::new(State::default()));
        let st = Arc::clone(&state);
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let st = Arc::clone(&st);
                std::thread::spawn(move || serve(conn, &st));
            }
        });
        Server { url, state }
    }

    fn trick(&self, path: &str, tricks: &[Trick]) {
        let mut s = self.state.lock().unwrap();
        s.tricks.insert(path.to_string(), tricks.to_vec());
    }

    fn alias(&self, path: &str, to: &str) {
        let mut s = self.state.lock().unwrap();
        s.alias.insert(path.to_string(), to.to_string());
    }

    fn alias_under(&self, prefix: &str, to: &str) {
        let mut s = self.state.lock().unwrap();
        s.alias_under.push((prefix.to_string(), to.to_string()));
    }

    fn requests(&self) -> Vec<(String, Instant, Option<String>)> {
        self.state.lock().unwrap().log.clone()
    }
}

fn serve(mut conn: TcpStream, st: &Mutex<State>) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match conn.try_clone() {
        Ok(c) => c,
        Err(_) => return,
    });
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        let mut ua = None;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':')
                && k.eq_ignore_ascii_case("user-agent")
            {
                ua = Some(v.trim().to_string());
            }
        }
        let (trick, file) = {
            let mut s = st.lock().unwrap();
            s.log.push((path.clone(), Instant::now(), ua));
            let trick = s
                .tricks
                .get_mut(&path)
                .and_then(|t| (!t.is_empty()).then(|| t.remove(0)));
            let under = s
                .alias_under
                .iter()
                .find(|(p, _)| path.starts_with(p.as_str()))
                .map(|(_, to)| to.clone());
            let file = s
                .alias
                .get(&path)
                .cloned()
                .or(under)
                .unwrap_or_else(|| path.clone());
            (trick, file)
        };
        let body = std::fs::read(Path::new(ROOT).join(file.trim_start_matches('/')));
        let reply = |conn: &mut TcpStream, status: &str, extra: &str, body: &[u8]| {
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\n{extra}Connection: keep-alive\r\n\r\n",
                body.len()
            );
            conn.write_all(head.as_bytes())
                .and_then(|()| conn.write_all(body))
        };
        let ok = match (trick, body) {
            (Some(Trick::Status(code)), _) => reply(
                &mut conn,
                &format!("{code} Service Unavailable"),
                "",
                b"unavailable",
            ),
            (Some(Trick::TooMany { retry_after }), _) => reply(
                &mut conn,
                "429 Too Many Requests",
                &format!("Retry-After: {retry_after}\r\n"),
                b"slow down",
            ),
            (Some(Trick::Block), _) => {
                let page = std::fs::read(Path::new(ROOT).join("rate-exceeded.html")).unwrap();
                reply(
                    &mut conn,
                    "403 Forbidden",
                    "Content-Type: text/html\r\n",
                    &page,
                )
            }
            (Some(Trick::Truncate), Ok(b)) => {
                let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {}\r\n\r\n", b.len());
                let _ = conn.write_all(head.as_bytes());
                let _ = conn.write_all(&b[..b.len() / 2]);
                return;
            }
            (_, Ok(b)) => reply(&mut conn, "200 OK", "", &b),
            (_, Err(_)) => reply(&mut conn, "404 Not Found", "", b"no such file"),
        };
        if ok.is_err() {
            return;
        }
    }
}

/// The real binary with a fresh cache and config of its own and the server as EDGAR.
struct Env {
    dir: tempfile::TempDir,
    server: Server,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            server: Server::start(),
        }
    }

    fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    fn cache(&self) -> PathBuf {
        self.dir.path().join("cache")
    }

    fn fetch(&self, args: &[&str], ua: Option<&str>) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_irview"));
        c.arg("fetch")
            .args(args)
            .arg("-o")
            .arg(self.out())
            .env("XDG_CACHE_HOME", self.cache())
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("IRVIEW_EDGAR_URL", &self.server.url)
            .env("IRVIEW_EDGAR_BACKOFF_MS", "50")
            .env_remove("IRVIEW_CONFIG")
            .env_remove("IRVIEW_USER_AGENT");
        if let Some(ua) = ua {
            c.env("IRVIEW_USER_AGENT", ua);
        }
        c.output().unwrap()
    }

    fn written(&self) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(self.out())
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The EX-99.1 body inside Adobe's real submission, as filed.
fn adobe_release() -> String {
    let txt = std::fs::read_to_string(format!("{ROOT}{ADBE_TXT}")).unwrap();
    let at = txt.find("<TYPE>EX-99.1").unwrap();
    let body = &txt[at..];
    let s = body.find("<TEXT>").unwrap() + "<TEXT>".len();
    let e = body.find("</TEXT>").unwrap();
    body[s..e].to_string()
}

#[test]
fn ticker_to_cik_to_submissions_to_the_release_written_and_opened() {
    let env = Env::new();
    // NVIDIA's newest results 8-K is in its real submissions but was not recorded: its step
    // is served with Adobe's real results 8-K.
    let nvda = "/Archives/edgar/data/1045810/000104581026000019/0001045810-26-000019.txt";
    env.server.alias(nvda, ADBE_TXT);
    let o = env.fetch(&["NVDA", "--results", "--limit", "1"], Some(UA));
    assert!(o.status.success(), "{}", stderr(&o));
    let name = "nvda-2026-02-25-0001045810-26-000019-ex-99-1.htm";
    assert_eq!(env.written(), [name]);
    assert_eq!(
        stdout(&o).trim(),
        env.out().join(name).display().to_string()
    );
    let body = std::fs::read_to_string(env.out().join(name)).unwrap();
    assert_eq!(body, adobe_release());
    // The chain, in order, each request with the User-Agent.
    let log = env.server.requests();
    let paths: Vec<&str> = log.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/files/company_tickers.json",
            "/submissions/CIK0001045810.json",
            nvda
        ]
    );
    assert!(log.iter().all(|r| r.2.as_deref() == Some(UA)));
    // What was written opens as a release.
    let j = Command::new(env!("CARGO_BIN_EXE_irview"))
        .args(["json", "--no-cache"])
        .arg(env.out().join(name))
        .output()
        .unwrap();
    assert!(j.status.success());
    let v: serde_json::Value = serde_json::from_slice(&j.stdout).unwrap();
    assert!(
        v["company"]["name"]
            .as_str()
            .unwrap_or("")
            .contains("Adobe"),
        "{}",
        v["company"]
    );

    // The same fetch again: all from the cache, no request; the file is there, unchanged.
    let again = env.fetch(&["NVDA", "--results", "--limit", "1"], Some(UA));
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        env.server.requests().len(),
        3,
        "a cache hit makes no request"
    );
    assert_eq!(stdout(&again), stdout(&o));
}

#[test]
fn one_filing_by_accession_needs_no_list() {
    let env = Env::new();
    let o = env.fetch(&["796343", "--accession", "0000796343-23-000044"], Some(UA));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        env.written(),
        ["cik796343-2023-03-15-0000796343-23-000044-ex-99-1.htm"]
    );
    let paths: Vec<String> = env.server.requests().into_iter().map(|r| r.0).collect();
    assert_eq!(paths, [ADBE_TXT]);
    // A filing without a press release says so and writes nothing.
    let o = env.fetch(
        &["1045810", "--accession", "0001045810-26-000024"],
        Some(UA),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no press release (EX-99)"),
        "{}",
        stderr(&o)
    );
    assert_eq!(env.written().len(), 1);
}

#[test]
fn never_more_than_ten_requests_in_any_second() {
    let env = Env::new();
    // 50 8-Ks: every one of their submissions is Adobe's real one (the step not recorded).
    let subs = std::fs::read_to_string(format!("{ROOT}/submissions/CIK0001045810.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&subs).unwrap();
    let recent = &v["filings"]["recent"];
    let mut n = 0;
    for (acc, form) in recent["accessionNumber"]
        .as_array()
        .unwrap()
        .iter()
        .zip(recent["form"].as_array().unwrap())
    {
        if form == "8-K" && n < 50 {
            let acc = acc.as_str().unwrap();
            let path = format!(
                "/Archives/edgar/data/1045810/{}/{acc}.txt",
                acc.replace('-', "")
            );
            env.server.alias(&path, ADBE_TXT);
            n += 1;
        }
    }
    assert_eq!(n, 50);
    let o = env.fetch(&["NVDA", "--limit", "50"], Some(UA));
    assert!(o.status.success(), "{}", stderr(&o));
    let times: Vec<Instant> = env.server.requests().into_iter().map(|r| r.1).collect();
    assert_eq!(times.len(), 52);
    for (i, t) in times.iter().enumerate() {
        let in_second = times[i..]
            .iter()
            .take_while(|u| u.duration_since(*t) < Duration::from_secs(1))
            .count();
        assert!(
            in_second <= 10,
            "{in_second} requests within a second from #{i}"
        );
    }
    // And a lower rate when asked: two a second, so the third request waits for the first
    // to be a second old.
    let env = Env::new();
    let nvda = "/Archives/edgar/data/1045810/000104581026000019/0001045810-26-000019.txt";
    env.server.alias(nvda, ADBE_TXT);
    let o = env.fetch(
        &["NVDA", "--results", "--limit", "1", "--rate", "2"],
        Some(UA),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let times: Vec<Instant> = env.server.requests().into_iter().map(|r| r.1).collect();
    assert_eq!(times.len(), 3);
    assert!(times[2].duration_since(times[0]) >= Duration::from_secs(1));
}

#[test]
fn retries_after_503_and_after_429_with_its_retry_after() {
    let env = Env::new();
    env.server
        .trick(ADBE_TXT, &[Trick::Status(503), Trick::Status(503)]);
    let o = env.fetch(&["796343", "--accession", "0000796343-23-000044"], Some(UA));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(env.server.requests().len(), 3, "two 503s, then the data");
    assert_eq!(env.written().len(), 1);

    let env = Env::new();
    env.server
        .trick(ADBE_TXT, &[Trick::TooMany { retry_after: 1 }]);
    let o = env.fetch(&["796343", "--accession", "0000796343-23-000044"], Some(UA));
    assert!(o.status.success(), "{}", stderr(&o));
    let times: Vec<Instant> = env.server.requests().into_iter().map(|r| r.1).collect();
    assert_eq!(times.len(), 2);
    assert!(
        times[1].duration_since(times[0]) >= Duration::from_millis(950),
        "Retry-After: 1 honoured"
    );
}

#[test]
fn no_user_agent_no_request() {
    let env = Env::new();
    let o = env.fetch(&["NVDA"], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("--user-agent") && err.contains("IRVIEW_USER_AGENT"),
        "{err}"
    );
    let o = env.fetch(&["NVDA"], Some("curl/8.0"));
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("lacks a name and an e-mail"),
        "{}",
        stderr(&o)
    );
    assert!(env.server.requests().is_empty());
}

#[test]
fn offline_with_an_empty_cache_says_what_is_missing() {
    let env = Env::new();
    let o = env.fetch(&["NVDA", "--offline"], Some(UA));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("/files/company_tickers.json"), "{err}");
    assert!(err.contains("not in the cache"), "{err}");
    assert!(env.server.requests().is_empty());
}

#[test]
fn a_truncated_response_is_an_error_and_nothing_is_written() {
    let env = Env::new();
    env.server.trick(ADBE_TXT, &[Trick::Truncate; 5]);
    let o = env.fetch(&["796343", "--accession", "0000796343-23-000044"], Some(UA));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains(ADBE_TXT) && err.contains("cut off"), "{err}");
    assert!(env.written().is_empty());
    let cached: Vec<_> = walk(&env.cache());
    assert!(cached.is_empty(), "nothing cached: {cached:?}");
}

#[test]
fn the_block_page_is_reported_as_such() {
    let env = Env::new();
    env.server
        .trick("/files/company_tickers.json", &[Trick::Block]);
    let o = env.fetch(&["NVDA"], Some(UA));
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("Request Rate Threshold Exceeded"), "{err}");
    assert!(err.contains("wait ten minutes"), "{err}");
    assert_eq!(env.server.requests().len(), 1, "no retry into a block");
    assert!(walk(&env.cache()).is_empty());
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn a_filing_that_cannot_be_had_does_not_stop_the_others() {
    let env = Env::new();
    // The newest 8-K is served (Adobe's real one stands in); the next was not recorded: 404.
    let nvda = "/Archives/edgar/data/1045810/000104581026000019/0001045810-26-000019.txt";
    env.server.alias(nvda, ADBE_TXT);
    let o = env.fetch(&["NVDA", "--limit", "2"], Some(UA));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(env.written().len(), 1);
    let err = stderr(&o);
    assert!(
        err.contains("0001045810-26-000003.txt: not found (404)"),
        "{err}"
    );
    // None to be had: the error, exit 2.
    let env = Env::new();
    let o = env.fetch(&["NVDA", "--limit", "2"], Some(UA));
    assert_eq!(o.status.code(), Some(2));
    assert!(env.written().is_empty());
}

/// `irview open` in a pseudo-terminal: the newest results release fetched and shown.
#[test]
fn open_shows_the_latest_results_release_in_the_viewer() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let env = Env::new();
    let nvda = "/Archives/edgar/data/1045810/000104581026000019/0001045810-26-000019.txt";
    env.server.alias(nvda, ADBE_TXT);
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_irview"));
    cmd.args(["open", "NVDA"]);
    cmd.cwd(env.dir.path());
    cmd.env("TERM", "xterm-256color");
    cmd.env("XDG_CACHE_HOME", env.cache());
    cmd.env("XDG_CONFIG_HOME", env.dir.path().join("config"));
    cmd.env("IRVIEW_EDGAR_URL", &env.server.url);
    cmd.env("IRVIEW_USER_AGENT", UA);
    cmd.env_remove("IRVIEW_CONFIG");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(30), nz(100), 0)));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let p = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = std::io::Read::read(&mut reader, &mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let mut writer = pair.master.take_writer().unwrap();
    let start = Instant::now();
    let screen = loop {
        let s = parser.lock().unwrap().screen().contents();
        // The first frame shows the text under the file's name; the next, once the release is
        // read, its company and period (the kept file's name is checked below). Either shows
        // the release opened.
        if s.contains("Adobe")
            && s.contains("1 Release")
            && (s.contains("nvda-2026-02-25-0001045810-26-000019") || s.contains("Q1 FY2023"))
        {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "never shown:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(screen.contains("Exhibit 99.1"), "{screen}");
    writer.write_all(b"q").unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(5), "did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Three requests: the ticker list, the submissions, the filing (kept beside the cache).
    assert_eq!(env.server.requests().len(), 3);
    let kept = env
        .cache()
        .join("irview/edgar/open/nvda-2026-02-25-0001045810-26-000019.txt");
    assert_eq!(
        std::fs::read(kept).unwrap(),
        std::fs::read(format!("{ROOT}{ADBE_TXT}")).unwrap()
    );
}

#[test]
fn older_filings_come_from_the_older_pages_when_asked_for() {
    let env = Env::new();
    // Tesla's real submissions and their older page; its filings' step is Adobe's real one.
    env.server
        .alias_under("/Archives/edgar/data/1318605/", ADBE_TXT);
    // 66 results 8-Ks in the recent list (to 2018-04-03), three more on the older page.
    let o = env.fetch(
        &[
            "TSLA",
            "--results",
            "--since",
            "2017-11-01",
            "--limit",
            "70",
        ],
        Some(UA),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let paths: Vec<String> = env.server.requests().into_iter().map(|r| r.0).collect();
    assert!(paths.contains(&"/submissions/CIK0001318605-submissions-001.json".to_string()));
    // The recent list ends on 2018-02-13; 8-Ks of November 2017 to February 2018 come from the
    // older page, and none before --since.
    let written = env.written();
    assert_eq!(written.len(), 69);
    assert!(
        written.iter().any(|w| w.starts_with("tsla-2017-11-01-")),
        "{written:?}"
    );
    assert!(
        written.iter().all(|w| w.as_str() >= "tsla-2017-11-01"),
        "{written:?}"
    );
    // A request that the recent list satisfies reads no older page.
    let env = Env::new();
    env.server
        .alias_under("/Archives/edgar/data/1318605/", ADBE_TXT);
    let o = env.fetch(&["TSLA", "--limit", "1"], Some(UA));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(env.server.requests().len(), 3);
}

#[test]
fn the_config_sets_how_long_submissions_stay_fresh() {
    let env = Env::new();
    let cfg = env.dir.path().join("config/irview");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "[edgar]\nttl_hours = 0\n").unwrap();
    let args = ["796343", "--accession", "0000796343-23-000044"];
    assert!(env.fetch(&args, Some(UA)).status.success());
    // Filings never change: kept whatever the TTL.
    assert!(env.fetch(&args, Some(UA)).status.success());
    assert_eq!(env.server.requests().len(), 1);
    // The ticker list expires at once with ttl_hours = 0: asked again each time.
    assert!(
        env.fetch(&["ADBE", "--accession", "0000796343-23-000044"], Some(UA))
            .status
            .success()
    );
    assert!(
        env.fetch(&["ADBE", "--accession", "0000796343-23-000044"], Some(UA))
            .status
            .success()
    );
    let tickers = env
        .server
        .requests()
        .iter()
        .filter(|r| r.0 == "/files/company_tickers.json")
        .count();
    assert_eq!(tickers, 2);
}
