//! Compiles the extraction patterns: every regex of `extract/`, the lexicon and the event
//! vocabulary goes through [`new`] (or [`Regex::lazy`]) so that word classes are ASCII.
//!
//! Why: a Unicode `\w` compiles into thousands of NFA states (most of irview's start-up was spent
//! there), and a Unicode `\b` makes the regex crate's DFA engines give up at the first non-ASCII
//! byte — every curly quote or em dash of a release — and fall back to the backtracker or the
//! PikeVM, tens of times slower. Releases are English; the words the patterns look for are ASCII,
//! so an ASCII word class loses nothing. `\s` stays Unicode (it is small, and no-break spaces
//! are common in releases), and so does case folding.
//!
//! The patterns are built as [`Regex`], a thin wrapper of `regex_automata`'s meta regex (the
//! engine `regex::Regex` itself wraps) built without the literal prefilter: extracting the
//! literals of a case-insensitive alternation and building a Teddy searcher over them was half of
//! the cost of building irview's patterns (148 of 310 M instructions on a sample release), while
//! the texts they run on are sentences and lines, where the lazy DFA alone is as fast. Matches
//! are the same: every engine of the meta regex finds the same leftmost-first matches.
//!
//! And every pattern is built on first need, behind a gate (see [`Regex`]): a release uses a
//! fraction of the patterns, and building one costs more than running it over a whole release.

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex_automata::meta;
use regex_syntax::ast::{self, Ast};
use std::borrow::Cow;
use std::sync::OnceLock;

/// A match: its span in the haystack, as `regex::Match`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Match<'h> {
    haystack: &'h str,
    start: usize,
    end: usize,
}

impl<'h> Match<'h> {
    fn of(haystack: &'h str, m: regex_automata::Match) -> Match<'h> {
        Match {
            haystack,
            start: m.start(),
            end: m.end(),
        }
    }

    pub(crate) fn start(&self) -> usize {
        self.start
    }

    pub(crate) fn end(&self) -> usize {
        self.end
    }

    #[cfg(test)]
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    pub(crate) fn as_str(&self) -> &'h str {
        // The meta regex reports spans on char boundaries of a `&str` haystack (utf8 mode).
        self.haystack.get(self.start..self.end).unwrap_or_default()
    }
}

/// The groups of one match, as `regex::Captures`.
#[derive(Clone, Debug)]
pub(crate) struct Captures<'h> {
    haystack: &'h str,
    caps: regex_automata::util::captures::Captures,
}

impl<'h> Captures<'h> {
    pub(crate) fn get(&self, i: usize) -> Option<Match<'h>> {
        let span = self.caps.get_group(i)?;
        Some(Match {
            haystack: self.haystack,
            start: span.start,
            end: span.end,
        })
    }

    pub(crate) fn name(&self, name: &str) -> Option<Match<'h>> {
        let span = self.caps.get_group_by_name(name)?;
        Some(Match {
            haystack: self.haystack,
            start: span.start,
            end: span.end,
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.caps.group_len()
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Option<Match<'h>>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

impl std::ops::Index<usize> for Captures<'_> {
    type Output = str;

    /// As `regex::Captures`: panics when the group did not take part in the match.
    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group at index '{i}'"))
    }
}

impl<'n> std::ops::Index<&'n str> for Captures<'_> {
    type Output = str;

    /// As `regex::Captures`: panics when the group did not take part in the match.
    fn index(&self, name: &'n str) -> &str {
        self.name(name)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("no group named '{name}'"))
    }
}

