//! The terminal viewer: state (`App`), keys → actions, drawing. (To be written.)

use anyhow::Result;
use irview::Release;

pub fn run(release: Release, _mouse: bool) -> Result<()> {
    println!("{} lines", release.document.line_count());
    Ok(())
}
