//! Amounts as written in releases: "$79 million", "$.31", "$(3.4) million", "(0.08)", "58 - 62%",
//! "between $1.10 billion and $1.15 billion", "41%, plus or minus 150 basis points", table cells
//! under a scale note. Values are exact decimals in units (79 million → 79000000).

use super::pattern;
use super::pattern::Regex;
use crate::release::{Value, unit};
use rust_decimal::Decimal;
use std::sync::LazyLock;

/// One amount (or range of amounts) found in prose, with its byte span in the scanned text.
#[derive(Debug, Clone, PartialEq)]
pub struct MoneyMatch {
    pub start: usize,
    pub end: usize,
    /// The value; for a range, its midpoint is not taken: `value` is `low`.
    pub value: Value,
    /// Range bounds when the text gives a range or a tolerance.
    pub low: Option<Value>,
    pub high: Option<Value>,
    /// `USD`, `USD/share`, `EUR`, `GBP`, `percent`.
    pub unit: String,
}

impl MoneyMatch {
    pub fn is_range(&self) -> bool {
        self.low.is_some() && self.high.is_some()
    }
    pub fn is_percent(&self) -> bool {
        self.unit == unit::PERCENT
    }
}

/// A number with thousands separators (old text can hide a space after a comma: "$2, 310,000"),
/// or a bare decimal (".31").
const NUM: &str = r"(?:\d{1,3}(?:,\s?\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)";
const SCALE: &str = r"(?:thousand|million|billion|trillion|mil\.|mln|bn)\b";

/// A currency amount: optional parenthesised negative, currency sign, number, optional scale.
static CURRENCY: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(&format!(
        r"(?i)(?P<open>\(\s*)?(?P<cur>US\$|\$|€|£|USD\s|EUR\s)\s*(?P<open2>\(\s*)?(?P<sign>-)?(?P<num>{NUM})\s*(?P<close>\))?(?:\s*(?P<scale>{SCALE}))?(?P<close2>\s*\))?"
    ))
    .unwrap_or_else(|_| never())
});

/// A whole percent in words: "eight percent", "twenty-seven percent", "forty per cent".
static WORD_PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    let ones = "one|two|three|four|five|six|seven|eight|nine";
    let teens = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen";
    let tens = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
    pattern::new(&format!(
        r"(?i)\b(?:(?P<tens>{tens})(?:[\s-](?P<ones2>{ones}))?|(?P<ones>{ones}|{teens}))\s+(?:percent|per\s+cent)\b"
    ))
    .unwrap_or_else(|_| pattern::never())
});

/// The value of a number word of [`WORD_PERCENT`].
pub(crate) fn number_word(w: &str) -> Option<i64> {
    const WORDS: [&str; 19] = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as i64 + 1);
    }
    TENS.iter()
        .position(|x| *x == w)
        .map(|i| (i as i64 + 2) * 10)
}

/// A percentage: "9%", "9 percent", "9.5 per cent", optionally a range "58 - 62%", "18-20%",
/// "58% to 62%".
static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(&format!(
        r"(?i)(?P<open>\()?(?P<sign>[-+])?(?:(?P<lo>{NUM})\s*(?:%|percent|per cent)?\s*(?:-|–|—|to)\s*)?(?P<num>{NUM})\s*(?P<close>\))?\s*(?:%|\bpercent\b|\bper cent\b)"
    ))
    .unwrap_or_else(|_| never())
});

/// Words that turn a following amount negative: "a loss of $0.08", "net loss was $3.4 million".
static LOSS_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\bloss(?:es)?\b(?:\s+(?:per\s+(?:diluted\s+|basic\s+)?share|from\s+operations|from\s+continuing\s+operations))?\s+(?:of|was|were|totaled|totalled|amounted\s+to|is)?\s*(?:approximately\s+|about\s+)?$")
        .unwrap_or_else(|_| never())
});

/// "Common stock, $1.00 par value", "$.01 per share par value": the stock's par value, a term
/// of the security and never a reported figure.
static PAR_AFTER: LazyLock<Regex> =
    LazyLock::new(|| pattern::new(r"(?i)^\s*(?:per\s+share\s+)?par\b").unwrap_or_else(|_| never()));