/// Builds `pattern` as written (no rewriting of word classes), with `regex::Regex`'s settings
/// but for the prefilter (see the module note); from its syntax tree when the gate has parsed it
/// already (translated as the meta builder would: the same default settings).
fn build(pattern: &str, ast: Option<&Ast>) -> Result<meta::Regex, regex::Error> {
    let syntax = |e: &dyn std::fmt::Display| regex::Error::Syntax(e.to_string());
    let hir = match ast {
        Some(ast) => regex_syntax::hir::translate::TranslatorBuilder::new()
            .utf8(true)
            .build()
            .translate(pattern, ast)
            .map_err(|e| syntax(&e))?,
        None => regex_syntax::ParserBuilder::new()
            .utf8(true)
            .build()
            .parse(pattern)
            .map_err(|e| syntax(&e))?,
    };
    let config = meta::Config::new()
        .match_kind(regex_automata::MatchKind::LeftmostFirst)
        .utf8_empty(true)
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .auto_prefilter(false)
        // As regex builds it: no full DFA (see Cargo.toml).
        .dfa(false);
    // A piece repeated a hundred times or more (`[^:;.]{0,200}`, `.{0,160}?`) is copied as
    // many times in the NFA, and once more in the reverse NFA the lazy DFA needs: without the
    // DFA the build costs half (start-up 209.1 M -> 200.8 M instructions on the sonus sample).
    // Such patterns run on sentences, where the backtracker is about as fast; patterns with
    // repetitions down to 30 saved 6 M more but cost a long release a tenth more time.
    let config = config.hybrid(!long_bounded(&hir, LONG_REPETITION));
    meta::Builder::new()
        .configure(config)
        .build_from_hir(&hir)
        .map_err(|e| match e.size_limit() {
            Some(n) => regex::Error::CompiledTooBig(n),
            None => syntax(&e),
        })
}

/// From this many repetitions a pattern is built without the lazy DFA (see [`build`]).
const LONG_REPETITION: u32 = 100;

/// Whether `hir` repeats a piece up to `limit` times or more.
fn long_bounded(hir: &regex_syntax::hir::Hir, limit: u32) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Repetition(r) => r.max.is_some_and(|n| n >= limit) || long_bounded(&r.sub, limit),
        HirKind::Capture(c) => long_bounded(&c.sub, limit),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().any(|h| long_bounded(h, limit)),
        _ => false,
    }
}

/// `Regex::new`: ASCII word classes (see the module note), built on first need behind a gate.
pub(crate) fn new(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(pattern)
}

/// [`new`], or [`never`] when the pattern does not compile: the form every static pattern of
/// `extract/` takes.
pub(crate) fn or_never(pattern: &str) -> Regex {
    new(pattern).unwrap_or_else(|_| never())
}

/// A regex that never matches: the fallback when a pattern fails to compile (tests rule that
/// out for every built-in pattern), so extraction stays panic-free.
pub(crate) fn never() -> Regex {
    Regex::lazy(r"[^\s\S]")
}

