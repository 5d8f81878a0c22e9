//! Dense inputs: one construct repeated thousands of times in one paragraph, list, table or
//! nesting. A release from the internet can be any of these; each must cost time linear in its
//! size (the `ingest_extract/dense` benchmarks compare 10,000 with 40,000 of each, and
//! tests/regressions.rs reads each one).

/// The constructs, by name.
pub const KINDS: &[&str] = &[
    "amounts_one_sentence",
    "amounts_sentences",
    "periods_one_sentence",
    "periods_sentences",
    "event_cues_one_sentence",
    "event_cues_sentences",
    "list_items",
    "table_rows",
    "statement_rows",
    "nested_tags",
    "mixed_one_paragraph",
];

/// An HTML release of `n` repetitions of construct `kind` (one of [`KINDS`]).
pub fn html(kind: &str, n: usize) -> String {
    let unit = match kind {
        "periods_one_sentence" => "in the third quarter of 2006 and ",
        "periods_sentences" => "Net income rose in the third quarter of 2006. ",
        "event_cues_one_sentence" => {
            "the restatement and the SEC investigation and the late filing and "
        }
        "event_cues_sentences" => "The Audit Committee began a review of the restatement. ",
        "mixed_one_paragraph" => {
            "Revenue of $1 million in the third quarter of 2006, compared to $2 million a year \
             ago, an increase of 5%; the restatement review continued and net income rose 3% to \
             $0.12 per diluted share, "
        }
        _ => "",
    };
    let body = match kind {
        "list_items" => format!(
            "<ul>{}</ul>",
            "<li>risks including competition, demand and pricing</li>".repeat(n)
        ),
        "table_rows" => format!(
            "<table>{}</table>",
            "<tr><td>Revenue</td><td>$ 1,234</td><td>$ 1,100</td></tr>".repeat(n)
        ),
        "statement_rows" => {
            let rows: String = (0..n)
                .map(|i| {
                    let label = if i % 3 == 0 {
                        "Net income"
                    } else {
                        "Other revenue"
                    };
                    format!(
                        "<tr><td>{label}</td><td>$ {}</td><td>$ {}</td></tr>",
                        1000 + i % 900,
                        900 + i % 800
                    )
                })
                .collect();
            format!(
                "<p>(in thousands)</p><table><tr><td></td><td>Three Months Ended December 31, 2006</td>\
                 <td>Three Months Ended December 31, 2005</td></tr>{rows}</table>"
            )
        }
        // Each amount its own ("$1 million", "$2 million", ...), so every one is a figure.
        "amounts_one_sentence" => format!(
            "<p>{}</p>",
            (1..=n)
                .map(|i| format!("revenue of ${i} million "))
                .collect::<String>()
        ),
        "amounts_sentences" => format!(
            "<p>{}</p>",
            (1..=n)
                .map(|i| format!("Revenue was ${i} million. "))
                .collect::<String>()
        ),
        "nested_tags" => format!(
            "{}Revenue was $1 million.{}",
            "<div><span>".repeat(n),
            "</span></div>".repeat(n)
        ),
        _ => format!("<p>{}</p>", unit.repeat(n)),
    };
    format!("<html><body><p>Acme Corp reports fourth quarter 2006 results.</p>{body}</body></html>")
}