/// "per share", "per diluted share", "a share" right after an amount.
static PER_SHARE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)^\s*(?:\(\w+\)\s*)?(?:per|a)\s+(?:fully\s+)?(?:diluted\s+|basic\s+|common\s+)*share\b")
        .unwrap_or_else(|_| never())
});

/// A per-share amount written without a currency sign: "27 cents a share", "67 to 71 cents per
/// share", "12.3 cps" (cents per share, as companies listed in Australia write it), "2.03 per
/// share" (a decimal with cents, where the dollar sign was dropped).
static PER_SHARE_BARE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(r"(?i)\b(?:(?:(?P<lo>\d{1,3}(?:\.\d+)?)\s*(?:-|–|to)\s*)?(?P<num>\d{1,3}(?:\.\d+)?)\s*(?:(?P<cents>cents?\b|¢)\s*(?:per|a)\s+(?:fully\s+)?(?:diluted\s+|basic\s+|common\s+)*share\b|(?P<cps>cps)\b)|(?P<num2>\d+\.\d\d)\s*(?:per|a)\s+(?:fully\s+)?(?:diluted\s+|basic\s+|common\s+)*share\b)")
        .unwrap_or_else(|_| never())
});

/// "plus or minus 150 basis points", "plus or minus 2%", "plus or minus $200,000" after an amount.
static TOLERANCE: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(&format!(
        r"(?i)^,?\s*(?:\+/-|±|plus\s+or\s+minus)\s*(?P<cur>\$)?\s*(?P<num>{NUM})\s*(?:(?P<bp>basis\s+points|bps)|(?P<pct>%|percent)|(?P<scale>{SCALE}))?"
    ))
    .unwrap_or_else(|_| never())
});

/// The upper bound of a range written without its currency sign, with the scale once after it:
/// the "-950 million" of "$850-950 million".
static BARE_UPPER: LazyLock<Regex> = LazyLock::new(|| {
    pattern::new(&format!(
        r"(?i)^\s*[-–]\s*(?P<num>{NUM})\s*(?P<scale>{SCALE})"
    ))
    .unwrap_or_else(|_| never())
});

/// Joins two currency amounts into a range: "$1.10 billion to $1.15 billion", "$4.66 - $4.70".
static RANGE_JOIN: LazyLock<Regex> =
    LazyLock::new(|| pattern::new(r"(?i)^\s*(?:-|–|—|to|and)\s*$").unwrap_or_else(|_| never()));

use super::pattern::never;

pub(crate) fn scale_factor(word: &str) -> Decimal {
    match word.to_ascii_lowercase().trim_end_matches('.') {
        "thousand" => Decimal::from(1_000),
        "million" | "mil" | "mln" => Decimal::from(1_000_000),
        "billion" | "bn" => Decimal::from(1_000_000_000i64),
        "trillion" => Decimal::from(1_000_000_000_000i64),
        _ => Decimal::ONE,
    }
}

/// Parse the digits of a number ("2, 310,000", ".31", "1.2") exactly.
pub fn parse_number(s: &str) -> Option<Decimal> {
    let cleaned: String = s
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if cleaned.is_empty() || cleaned == "." {
        return None;
    }
    let cleaned = if cleaned.starts_with('.') {
        format!("0{cleaned}")
    } else {
        cleaned
    };
    cleaned.parse::<Decimal>().ok()
}

fn currency_unit(cur: &str) -> &'static str {
    match cur.trim() {
        "€" => "EUR",
        "£" => "GBP",
        c if c.eq_ignore_ascii_case("EUR") => "EUR",
        _ => unit::USD,
    }
}

fn mul(a: Decimal, b: Decimal) -> Decimal {
    a.checked_mul(b).unwrap_or(a)
}