/// Rewrites `\b`, `\B`, `\w`, `\W`, `\d` and `\D` into their ASCII forms, outside and inside
/// character classes; everything else is copied as written.
pub(crate) fn ascii_words(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains('\\') {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut chars = pattern.chars().peekable();
    // Nesting depth of character classes: `[a[b]]` and `[\w&&[^x]]` are valid.
    let mut class = 0usize;
    // True right after a class opens (`[` or `[^`), where `]` is a literal.
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let at_start = std::mem::take(&mut class_start);
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match (e, class > 0) {
                    ('b', false) => out.push_str(r"(?-u:\b)"),
                    ('B', false) => out.push_str(r"(?-u:\B)"),
                    ('w', false) => out.push_str(r"(?-u:\w)"),
                    ('d', false) => out.push_str(r"(?-u:\d)"),
                    ('W', false) => out.push_str(r"[^0-9A-Za-z_]"),
                    ('D', false) => out.push_str(r"[^0-9]"),
                    ('w', true) => out.push_str("0-9A-Za-z_"),
                    ('d', true) => out.push_str("0-9"),
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' => {
                out.push('[');
                if class > 0 && chars.peek() == Some(&':') {
                    // A POSIX class `[:alpha:]`: copy through its closing `:]`.
                    let mut prev = '[';
                    for p in chars.by_ref() {
                        out.push(p);
                        if prev == ':' && p == ']' {
                            break;
                        }
                        prev = p;
                    }
                    continue;
                }
                class += 1;
                class_start = true;
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
            }
            ']' if class > 0 && !at_start => {
                out.push(']');
                class -= 1;
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A compiled pattern, with the subset of `regex::Regex`'s API that extraction uses: compiled on
/// first need, and run only where it can match. Most patterns never match in a given release,
/// and building one costs more than running it over a whole release (a millisecond against
/// microseconds), so building them all was most of start-up.
///
/// The gate is a few sets of strings, read off the pattern's syntax tree (a literal run, or one
/// of each branch of an alternation): every match must contain one string of each set (`wells`
/// and `notice` for `wells\s+notice`), ASCII case aside (see [`Gate`]). A haystack without
/// them cannot match, so the regex is neither built nor run; every other call behaves exactly
/// as `regex::Regex` does.
pub(crate) struct Regex {
    source: String,
    /// The syntax tree the gate was read from, kept to build the regex from.
    ast: Option<Ast>,
    gate: Option<Gate>,
    regex: OnceLock<Result<meta::Regex, String>>,
}

/// A pattern's gate: the strings of its best set (see [`First`]), and the other sets, looked
/// for only while the regex is not built (they are there to spare the build; once the regex is
/// built it answers as fast as they would).
struct Gate {
    first: First,
    /// Each set's strings with their case variants.
    rest: Vec<Vec<Needle>>,
}

/// How the best set is looked for: an automaton, or string by string when they are few
/// (building an automaton costs more than a few memchr walks).
enum First {
    Ac(AhoCorasick),
    Few(Vec<Needle>),
}

impl Gate {
    fn new(mut sets: Vec<Vec<Vec<u8>>>) -> Option<Gate> {
        let variants = |set: &[Vec<u8>]| -> Vec<Vec<u8>> {
            set.iter().flat_map(|lit| fold_variants(lit)).collect()
        };
        let needles = |set: Vec<Vec<u8>>| variants(&set).into_iter().map(Needle::new).collect();
        let rest: Vec<Vec<Needle>> = sets.drain(1..).map(needles).collect();
        let first = sets.pop()?;
        let first = if variants(&first).len() <= FEW {
            First::Few(needles(first))
        } else {
            First::Ac(
                AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    // Built for every pattern, run on sentences: the cheapest build (the
                    // contiguous NFA's faster walk saved less than its conversion cost).
                    .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                    .build(variants(&first))
                    .ok()?,
            )
        };
        Some(Gate { first, rest })
    }

    fn open(&self, haystack: &str, built: bool) -> bool {
        let h = haystack.as_bytes();
        let first = match &self.first {
            First::Ac(ac) => ac.is_match(haystack),
            First::Few(set) => set.iter().any(|n| n.in_(h)),
        };
        first && (built || self.rest.iter().all(|set| set.iter().any(|n| n.in_(h))))
    }
}

/// A gate string (lower-cased) looked for by its rarest byte, ASCII case aside.
struct Needle {
    lit: Vec<u8>,
    /// Where the rarest byte is in `lit`: memchr stops at it less often than at the first.
    at: usize,
}

impl Needle {
    fn new(lit: Vec<u8>) -> Needle {
        // English letters from the most frequent; a space is commoner still, and what is not
        // listed (digits, punctuation, UTF-8 bytes) rarer than all.
        const COMMON: &[u8] = b" etaoinshrdlcumwfgypbvkjxqz";
        let rank = |b: u8| COMMON.iter().position(|&c| c == b).unwrap_or(COMMON.len());
        let at = (0..lit.len()).max_by_key(|&i| rank(lit[i])).unwrap_or(0);
        Needle { lit, at }
    }

    fn in_(&self, h: &[u8]) -> bool {
        let Some(&b) = self.lit.get(self.at) else {
            return true;
        };
        memchr::memchr2_iter(b, b.to_ascii_uppercase(), h).any(|i| {
            i.checked_sub(self.at)
                .and_then(|start| h.get(start..start + self.lit.len()))
                .is_some_and(|w| w.eq_ignore_ascii_case(&self.lit))
        })
    }
}

impl Regex {
    /// A gated regex with ASCII word classes (see the module note). The syntax is checked now;
    /// an error that only compiling finds (none of irview's patterns has one: the tests compile
    /// them all, and a debug build panics on one) makes a regex that never matches, and
    /// [`Regex::error`] says why.
    pub(crate) fn new(pattern: &str) -> Result<Regex, regex::Error> {
        let source = ascii_words(pattern).into_owned();
        let ast = ast::parse::Parser::new()
            .parse(&source)
            .map_err(|e| regex::Error::Syntax(e.to_string()))?;
        let gate = needed(&ast).and_then(Gate::new);
        Ok(Regex {
            source,
            ast: Some(ast),
            gate,
            regex: OnceLock::new(),
        })
    }

    /// A regex built on first need, without a gate: for patterns their caller already runs
    /// only where their words are (a pattern that does not compile never matches).
    pub(crate) fn lazy(pattern: &str) -> Regex {
        Regex {
            source: ascii_words(pattern).into_owned(),
            ast: None,
            gate: None,
            regex: OnceLock::new(),
        }
    }

    fn compiled(&self) -> Option<&meta::Regex> {
        let built = self
            .regex
            .get_or_init(|| build(&self.source, self.ast.as_ref()).map_err(|e| e.to_string()));
        debug_assert!(built.is_ok(), "{}: {:?}", self.source, built.as_ref().err());
        built.as_ref().ok()
    }

    /// The regex, when `haystack` holds one of the gate's strings. A long haystack goes to the
    /// regex straight (built if need be): past [`LONG_HAYSTACK`] the gate's walk costs more
    /// than building the regex.
    fn open(&self, haystack: &str) -> Option<&meta::Regex> {
        if haystack.len() > LONG_HAYSTACK {
            return self.compiled();
        }
        match &self.gate {
            Some(g) if !g.open(haystack, self.regex.get().is_some()) => None,
            _ => self.compiled(),
        }
    }

    /// The pattern as compiled (word classes rewritten).
    #[cfg(test)]
    pub(crate) fn as_str(&self) -> &str {
        &self.source
    }

    /// Why the pattern does not compile (compiling it now), or None.
    pub(crate) fn error(&self) -> Option<String> {
        self.regex
            .get_or_init(|| build(&self.source, self.ast.as_ref()).map_err(|e| e.to_string()))
            .as_ref()
            .err()
            .cloned()
    }

    pub(crate) fn is_match(&self, haystack: &str) -> bool {
        self.open(haystack).is_some_and(|r| r.is_match(haystack))
    }

    pub(crate) fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.open(haystack)?
            .find(haystack)
            .map(|m| Match::of(haystack, m))
    }

    pub(crate) fn find_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Match<'h>> + use<'r, 'h> {
        self.open(haystack)
            .into_iter()
            .flat_map(move |r| r.find_iter(haystack))
            .map(move |m| Match::of(haystack, m))
    }

    pub(crate) fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.captures_at(haystack, 0)
    }

    /// As `regex::Regex::captures_at`: searches from `start`, look-around seeing the whole
    /// haystack (the gate looks at the whole haystack too: a wider look is still a true one).
    pub(crate) fn captures_at<'h>(&self, haystack: &'h str, start: usize) -> Option<Captures<'h>> {
        let re = self.open(haystack)?;
        let input = regex_automata::Input::new(haystack).span(start..haystack.len());
        let mut caps = re.create_captures();
        re.search_captures(&input, &mut caps);
        caps.is_match().then_some(Captures { haystack, caps })
    }

    pub(crate) fn captures_iter<'r, 'h>(
        &'r self,
        haystack: &'h str,
    ) -> impl Iterator<Item = Captures<'h>> + use<'r, 'h> {
        self.open(haystack)
            .into_iter()
            .flat_map(move |r| r.captures_iter(haystack))
            .map(move |caps| Captures { haystack, caps })
    }
}

