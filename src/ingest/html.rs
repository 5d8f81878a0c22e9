//! EDGAR HTML exhibits → Document. (To be completed: block structure, tables, entities.)

use crate::document::{BlockKind, DocMeta, Document, Format};
use crate::error::Error;

pub fn ingest(text: &str, _name: &str) -> Result<Document, Error> {
    // Placeholder: strip tags crudely so the pipeline runs end to end.
    let re = regex::Regex::new(r"(?s)<script.*?</script>|<style.*?</style>|<[^>]*>")
        .map_err(|e| Error::input("html", e.to_string()))?;
    let stripped = re.replace_all(text, "\n");
    let lines: Vec<String> = super::clean::clean_lines(&stripped)
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let _ = BlockKind::Paragraph;
    Ok(super::text::build(
        &lines,
        DocMeta {
            format: Format::Html,
            ..DocMeta::default()
        },
    ))
}