/// Parse one amount as written: "$79 million", "$(3.4) million", "(0.08)", "12.5%", "€3 billion",
/// "1,234". Returns the exact value in units and its unit (`USD`, `percent`, ...; a bare number is
/// `count`). Per-share is not visible in an amount alone: callers decide `USD/share`.
pub fn parse_amount(s: &str) -> Option<(Value, String)> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    if let Some(c) = CURRENCY.captures(t)
        && c.get(0)
            .is_some_and(|m| m.start() == 0 && m.end() == t.len())
    {
        let mut v = parse_number(c.name("num")?.as_str())?;
        if let Some(sc) = c.name("scale") {
            v = mul(v, scale_factor(sc.as_str()));
        }
        let neg = c.name("sign").is_some()
            || (c.name("open").is_some() || c.name("open2").is_some())
                && (c.name("close").is_some() || c.name("close2").is_some());
        if neg {
            v = -v;
        }
        return Some((Value::new(v), currency_unit(c.name("cur")?.as_str()).into()));
    }
    if let Some(c) = PERCENT.captures(t)
        && c.get(0)
            .is_some_and(|m| m.start() == 0 && m.end() == t.len())
        && c.name("lo").is_none()
    {
        let mut v = parse_number(c.name("num")?.as_str())?;
        if c.name("sign").is_some_and(|m| m.as_str() == "-")
            || c.name("open").is_some() && c.name("close").is_some()
        {
            v = -v;
        }
        return Some((Value::new(v), unit::PERCENT.into()));
    }
    let (v, _) = parse_cell(t)?;
    Some((v, unit::COUNT.into()))
}

/// Format a value so that [`parse_amount`] reads it back exactly: `$(3,412.5)`, `$79,000,000`,
/// `12.5%`, `€3`, `1,234`.
pub fn format_amount(v: &Value, unit_name: &str) -> String {
    let d = v.0.normalize();
    let neg = d.is_sign_negative() && !d.is_zero();
    let abs = d.abs();
    let body = group_thousands(&abs.to_string());
    let sign = match unit_name {
        "EUR" => "€",
        "GBP" => "£",
        unit::PERCENT | unit::COUNT => "",
        _ => "$",
    };
    match (unit_name, neg) {
        (unit::PERCENT, true) => format!("-{body}%"),
        (unit::PERCENT, false) => format!("{body}%"),
        (_, true) => format!("{sign}({body})"),
        (_, false) => format!("{sign}{body}"),
    }
}

/// Human form for display: "$79 million", "$1.2 billion", "$0.31", "58%".
pub fn display_amount(v: &Value, unit_name: &str) -> String {
    let d = v.0.normalize();
    if unit_name == unit::PERCENT {
        return format!("{d}%");
    }
    let sign = match unit_name {
        "EUR" => "€",
        "GBP" => "£",
        unit::COUNT | unit::SHARES => "",
        _ => "$",
    };
    let neg = if d.is_sign_negative() && !d.is_zero() {
        "-"
    } else {
        ""
    };
    let abs = d.abs();
    for (f, w) in [
        (Decimal::from(1_000_000_000i64), "billion"),
        (Decimal::from(1_000_000), "million"),
    ] {
        if abs >= f {
            let q = (abs / f).normalize();
            return format!("{neg}{sign}{q} {w}");
        }
    }
    format!("{neg}{sign}{}", group_thousands(&abs.to_string()))
}

fn group_thousands(s: &str) -> String {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    let n = int.len();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (n - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// The multiplier a table's scale note sets: "(in thousands, except per share data)" → 1000,
/// "In millions" → 1e6, "($000)" → 1000. None when the text sets no scale.
pub fn scale_note(text: &str) -> Option<Decimal> {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        pattern::new(r"(?i)\bin\s+(?:US\s+|U\.S\.\s+)?(?:dollars\s+)?(thousands|millions|billions)\b|\(\s*\$?\s*(000s?|000,000)\s*'?s?\s*\)|\$\s*in\s+(thousands|millions|billions)|\b(thousands|millions|billions)\s+of\s+(?:US\s+|U\.S\.\s+)?dollars|\$\s*(thousand|million|billion)\b")
            .unwrap_or_else(|_| never())
    });
    let c = NOTE.captures(text)?;
    let w = c
        .iter()
        .skip(1)
        .flatten()
        .next()
        .map(|m| m.as_str().to_ascii_lowercase())?;
    Some(match w.as_str() {
        "thousands" | "thousand" | "000" | "000s" => Decimal::from(1_000),
        "millions" | "million" | "000,000" => Decimal::from(1_000_000),
        "billions" | "billion" => Decimal::from(1_000_000_000i64),
        _ => return None,
    })
}