/// Past this many bytes a haystack is searched without the gate (see [`Regex::open`]).
const LONG_HAYSTACK: usize = 64 * 1024;
/// Shortest gate string worth a search: one or two letters are in every sentence.
const MIN_GATE: usize = 3;
/// At most this many `k`/`s` letters a gate string: each doubles its variants (below).
const MAX_FOLDS: usize = 3;
/// At most this many strings (case variants counted) a gate looks for one by one, rather than
/// build an automaton: on the sonus sample 4 saved 20 M instructions, 16 another 3 M, and
/// more would cost longer haystacks a walk a string.
const FEW: usize = 16;
/// At most this many sets a gate: the best ones (a pattern seldom has more worth a look).
const MAX_SETS: usize = 4;

/// What a piece of a pattern says about the text it matches, ASCII letters lower-cased:
/// `exact`, the one string it matches (ASCII case aside); `needed`, strings one of which every
/// match of it contains; `all`, sets of strings every match contains one of each of (the pieces
/// of a concatenation each need theirs).
struct Lits {
    exact: Option<Vec<u8>>,
    needed: Option<Vec<Vec<u8>>>,
    all: Vec<Vec<Vec<u8>>>,
}

/// The gate sets of a pattern (see [`Lits`]; their case variants are the gate's to add), or
/// None when no set of strings of at least [`MIN_GATE`] bytes is needed by every match.
///
/// Case: every letter is taken as case-insensitive, whatever the pattern's flags (a wider gate
/// is still a true one). Unicode case folding matches `k` to the Kelvin sign and `s` to the
/// long s, so those letters get both spellings; any other non-ASCII character ends a string,
/// since folding may match it to another.
fn needed(ast: &Ast) -> Option<Vec<Vec<Vec<u8>>>> {
    let Lits {
        needed, mut all, ..
    } = lits(ast);
    all.extend(needed);
    all.retain(|set| gate_score(set).is_some());
    all.sort();
    all.dedup();
    // A string inside another needed one adds nothing: the longer one implies it.
    let singles: Vec<Vec<u8>> = all
        .iter()
        .filter(|s| s.len() == 1)
        .map(|s| folds_cut(&s[0]).to_vec())
        .collect();
    all.retain(|set| {
        let lit = folds_cut(&set[0]);
        set.len() > 1
            || !singles
                .iter()
                .any(|o| o.len() > lit.len() && o.windows(lit.len()).any(|w| w == lit))
    });
    all.sort_by_key(|set| std::cmp::Reverse(gate_score(set)));
    all.truncate(MAX_SETS);
    (!all.is_empty()).then_some(all)
}

