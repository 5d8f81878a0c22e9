//! How values read on screen and in exports: compact, signed, honest about units.

use crate::release::{Value, unit};
use rust_decimal::Decimal;

/// "$79M", "$1.2B", "$361M", "$0.31", "58%", "−$3.4M", "1,234 shares".
pub fn value(v: &Value, unit_name: Option<&str>) -> String {
    let d = v.0;
    let neg = d.is_sign_negative() && !d.is_zero();
    let a = d.abs();
    let body = match unit_name {
        Some(unit::PERCENT) => format!("{}%", trim(a.round_dp(2))),
        Some(unit::USD_PER_SHARE) => format!("${}", fixed2(a)),
        Some(unit::SHARES_PER_SHARE) => format!("{} shares per share", trim(a)),
        Some(unit::USD) => money(a, "$", ""),
        Some(u) if u.len() == 3 && u.chars().all(|c| c.is_ascii_uppercase()) => {
            money(a, "", &format!(" {u}"))
        }
        Some(u) if u.ends_with("/share") => format!("{} {}", fixed2(a), u),
        Some(u) => format!("{} {}", group(a), u),
        None => group(a),
    };
    if neg { format!("-{body}") } else { body }
}

/// A range "58–62%".
pub fn range(low: Option<&Value>, high: Option<&Value>, unit_name: Option<&str>) -> String {
    match (low, high) {
        (Some(l), Some(h)) if l == h => value(l, unit_name),
        (Some(l), Some(h)) => {
            let hs = value(h, unit_name);
            let ls = value(l, unit_name);
            // Drop the repeated unit on the low side where it reads clearly: "58–62%".
            if unit_name == Some(unit::PERCENT) {
                format!("{}–{}", ls.trim_end_matches('%'), hs)
            } else {
                format!("{ls}–{hs}")
            }
        }
        (Some(l), None) => format!("≥ {}", value(l, unit_name)),
        (None, Some(h)) => format!("≤ {}", value(h, unit_name)),
        (None, None) => String::new(),
    }
}

/// A signed change: "+$4M", "-2.1%".
pub fn change(v: &Value, unit_name: Option<&str>) -> String {
    let s = value(v, unit_name);
    if v.is_negative() || v.0.is_zero() {
        s
    } else {
        format!("+{s}")
    }
}

/// A percent change "+5.3%" (one decimal).
pub fn pct(v: &Value) -> String {
    let r = v.0.round_dp(1);
    let s = trim(r.abs());
    if r.is_sign_negative() && !r.is_zero() {
        format!("-{s}%")
    } else {
        format!("+{s}%")
    }
}

fn money(a: Decimal, prefix: &str, suffix: &str) -> String {
    let b = Decimal::from(1_000_000_000i64);
    let m = Decimal::from(1_000_000i64);
    if a >= b {
        format!("{prefix}{}B{suffix}", trim((a / b).round_dp(3)))
    } else if a >= m {
        format!("{prefix}{}M{suffix}", trim((a / m).round_dp(3)))
    } else if a.fract().is_zero() {
        format!("{prefix}{}{suffix}", group(a))
    } else {
        format!("{prefix}{}{suffix}", fixed2(a))
    }
}

fn trim(d: Decimal) -> String {
    d.normalize().to_string()
}

fn fixed2(d: Decimal) -> String {
    let r = d.round_dp(4).normalize();
    if r.scale() < 2 {
        format!("{:.2}", r)
    } else {
        r.to_string()
    }
}

/// "1234567" → "1,234,567" (keeps decimals).
fn group(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(&f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(n: i64, scale: u32) -> Value {
        Value::new(Decimal::new(n, scale))
    }

    #[test]
    fn compact_money_and_units() {
        assert_eq!(value(&v(79_000_000, 0), Some("USD")), "$79M");
        assert_eq!(value(&v(1_200_000_000, 0), Some("USD")), "$1.2B");
        assert_eq!(value(&v(31, 2), Some("USD/share")), "$0.31");
        assert_eq!(value(&v(-3_412_000, 0), Some("USD")), "-$3.412M");
        assert_eq!(value(&v(53, 1), Some("percent")), "5.3%");
        assert_eq!(
            range(Some(&v(58, 0)), Some(&v(62, 0)), Some("percent")),
            "58–62%"
        );
        assert_eq!(pct(&v(5333, 3)), "+5.3%");
        assert_eq!(change(&v(4_000_000, 0), Some("USD")), "+$4M");
        assert_eq!(value(&v(1_234_567, 0), Some("shares")), "1,234,567 shares");
    }
}
