//! Markdown export of panes (the same writer serves `irview export` and the viewer's `e` key).

use crate::pane::Pane;
use crate::release::Release;

/// Markdown for the given panes of a release. (To be completed.)
pub fn markdown(r: &Release, panes: &[&Pane]) -> String {
    let mut out = format!(
        "# {}\n\n",
        r.company.name.clone().unwrap_or_else(|| r.stem())
    );
    for p in panes {
        out.push_str(&format!("## {}\n\n", p.title()));
        for row in &p.rows {
            out.push_str(&row.cells.join(" | "));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}