/// What a table cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Number,
    Percent,
    /// "—", "--", "-": nothing (or zero) reported.
    Dash,
}

/// Parse a table cell: "$ 79,000", "(3,412)", "12.5 %", "—", "1.16 (1)". Returns the number as
/// written (no scale applied) and what it is. Footnote markers beside numbers are ignored.
pub fn parse_cell(s: &str) -> Option<(Value, CellKind)> {
    static CELL: LazyLock<Regex> = LazyLock::new(|| {
        pattern::new(&format!(
            r"^(?P<open>\()?\s*(?:US\$|\$|€|£)?\s*(?P<open2>\()?\s*(?P<sign>[-+−])?\s*(?P<num>{NUM})\s*(?P<close>\))?\s*(?P<pct>%)?\s*(?P<close2>\))?\s*(?:\(\s*\w{{1,2}}\s*\)|\*+|[a-z])?$"
        ))
        .unwrap_or_else(|_| never())
    });
    let t = s.trim().trim_end_matches('\u{a0}').trim();
    if t.is_empty() {
        return None;
    }
    if matches!(
        t,
        "—" | "–" | "-" | "--" | "---" | "$—" | "$ —" | "$-" | "$ -" | "— %" | "—%"
    ) {
        return Some((Value::default(), CellKind::Dash));
    }
    let c = CELL.captures(t)?;
    let mut v = parse_number(c.name("num")?.as_str())?;
    let open = c.name("open").is_some() || c.name("open2").is_some();
    let close = c.name("close").is_some() || c.name("close2").is_some();
    if c.name("sign").is_some_and(|m| m.as_str() != "+") || open && close {
        v = -v;
    }
    let kind = if c.name("pct").is_some() {
        CellKind::Percent
    } else {
        CellKind::Number
    };
    Some((Value::new(v), kind))
}