/// `lit` cut before its (MAX_FOLDS+1)-th `k` or `s` (a prefix of a needed string is needed).
fn folds_cut(lit: &[u8]) -> &[u8] {
    let cut = lit
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b, b'k' | b's'))
        .nth(MAX_FOLDS)
        .map_or(lit.len(), |(i, _)| i);
    &lit[..cut]
}

fn fold_variants(lit: &[u8]) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = vec![Vec::new()];
    for &b in folds_cut(lit) {
        let other: &[u8] = match b {
            b'k' => "\u{212a}".as_bytes(),
            b's' => "\u{17f}".as_bytes(),
            _ => {
                out.iter_mut().for_each(|v| v.push(b));
                continue;
            }
        };
        let mut alt = out.clone();
        out.iter_mut().for_each(|v| v.push(b));
        alt.iter_mut().for_each(|v| v.extend_from_slice(other));
        out.extend(alt);
    }
    out
}

/// How good a set of needed strings is as a gate: its shortest string (after the cut), then
/// fewer strings. None when a string is too short to be worth it.
fn gate_score(set: &[Vec<u8>]) -> Option<(usize, std::cmp::Reverse<usize>)> {
    let shortest = set.iter().map(|l| folds_cut(l).len()).min()?;
    (shortest >= MIN_GATE).then_some((shortest, std::cmp::Reverse(set.len())))
}

