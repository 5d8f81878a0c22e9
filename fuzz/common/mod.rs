//! What the fuzz targets assert of every output (#14): no control character but newline in the
//! Release's strings, the panes' cells (what the viewer draws, search prints), the Markdown, and
//! no raw control byte in the JSON. (tests/common/mod.rs checks the same in `cargo test`.)

use irview::Release;
use irview::pane::Pane;
use serde_json::Value;

pub fn assert_outputs_clean(r: &Release, panes: &[Pane], md: &str) {
    no_control(md, "Markdown");
    for p in panes {
        for row in &p.rows {
            for c in &row.cells {
                no_control(c, p.title());
            }
        }
    }
    let Ok(json) = serde_json::to_string(r) else {
        panic!("a Release that does not serialize");
    };
    let b = json.as_bytes();
    for (i, &x) in b.iter().enumerate() {
        let c1 = x == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
        assert!(
            !((x < 0x20 && x != b'\n') || x == 0x7f || c1),
            "JSON: control byte {x:#04x} at {i}"
        );
    }
    if let Ok(v) = serde_json::from_str::<Value>(&json) {
        strings(&v);
    }
}

fn no_control(s: &str, what: &str) {
    if let Some(c) = s.chars().find(|&c| c.is_control() && c != '\n') {
        panic!("{what}: control character {c:?} in {s:?}");
    }
}

fn strings(v: &Value) {
    match v {
        Value::String(s) => no_control(s, "a string of the Release"),
        Value::Array(a) => a.iter().for_each(strings),
        Value::Object(o) => o.values().for_each(strings),
        _ => {}
    }
}