/// Every amount in running text, left to right, with byte spans into `text`.
pub fn scan(text: &str) -> Vec<MoneyMatch> {
    // Every amount this finds holds an ASCII digit (`NUM`, the per-share figures) but a
    // percentage in words ("five percent", "five per cent"), which holds "cent": a text with
    // neither has none, and the passes of the five patterns over it are skipped (over a third of
    // a release's sentences state no figure).
    if !text.bytes().any(|b| b.is_ascii_digit())
        && !text
            .as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"cent"))
    {
        return Vec::new();
    }
    let mut out: Vec<MoneyMatch> = Vec::new();
    for c in CURRENCY.captures_iter(text) {
        let (Some(m), Some(num)) = (c.get(0), c.name("num")) else {
            continue;
        };
        let Some(mut v) = parse_number(num.as_str()) else {
            continue;
        };
        if let Some(sc) = c.name("scale") {
            v = mul(v, scale_factor(sc.as_str()));
        }
        // Parentheses count only when they wrap the number, not a bracketed aside "(up $3)".
        let mut start = m.start();
        let mut end = m.end();
        let inner_paren = c.name("open2").is_some() && c.name("close").is_some();
        let outer_paren = c.name("open").is_some() && c.name("close2").is_some();
        if c.name("open").is_some() && !outer_paren {
            start = c.name("cur").map_or(start, |x| x.start());
        }
        if c.name("close2").is_some() && !outer_paren {
            end = c
                .name("scale")
                .or(c.name("close"))
                .map_or(num.end(), |x| x.end());
        }
        if c.name("close").is_some() && !inner_paren && !outer_paren {
            end = num.end();
        }
        // The (up to) 60 bytes before the amount, from a char boundary.
        let before = text.get(..start).unwrap_or("");
        let tail = before
            .get(before.ceil_char_boundary(before.len().saturating_sub(60))..)
            .unwrap_or(before);
        if inner_paren || outer_paren || c.name("sign").is_some() || LOSS_BEFORE.is_match(tail) {
            v = -v.abs();
        }
        let mut u = currency_unit(c.name("cur").map_or("$", |x| x.as_str())).to_string();
        let after = text.get(end..).unwrap_or("");
        if opens_with(after, &['p', 'P']) && PAR_AFTER.is_match(after) {
            continue;
        }
        if c.name("scale").is_none()
            && opens_with(after, &['(', 'p', 'P', 'a', 'A'])
            && PER_SHARE_AFTER.is_match(after)
        {
            u = unit::USD_PER_SHARE.into();
        }
        // "$850-950 million": a range whose upper bound drops the currency sign carries the
        // scale written once after it to both bounds.
        if c.name("scale").is_none()
            && u == unit::USD
            && opens_with(after, &['-', '–'])
            && let Some(r) = BARE_UPPER.captures(after)
            && let (Some(whole), Some(hi), Some(sc)) = (r.get(0), r.name("num"), r.name("scale"))
            && let Some(hi) = parse_number(hi.as_str())
            && v < hi
        {
            let f = scale_factor(sc.as_str());
            let (lo, hi) = (mul(v, f), mul(hi, f));
            out.push(MoneyMatch {
                start,
                end: end + whole.end(),
                value: Value::new(lo),
                low: Some(Value::new(lo)),
                high: Some(Value::new(hi)),
                unit: u,
            });
            continue;
        }
        out.push(MoneyMatch {
            start,
            end,
            value: Value::new(v),
            low: None,
            high: None,
            unit: u,
        });
    }
    // Join "$X to $Y" and "between $X and $Y" into ranges; a scale written only on the second
    // ("$1.10 to $1.15 billion") carries to the first.
    let mut joined: Vec<MoneyMatch> = Vec::with_capacity(out.len());
    for m in out {
        if let Some(prev) = joined.last_mut()
            && prev.low.is_none()
            && (prev.unit == m.unit || m.unit == unit::USD_PER_SHARE && prev.unit == unit::USD)
            && text
                .get(prev.end..m.start)
                .is_some_and(|gap| RANGE_JOIN.is_match(gap))
            && (!text
                .get(prev.end..m.start)
                .is_some_and(|g| g.trim().eq_ignore_ascii_case("and"))
                || text.get(..prev.start).is_some_and(|b| {
                    let b = b.trim_end().to_ascii_lowercase();
                    b.ends_with("between") || b.ends_with("range of") || b.ends_with("from")
                }))
            // "improved from $(1.80) to $(0.42)", "increased from $5 million to $7 million": a
            // movement between two figures, not a range (unless "ranging from", "range from").
            && !text.get(..prev.start).is_some_and(|b| {
                let b = b.trim_end().to_ascii_lowercase();
                b.ends_with("from") && !b.ends_with("range from") && !b.ends_with("ranging from")
                    && !b.ends_with("ranges from")
            })
        {
            let (mut lo, hi) = (prev.value.0, m.value.0);
            if lo < hi / Decimal::from(100) && !lo.is_zero() {
                let f = scale_of(&text[m.start..m.end]);
                lo = mul(lo, f);
            }
            prev.unit = m.unit.clone();
            prev.low = Some(Value::new(lo));
            prev.high = Some(Value::new(hi));
            prev.value = Value::new(lo);
            prev.end = m.end;
            continue;
        }
        joined.push(m);
    }
    let mut out = joined;
    // "27 cents a share", "a loss of 5 cents per diluted share": a per-share amount in cents is
    // that many hundredths of a dollar; "2.03 per share" beside "$2.07 per share": a per-share
    // amount whose dollar sign the writer dropped.
    for c in PER_SHARE_BARE.captures_iter(text) {
        let Some(num) = c.name("num").or_else(|| c.name("num2")) else {
            continue;
        };
        let cents = c.name("cents").or_else(|| c.name("cps"));
        let in_dollars = |n: &str| {
            parse_number(n).map(|v| {
                if cents.is_some() {
                    v / Decimal::from(100)
                } else {
                    v
                }
            })
        };
        let Some(mut v) = in_dollars(num.as_str()) else {
            continue;
        };
        let lo = c.name("lo");
        let start = lo.unwrap_or(num).start();
        // The amount is the number (and its "cents"), the words after it say per what.
        let end = cents.map_or(num.end(), |x| x.end());
        if out.iter().any(|o| o.start < end && start < o.end)
            || text[..start].ends_with(['$', '.', '-', '/'])
        {
            continue;
        }
        let before = text.get(..start).unwrap_or("");
        let tail = before
            .get(before.ceil_char_boundary(before.len().saturating_sub(60))..)
            .unwrap_or(before);
        let loss = LOSS_BEFORE.is_match(tail);
        if loss {
            v = -v.abs();
        }
        let low = lo
            .and_then(|l| in_dollars(l.as_str()))
            .map(|l| Value::new(if loss { -l.abs() } else { l }));
        out.push(MoneyMatch {
            start,
            end,
            value: low.unwrap_or(Value::new(v)),
            high: low.map(|_| Value::new(v)),
            low,
            unit: unit::USD_PER_SHARE.into(),
        });
    }
    out.sort_by_key(|m| m.start);
    for c in PERCENT.captures_iter(text) {
        let (Some(m), Some(num)) = (c.get(0), c.name("num")) else {
            continue;
        };
        // A percent inside a currency match ("$3.4 million (5%)") is separate; skip overlaps.
        if out.iter().any(|o| o.start < m.end() && m.start() < o.end) {
            continue;
        }
        let Some(mut v) = parse_number(num.as_str()) else {
            continue;
        };
        let mut start = m.start();
        let neg_paren = c.name("open").is_some() && c.name("close").is_some();
        if c.name("open").is_some() && !neg_paren {
            start += 1;
        }
        if c.name("sign").is_some_and(|s| s.as_str() == "-") && c.name("lo").is_none() || neg_paren
        {
            v = -v;
        }
        // A hyphen before a number is a minus only when it does not join words ("year-over-year").
        if c.name("sign").is_some_and(|s| s.as_str() == "-")
            && text[..start].ends_with(|ch: char| ch.is_alphanumeric())
        {
            v = v.abs();
            start += 1;
        }
        let (low, high) = match c.name("lo").and_then(|l| parse_number(l.as_str())) {
            Some(lo) => (Some(Value::new(lo)), Some(Value::new(v))),
            None => (None, None),
        };
        out.push(MoneyMatch {
            start,
            end: m.end(),
            value: low.unwrap_or(Value::new(v)),
            low,
            high,
            unit: unit::PERCENT.into(),
        });
    }
    // "an eight percent increase", "twenty-seven percent": a whole percent written in words.
    for c in WORD_PERCENT.captures_iter(text) {
        let Some(m) = c.get(0) else { continue };
        if out.iter().any(|o| o.start < m.end() && m.start() < o.end) {
            continue;
        }
        let word = |g: &str| c.name(g).map(|w| w.as_str().to_ascii_lowercase());
        let tens = word("tens").and_then(|w| number_word(&w)).unwrap_or(0);
        let ones = word("ones")
            .or_else(|| word("ones2"))
            .and_then(|w| number_word(&w))
            .unwrap_or(0);
        let v = tens + ones;
        if v == 0 {
            continue;
        }
        out.push(MoneyMatch {
            start: m.start(),
            end: m.end(),
            value: Value::new(Decimal::from(v)),
            low: None,
            high: None,
            unit: unit::PERCENT.into(),
        });
    }
    out.sort_by_key(|m| m.start);
    // "41%, plus or minus 150 basis points", "$8.9 million, plus or minus $200,000".
    for m in out.iter_mut().filter(|m| m.low.is_none()) {
        let after = text.get(m.end..).unwrap_or("");
        // `^,?\s*`: a comma can only be the optional one (no sign or word starts with it).
        if opens_with(
            after.strip_prefix(',').unwrap_or(after),
            &['+', '±', 'p', 'P'],
        ) && let Some(c) = TOLERANCE.captures(after)
            && let Some(mut tol) = c.name("num").and_then(|n| parse_number(n.as_str()))
        {
            if c.name("bp").is_some() {
                tol /= Decimal::from(100);
            } else if let Some(sc) = c.name("scale") {
                tol = mul(tol, scale_factor(sc.as_str()));
            }
            let unit_ok = if m.is_percent() {
                c.name("cur").is_none()
            } else {
                c.name("bp").is_none() && c.name("pct").is_none()
            };
            if unit_ok {
                let v = m.value.0;
                m.low = Some(Value::new(v - tol));
                m.high = Some(Value::new(v + tol));
                m.end += c.get(0).map_or(0, |g| g.end());
            }
        }
    }
    // "flat, plus or minus 2%": a range around zero.
    static FLAT: LazyLock<Regex> = LazyLock::new(|| {
        pattern::new(&format!(
            r"(?i)\bflat,?\s+(?:plus\s+or\s+minus|\+/-|±)\s*(?P<num>{NUM})\s*(?:%|percent)"
        ))
        .unwrap_or_else(|_| never())
    });
    for c in FLAT.captures_iter(text) {
        if let (Some(m), Some(v)) = (
            c.get(0),
            c.name("num").and_then(|n| parse_number(n.as_str())),
        ) {
            out.retain(|o| !(o.start >= m.start() && o.end <= m.end()));
            out.push(MoneyMatch {
                start: m.start(),
                end: m.end(),
                value: Value::new(-v),
                low: Some(Value::new(-v)),
                high: Some(Value::new(v)),
                unit: unit::PERCENT.into(),
            });
        }
    }
    out.sort_by_key(|m| m.start);
    // A tolerance's own amount ("plus or minus 2%") is part of the range, not a figure.
    let mut kept: Vec<MoneyMatch> = Vec::with_capacity(out.len());
    for m in out {
        if !kept.iter().any(|k| k.start <= m.start && m.end <= k.end) {
            kept.push(m);
        }
    }
    kept
}