/// A single character a class stands for (`[Qq]`, `[x]`), if it does.
fn class_letter(class: &ast::ClassBracketed) -> Option<u8> {
    if class.negated {
        return None;
    }
    let one = |item: &ast::ClassSetItem| match item {
        ast::ClassSetItem::Literal(l) if l.c.is_ascii() => Some(l.c.to_ascii_lowercase() as u8),
        _ => None,
    };
    match &class.kind {
        ast::ClassSet::Item(ast::ClassSetItem::Union(u)) => {
            let mut letters = u.items.iter().map(one);
            let first = letters.next()??;
            letters.all(|l| l == Some(first)).then_some(first)
        }
        ast::ClassSet::Item(item) => one(item),
        ast::ClassSet::BinaryOp(_) => None,
    }
}

/// The one byte a piece matches (ASCII case aside), if it is a letter or a class of one.
fn letter(ast: &Ast) -> Option<u8> {
    match ast {
        Ast::Literal(l) if l.c.is_ascii() => Some(l.c.to_ascii_lowercase() as u8),
        Ast::ClassBracketed(c) => class_letter(c),
        _ => None,
    }
}

fn lits(ast: &Ast) -> Lits {
    let none = || Lits {
        exact: None,
        needed: None,
        all: Vec::new(),
    };
    // Zero-width pieces (flags, `\b`, `^`) join the literals on either side.
    let empty = || Lits {
        exact: Some(Vec::new()),
        needed: None,
        all: Vec::new(),
    };
    // A byte alone is shorter than MIN_GATE, so it could never be a gate: say nothing of what
    // it needs rather than allocate a set that no caller would choose (that allocation, one a
    // letter of every pattern, was most of the cost of reading gates).
    let byte = |b: u8| Lits {
        exact: Some(vec![b]),
        needed: None,
        all: Vec::new(),
    };
    match ast {
        Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_) => empty(),
        Ast::Literal(l) if l.c.is_ascii() => byte(l.c.to_ascii_lowercase() as u8),
        Ast::ClassBracketed(c) => class_letter(c).map_or_else(none, byte),
        Ast::Literal(_) | Ast::Dot(_) | Ast::ClassUnicode(_) | Ast::ClassPerl(_) => none(),
        Ast::Group(g) => lits(&g.ast),
        Ast::Repetition(r) => {
            let sub = lits(&r.ast);
            let (min, exactly) = match &r.op.kind {
                ast::RepetitionKind::ZeroOrOne | ast::RepetitionKind::ZeroOrMore => (0, false),
                ast::RepetitionKind::OneOrMore => (1, false),
                ast::RepetitionKind::Range(ast::RepetitionRange::Exactly(n)) => (*n, true),
                ast::RepetitionKind::Range(ast::RepetitionRange::AtLeast(n)) => (*n, false),
                ast::RepetitionKind::Range(ast::RepetitionRange::Bounded(m, n)) => (*m, m == n),
            };
            Lits {
                exact: sub
                    .exact
                    .filter(|_| exactly && min <= 16)
                    .map(|e| e.repeat(min as usize)),
                needed: sub.needed.filter(|_| min >= 1),
                all: if min >= 1 { sub.all } else { Vec::new() },
            }
        }
        Ast::Alternation(a) => {
            let mut all = Vec::new();
            for branch in &a.asts {
                match lits(branch).needed {
                    Some(set) => all.extend(set),
                    None => return none(),
                }
            }
            all.sort();
            all.dedup();
            Lits {
                exact: None,
                needed: Some(all),
                all: Vec::new(),
            }
        }
        Ast::Concat(c) => {
            // The best of: each run of exact pieces, and what each piece needs on its own; and
            // all of them (each good one), for a gate.
            let mut all = Vec::new();
            let mut consider = |set: Vec<Vec<u8>>| {
                if gate_score(&set).is_some() {
                    all.push(set);
                }
            };
            let mut exact = Some(Vec::new());
            let mut run = Vec::new();
            let mut inner = Vec::new();
            for a in &c.asts {
                // Letters and zero-width pieces, most of a pattern, read in place: a `Lits`
                // each was most of the cost of reading gates.
                if let Some(b) = letter(a) {
                    run.push(b);
                    if let Some(e) = &mut exact {
                        e.push(b);
                    }
                    continue;
                }
                if matches!(a, Ast::Empty(_) | Ast::Flags(_) | Ast::Assertion(_)) {
                    continue;
                }
                let p = lits(a);
                match p.exact {
                    Some(e) => {
                        run.extend_from_slice(&e);
                        if let Some(x) = &mut exact {
                            x.extend_from_slice(&e);
                        }
                    }
                    None => {
                        exact = None;
                        if !run.is_empty() {
                            consider(vec![std::mem::take(&mut run)]);
                        }
                    }
                }
                if let Some(set) = p.needed {
                    consider(set);
                }
                inner.extend(p.all);
            }
            if !run.is_empty() {
                consider(vec![run]);
            }
            // The first of the best.
            let mut best: Option<&Vec<Vec<u8>>> = None;
            for set in &all {
                if gate_score(set) > best.and_then(|b| gate_score(b)) {
                    best = Some(set);
                }
            }
            let best = best.cloned();
            all.extend(inner);
            Lits {
                exact,
                needed: best,
                all,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_word_classes_outside_and_inside_classes() {
        assert_eq!(
            ascii_words(r"\bnet\s+income\b"),
            r"(?-u:\b)net\s+income(?-u:\b)"
        );
        assert_eq!(ascii_words(r"[\w.&-]*\d"), r"[0-9A-Za-z_.&-]*(?-u:\d)");
        assert_eq!(ascii_words(r"[]\w]"), r"[]0-9A-Za-z_]");
        assert_eq!(ascii_words(r"[^\]\w]\W"), r"[^\]0-9A-Za-z_][^0-9A-Za-z_]");
        assert_eq!(ascii_words(r"[[:alpha:]\d]\w"), r"[[:alpha:]0-9](?-u:\w)");
        assert_eq!(ascii_words(r"\\b\.\(\s"), r"\\b\.\(\s");
        assert_eq!(ascii_words("plain"), "plain");
    }

    #[test]
    fn gates_hold_what_every_match_needs() {
        let gate = |p: &str| -> Option<Vec<String>> {
            let ast = ast::parse::Parser::new().parse(p).ok()?;
            let mut v: Vec<String> = lits(&ast)
                .needed
                .filter(|s| gate_score(s).is_some())?
                .iter()
                .map(|l| String::from_utf8_lossy(l).into_owned())
                .collect();
            v.sort();
            Some(v)
        };
        let v = |xs: &[&str]| Some(xs.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(gate(r"(?i)informal\s+inquiry"), v(&["informal"]));
        assert_eq!(gate(r"(?i)\bWells Notice"), v(&["wells notice"]));
        assert_eq!(
            gate(r"(?:notified|informed)\s+the\s+(?:SEC|Commission)"),
            v(&["informed", "notified"])
        );
        assert_eq!(gate(r"[Qq]uarter(?:ly)?"), v(&["quarter"]));
        assert_eq!(gate(r"10-?[KQ]"), None);
        assert_eq!(gate(r"(?:annual|a)\s+report"), v(&["report"]));
        assert_eq!(gate(r"(?:risk)?s"), None);
        assert_eq!(gate(r"x{3}y"), v(&["xxxy"]));
        assert_eq!(gate(r"caf\u{e9}s"), v(&["caf"]));
        assert_eq!(fold_variants(b"ask").len(), 4);
        assert_eq!(folds_cut(b"sssss"), b"sss");
    }

    #[test]
    fn gates_need_every_piece_of_a_concatenation() {
        let sets = |p: &str| -> Vec<Vec<String>> {
            let ast = ast::parse::Parser::new()
                .parse(p)
                .unwrap_or_else(|e| panic!("{e}"));
            let mut v: Vec<Vec<String>> = needed(&ast)
                .unwrap_or_default()
                .iter()
                .map(|set| {
                    set.iter()
                        .map(|l| String::from_utf8_lossy(l).into_owned())
                        .collect()
                })
                .collect();
            v.sort();
            v
        };
        assert_eq!(sets(r"(?i)wells\s+notice"), [["notice"], ["wells"]]);
        assert_eq!(sets(r"(?i)form\s+x|formal\s+y"), [["form", "formal"]]);
        // "form" is inside "formal": only the longer is looked for.
        assert_eq!(sets(r"formal\s+(?:form)"), [["formal"]]);
        let g = Regex::new(r"(?i)wells\s+notice").unwrap_or_else(|_| never());
        assert!(!g.is_match("a notice, and Wells Fargo"));
        assert!(g.is_match("a Wells\nNOTICE"));
        let n = Needle::new(b"quiz".to_vec());
        assert_eq!(n.at, 3);
        assert!(n.in_(b"a QUIZ") && !n.in_(b"quit z"));
    }

    #[test]
    fn gated_matches_as_the_regex_does() {
        let pats = [
            r"(?i)\brisks?\b",
            r"(?i)(?:notified|informed)(?:\s+\w+){0,2}?\s+(?:the\s+)?(?:(?-i:SEC)|Securities)",
            r"(?i)restat(?:e|ed|ement)",
            r"^\s*(?:-|to|and)\s*$",
        ];
        // (The long one is past LONG_HAYSTACK, where the gate is not asked.)
        let long = format!(
            "{} we informed the SEC of risks",
            "nothing here. ".repeat(5000)
        );
        let hays = [
            "The RISK factors",
            "we informed the SEC",
            "The company will RESTATE; restated results",
            "Kelvin: ri\u{212a} and re\u{17f}tated",
            " to ",
            "nothing here",
            &long,
        ];
        for p in pats {
            let g = Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
            // The same pattern without a gate.
            let r = Regex::lazy(p);
            assert!(g.error().is_none());
            for h in hays {
                let want: Vec<_> = r.find_iter(h).map(|m| m.range()).collect();
                let got: Vec<_> = g.find_iter(h).map(|m| m.range()).collect();
                assert_eq!(got, want, "{p} on {h:?}");
                assert_eq!(g.is_match(h), r.is_match(h));
                assert_eq!(g.find(h).map(|m| m.range()), r.find(h).map(|m| m.range()));
            }
        }
        assert!(Regex::new("(unclosed").is_err());
        assert!(Regex::new(r"\p{NoSuchClass}x").is_ok_and(|g| g.error().is_some()));
    }

    #[test]
    fn rewritten_patterns_match_as_before_on_ascii_and_stay_on_char_boundaries() {
        let r = new(r"(?i)\b(?:net\s+income|revenue)\b\W+\w+").unwrap_or_else(|_| never());
        let hay = "“Revenue” — rose; net income… grew";
        let found: Vec<&str> = r.find_iter(hay).map(|m| m.as_str()).collect();
        assert_eq!(found, ["Revenue” — rose", "net income… grew"]);
        assert!(!never().is_match("anything at all"));
    }
}