/// Whether `after`, past its leading whitespace (the `^\s*` of the patterns read after an
/// amount), opens with one of `firsts`: the characters a match can start with, case folding
/// included. A quick test before those anchored patterns, whose gates would otherwise read the
/// whole rest of the sentence after every amount (`char::is_whitespace` is Unicode's
/// White_Space, as the patterns' `\s`).
fn opens_with(after: &str, firsts: &[char]) -> bool {
    after.trim_start().starts_with(firsts)
}

fn scale_of(s: &str) -> Decimal {
    static SC: LazyLock<Regex> =
        LazyLock::new(|| pattern::new(&format!("(?i){SCALE}")).unwrap_or_else(|_| never()));
    SC.find(s)
        .map_or(Decimal::ONE, |m| scale_factor(m.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Value {
        Value::new(s.parse().unwrap())
    }

    #[test]
    fn whole_percents_in_words() {
        let v: Vec<(String, String)> = scan(
            "an eight percent increase, twenty-seven percent lower, up 12 percent, one-time items",
        )
        .iter()
        .map(|m| (m.value.0.to_string(), m.unit.clone()))
        .collect();
        let p = |x: &str| (x.to_string(), "percent".to_string());
        assert_eq!(v, [p("8"), p("27"), p("12")]);
    }

    #[test]
    fn parses_amounts_as_written() {
        assert_eq!(
            parse_amount("$79 million"),
            Some((d("79000000"), "USD".into()))
        );
        assert_eq!(
            parse_amount("$1.2 billion"),
            Some((d("1200000000"), "USD".into()))
        );
        assert_eq!(parse_amount("$.31"), Some((d("0.31"), "USD".into())));
        assert_eq!(
            parse_amount("$(3.4) million"),
            Some((d("-3400000"), "USD".into()))
        );
        assert_eq!(parse_amount("(0.08)"), Some((d("-0.08"), "count".into())));
        assert_eq!(
            parse_amount("$2, 310,000"),
            Some((d("2310000"), "USD".into()))
        );
        assert_eq!(
            parse_amount("€3 million"),
            Some((d("3000000"), "EUR".into()))
        );
        assert_eq!(parse_amount("12.5%"), Some((d("12.5"), "percent".into())));
        assert_eq!(parse_amount("words"), None);
    }

    #[test]
    fn format_round_trips() {
        for (v, u) in [
            ("79000000", "USD"),
            ("-3412.5", "USD"),
            ("0.31", "USD"),
            ("12.5", "percent"),
            ("-4", "percent"),
            ("3", "EUR"),
        ] {
            let v = d(v);
            assert_eq!(
                parse_amount(&format_amount(&v, u)),
                Some((v, u.to_string())),
                "{v} {u}"
            );
        }
        assert_eq!(display_amount(&d("79000000"), "USD"), "$79 million");
    }

    #[test]
    fn scans_prose_with_spans() {
        let t = "Revenues were $79 million compared to $75 million; a loss of $0.08 per share.";
        let m = scan(t);
        assert_eq!(m.len(), 3);
        assert_eq!(&t[m[0].start..m[0].end], "$79 million");
        assert_eq!(m[1].value, d("75000000"));
        assert_eq!(m[2].value, d("-0.08"));
        assert_eq!(m[2].unit, "USD/share");
    }

    /// A stock's par value is a term of the security, no amount a release reports.
    #[test]
    fn a_par_value_is_no_amount() {
        let t = "Common stock, $1.00 par value; preferred stock, $.01 per share par value; equity of $122.2 million";
        let m = scan(t);
        assert_eq!(m.len(), 1, "{m:?}");
        assert_eq!(m[0].value, d("122200000"));
    }

    #[test]
    fn scans_ranges_and_tolerances() {
        let t = "target range of 58 - 62%; between $1.10 billion and $1.15 billion; 41%, plus or minus 150 basis points; $1.10 to $1.15 billion";
        let m = scan(t);
        assert_eq!((m[0].low, m[0].high), (Some(d("58")), Some(d("62"))));
        assert_eq!(&t[m[0].start..m[0].end], "58 - 62%");
        assert_eq!(m[1].low, Some(d("1100000000")));
        assert_eq!(m[1].high, Some(d("1150000000")));
        assert_eq!((m[2].low, m[2].high), (Some(d("39.5")), Some(d("42.5"))));
        assert_eq!(m[3].low, Some(d("1100000000")));
        assert_eq!(m.len(), 4);
        // A hyphenated word is not a minus sign.
        let m = scan("year-over-year growth of 9 percent and a (3.4)% decline");
        assert_eq!(m[0].value, d("9"));
        assert_eq!(m[1].value, d("-3.4"));
    }

    #[test]
    fn scans_per_share_amounts_in_cents_and_without_a_dollar_sign() {
        let t = "27 cents a share; 67-71 cents per share; EPS of 12.3 cps; or 2.03 per share; a loss of 5 cents per share; 18.77 Australian cents per share";
        let m = scan(t);
        let got: Vec<(&str, Value, Option<Value>)> = m
            .iter()
            .map(|x| (&t[x.start..x.end], x.value, x.high))
            .collect();
        assert_eq!(
            got,
            [
                ("27 cents", d("0.27"), None),
                ("67-71 cents", d("0.67"), Some(d("0.71"))),
                ("12.3 cps", d("0.123"), None),
                ("2.03", d("2.03"), None),
                ("5 cents", d("-0.05"), None),
            ]
        );
        assert!(m.iter().all(|x| x.unit == unit::USD_PER_SHARE));
    }

    #[test]
    fn parses_cells_and_scale_notes() {
        assert_eq!(parse_cell("(3,412)"), Some((d("-3412"), CellKind::Number)));
        assert_eq!(parse_cell("$ 79,000"), Some((d("79000"), CellKind::Number)));
        assert_eq!(parse_cell("—").map(|c| c.1), Some(CellKind::Dash));
        assert_eq!(parse_cell("12.5 %"), Some((d("12.5"), CellKind::Percent)));
        assert_eq!(parse_cell("1.16 (1)"), Some((d("1.16"), CellKind::Number)));
        assert_eq!(parse_cell("Revenue"), None);
        assert_eq!(
            scale_note("(in thousands, except per share data)"),
            Some(Decimal::from(1000))
        );
        assert_eq!(
            scale_note("In millions, except per share amounts"),
            Some(Decimal::from(1_000_000))
        );
        assert_eq!(scale_note("Revenue by region"), None);
    }
}
