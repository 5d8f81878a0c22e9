//! Identity, restatement events and risk lists on real releases from tests/corpus.

use irview::release::{Event, EventState, Release};

fn load(name: &str) -> Release {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    irview::load_path(&path).unwrap()
}

/// The sample is read by several tests: extract it once.
fn sample() -> &'static Release {
    static SAMPLE: std::sync::OnceLock<Release> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| load("sonus-networks-2006q4-ex99.1.txt"))
}

fn find<'a>(r: &'a Release, kind: &str, needle: &str) -> &'a Event {
    r.restatement
        .events
        .iter()
        .find(|e| e.kind == kind && e.text.contains(needle))
        .unwrap_or_else(|| {
            panic!(
                "no {kind} event containing {needle:?} in {:#?}",
                r.restatement.events
            )
        })
}

/// Every event and risk points at its own text in the document.
fn assert_sources_true(r: &Release) {
    let text = &r.document.text;
    // Whitespace folded and page markers dropped, as the extractors do.
    let norm = |s: &str| {
        s.split_whitespace()
            .filter(|w| *w != "<PAGE>")
            .collect::<Vec<_>>()
            .join(" ")
    };
    for e in &r.restatement.events {
        let span = &text[e.source.start..e.source.end];
        assert_eq!(norm(span), e.text, "event source does not span its text");
        assert_eq!(r.document.line_of(e.source.start), e.source.line);
    }
    for k in &r.risks {
        assert_eq!(norm(&text[k.source.start..k.source.end]), k.text);
        assert_eq!(r.document.line_of(k.source.start), k.source.line);
    }
}

#[test]
fn sample_identity() {
    let r = sample().clone();
    assert_eq!(r.company.name.as_deref(), Some("Sonus Networks, Inc."));
    assert_eq!(r.company.ticker.as_deref(), Some("SONS"));
    assert_eq!(r.company.exchange.as_deref(), Some("Nasdaq"));
    assert_eq!(r.dateline.city.as_deref(), Some("Westford"));
    assert_eq!(
        r.dateline.text.as_deref(),
        Some("WESTFORD, Mass., Feb. 28 /PRNewswire-FirstCall/")
    );
    // The dateline has no year: it comes from the "02/28/2007" trailer.
    assert_eq!(r.date.as_deref(), Some("2007-02-28"));
    assert_eq!(
        r.title.as_deref(),
        Some("SONUS NETWORKS REPORTS FOURTH QUARTER AND FISCAL YEAR 2006 FINANCIAL RESULTS")
    );
}

#[test]
fn sample_events() {
    let r = sample().clone();
    assert_sources_true(&r);
    let e = find(
        &r,
        "option_review",
        "completed its internal stock option review",
    );
    assert_eq!(e.state, EventState::Completed);
    let e = find(&r, "restatement", "continues to work diligently");
    assert_eq!(e.state, EventState::InProgress);
    let e = find(
        &r,
        "restatement",
        "has not yet completed its previously announced",
    );
    assert_eq!(e.state, EventState::InProgress);
    assert_eq!(
        find(&r, "restatement", "will restate").state,
        EventState::Expected
    );
    let e = find(&r, "late_filing", "Form 12b-25");
    assert_eq!(
        (e.state, e.filing.as_deref()),
        (EventState::Expected, Some("Form 12b-25"))
    );
    let e = find(&r, "late_filing", "unable to file its Form 10-K");
    assert_eq!(
        (e.state, e.filing.as_deref()),
        (EventState::Expected, Some("Form 10-K"))
    );
    // "for the year ended December 31, 2006" is the period, not the event's date.
    assert_eq!(e.date, None);
    let e = find(&r, "sec_inquiry", "notified the SEC");
    assert_eq!(
        (e.state, e.date.as_deref()),
        (EventState::Completed, Some("2006-08"))
    );
    assert_eq!(
        find(&r, "sec_inquiry", "formal order of investigation").state,
        EventState::Expected
    );
    let e = find(
        &r,
        "investigation",
        "Audit Committee completed its investigation",
    );
    assert_eq!(
        (e.state, e.actor.as_deref()),
        (EventState::Completed, Some("Audit Committee"))
    );
    // The risk list names "any restatement" and "potential investigations": not events.
    assert!(
        r.restatement
            .events
            .iter()
            .all(|e| !e.text.contains("Risk factors include"))
    );
    assert_eq!(r.restatement.status, "in_progress");
    assert!(r.restatement.summary.ends_with('.'));
}

#[test]
fn sample_risks() {
    let r = sample().clone();
    let texts: Vec<&str> = r.risks.iter().map(|k| k.text.as_str()).collect();
    assert_eq!(texts.len(), 6, "{texts:#?}");
    assert!(texts[0].starts_with("the impact of material weaknesses"));
    assert_eq!(
        texts[1],
        "the unpredictability of our quarterly financial results"
    );
    assert!(
        texts[2]
            .starts_with("risks and uncertainties associated with the Company's announced review")
    );
    // The "including" sub-items stay in their item.
    assert!(texts[2].contains("including the impact on the Company's financial statements"));
    assert!(texts[2].ends_with("arising out of the review or any restatement"));
    assert_eq!(
        texts[3],
        "risks associated with our international expansion and growth"
    );
    assert_eq!(texts[4], "consolidation in the telecommunications industry");
    assert_eq!(
        texts[5],
        "potential costs resulting from pending securities litigation against the company"
    );
    assert_eq!(
        r.risk_reference.as_deref(),
        Some("Item 1A \"Risk Factors\" of Sonus' Quarterly Report on Form 10-Q dated May 8, 2006")
    );
    assert_sources_true(&r);
}

#[test]
fn traps_are_not_events() {
    // "Amended and restated" agreements, "restated to reflect the split", an option grant.
    for name in [
        "innovative-clinical-2000-bond-restructuring-8k-submission.txt",
        "amazon-q4-1998-8k-submission.txt",
        "apple-2000-ceo-option-grant-ex991.txt",
    ] {
        let r = load(name);
        assert_eq!(r.restatement.status, "none", "{name}: {:#?}", r.restatement);
        assert!(r.restatement.events.is_empty());
    }
}

#[test]
fn item_402_restatement_is_completed_and_dated() {
    let r = load("agilent-2006-item402-restatement-8k-lee2014.txt");
    assert_sources_true(&r);
    let e = find(&r, "restatement", "determined that it would restate");
    assert_eq!(e.date.as_deref(), Some("2006-01-13"));
    let e = find(&r, "restatement", "no longer be relied upon");
    assert_eq!(e.actor.as_deref(), Some("Audit Committee"));
    let e = find(&r, "restatement", "has been included");
    assert_eq!(
        (e.state, e.filing.as_deref(), e.date.as_deref()),
        (EventState::Completed, Some("Form 10-K"), Some("2006-01-17"))
    );
    assert_eq!(r.restatement.status, "completed");
    // The Item 4.02 caption ("…or Completed Interim Review") is not an event.
    assert!(
        r.restatement
            .events
            .iter()
            .all(|e| !e.text.contains("ITEM 4.02"))
    );
    assert_eq!(
        r.company.name.as_deref(),
        Some("Agilent Technologies, Inc.")
    );
}

#[test]
fn restatement_with_postponed_earnings() {
    let r = load("pericom-2005-restatement-earnings-delay-8k-submission.txt");
    assert_sources_true(&r);
    let e = find(&r, "late_filing", "will be delayed");
    assert_eq!(e.state, EventState::Expected);
    // An earnings release is not a Form 12b-25.
    assert_ne!(e.filing.as_deref(), Some("Form 12b-25"));
    assert!(r.restatement.events.iter().any(|e| e.kind == "restatement"));
    assert_eq!(r.company.ticker.as_deref(), Some("PSEM"));
    assert_eq!(r.date.as_deref(), Some("2005-08-02"));
}

#[test]
fn agencies_act_in_legal_matters() {
    let r = load("alcoa-2005-doj-subpoena-8k-lee2014.txt");
    assert_sources_true(&r);
    let e = find(&r, "legal", "grand jury subpoena");
    assert_eq!(
        (e.state, e.actor.as_deref(), e.date.as_deref()),
        (EventState::Completed, Some("DOJ"), Some("2005-05-25"))
    );
    assert_eq!(
        find(&r, "legal", "Competition Bureau").actor.as_deref(),
        Some("Competition Bureau")
    );
    let e = find(&r, "legal", "ACCC");
    assert_eq!(
        (e.actor.as_deref(), e.date.as_deref()),
        (Some("ACCC"), Some("2005-05-26"))
    );
}

#[test]
fn nasdaq_deficiency_notice() {
    let r = load("horizon-financial-2009-nasdaq-deficiency-8k.htm");
    assert_sources_true(&r);
    let e = find(&r, "exchange_notice", "received a notice");
    assert_eq!(
        (e.state, e.actor.as_deref(), e.date.as_deref()),
        (EventState::Completed, Some("Nasdaq"), Some("2009-12-21"))
    );
    let e = find(&r, "exchange_notice", "to regain compliance");
    assert_eq!(
        (e.state, e.date.as_deref()),
        (EventState::Expected, Some("2010-03-22"))
    );
}

#[test]
fn risk_counts_on_corpus_releases() {
    // Counted by reading each cautionary paragraph: inline lists split on semicolons,
    // enumerated "(1) … (7)" items, and bullets after "are the following:".
    for (name, n) in [
        ("alcoa-q2-2007-results-8k-lee2014.txt", 19),
        ("oracle-q4-fy2014-ex991.htm", 7),
        ("apple-q1-fy2011-ex991.htm", 15),
        ("pfizer-q2-2023-ex991-pdftext.md", 34),
        ("southern-co-q4-2004-ex9901.txt", 20),
    ] {
        let r = load(name);
        assert_eq!(r.risks.len(), n, "{name}: {:#?}", r.risks);
        assert!(r.risk_reference.is_some(), "{name}: no reference");
        assert_sources_true(&r);
    }
}

#[test]
fn oracle_items_are_whole_sentences() {
    let r = load("oracle-q4-fy2014-ex991.htm");
    assert!(
        r.risks[0]
            .text
            .starts_with("Economic, political and market conditions")
    );
    assert!(
        r.risks[6]
            .text
            .starts_with("We have an active acquisition program")
    );
}

#[test]
fn a_release_without_events_says_none() {
    let r = load("costco-q1-fy2023-ex991-pdftext.md");
    assert_eq!(r.restatement.status, "none");
    assert!(r.restatement.events.is_empty());
    assert!(!r.restatement.summary.is_empty());
}

#[test]
fn datelines_and_listings_across_formats() {
    let r = load("innovative-clinical-2000-bond-restructuring-8k-submission.txt");
    assert_eq!(r.company.exchange.as_deref(), Some("OTC BB"));
    assert_eq!(
        r.company.name.as_deref(),
        Some("Innovative Clinical Solutions, Ltd.")
    );
    assert_eq!(r.date.as_deref(), Some("2000-05-22"));
    let r = load("costco-q1-fy2023-ex991-pdftext.md");
    assert_eq!(r.company.ticker.as_deref(), Some("COST"));
    assert_eq!(r.date.as_deref(), Some("2022-12-08"));
    let r = load("rock-of-ages-2000-acquisition-ex99.htm");
    assert_eq!(r.company.exchange.as_deref(), Some("Nasdaq"));
    assert_eq!(r.company.ticker.as_deref(), Some("ROAC"));
    let r = load("southern-co-q4-2004-ex9901.txt");
    // An undated dateline ("ATLANTA - "): the date line above it gives the day.
    assert_eq!(r.date.as_deref(), Some("2005-01-25"));
    assert_eq!(r.company.name.as_deref(), Some("Southern Company"));
}

/// The matters of a corpus release as (label, state, since), in the order they were opened.
fn matters(r: &Release) -> Vec<(&str, EventState, Option<&str>)> {
    r.restatement
        .matters
        .iter()
        .map(|m| (m.label.as_str(), m.state, m.since.as_deref()))
        .collect()
}

/// Every event belongs to a matter, and a matter's events are real indices.
fn assert_matters_cover_events(r: &Release) {
    let n = r.restatement.events.len();
    for i in 0..n {
        assert!(
            r.restatement.matters.iter().any(|m| m.events.contains(&i)),
            "event {i} is in no matter: {:#?}",
            r.restatement
        );
    }
    assert!(
        r.restatement
            .matters
            .iter()
            .all(|m| !m.events.is_empty() && m.events.iter().all(|&i| i < n))
    );
}

#[test]
fn sample_matters_have_one_state_each() {
    let r = sample();
    assert_matters_cover_events(r);
    use EventState::*;
    assert_eq!(
        matters(r),
        vec![
            ("restatement", InProgress, None),
            ("stock option review", Completed, None),
            ("late filing (Form 10-K)", Expected, None),
            ("SEC inquiry", InProgress, Some("2006-08")),
        ]
    );
    // The Audit Committee's investigation of option practices is part of the option review.
    let review = &r.restatement.matters[1];
    assert!(
        review
            .events
            .iter()
            .any(|&i| r.restatement.events[i].kind == "investigation")
    );
    // Each matter said once.
    assert_eq!(
        r.restatement.summary,
        "Stock option review completed; restatement and SEC inquiry in progress; \
         late filing (Form 10-K) expected."
    );
}

#[test]
fn corpus_matters_and_states() {
    use EventState::*;
    for (name, want) in [
        (
            "agilent-2006-item402-restatement-8k-lee2014.txt",
            vec![("restatement", Completed, Some("2006-01-17"))],
        ),
        (
            "abvc-2024-restatement-8k-submission.txt",
            vec![
                ("restatement", InProgress, Some("2025-04-10")),
                ("material weakness", InProgress, None),
            ],
        ),
        (
            "pericom-2005-restatement-earnings-delay-8k-submission.txt",
            vec![
                ("late filing", Expected, None),
                ("restatement", InProgress, None),
            ],
        ),
        (
            "horizon-financial-2009-nasdaq-deficiency-8k.htm",
            vec![
                (
                    "exchange listing notice (market value)",
                    InProgress,
                    Some("2009-12-21"),
                ),
                (
                    "exchange listing notice (bid price)",
                    InProgress,
                    Some("2009-11-10"),
                ),
            ],
        ),
        (
            "alcoa-2005-doj-subpoena-8k-lee2014.txt",
            vec![
                (
                    "legal or regulatory matter (DOJ)",
                    InProgress,
                    Some("2005-05-25"),
                ),
                (
                    "legal or regulatory matter (Competition Bureau)",
                    InProgress,
                    Some("2005-05-25"),
                ),
                (
                    "legal or regulatory matter (ACCC)",
                    InProgress,
                    Some("2005-05-26"),
                ),
            ],
        ),
        (
            "alcoa-q2-2007-results-8k-lee2014.txt",
            vec![("legal or regulatory matter (DOJ)", InProgress, None)],
        ),
        (
            "johnson-johnson-q1-2023-ex991-pdftext.md",
            vec![("legal or regulatory matter", InProgress, None)],
        ),
    ] {
        let r = load(name);
        assert_matters_cover_events(&r);
        assert_eq!(matters(&r), want, "{name}: {:#?}", r.restatement.matters);
    }
}

#[test]
fn a_non_reliance_decision_is_not_a_completed_restatement() {
    for name in [
        "abvc-2024-restatement-8k-submission.txt",
        "agilent-2006-item402-restatement-8k-lee2014.txt",
        "pericom-2005-restatement-earnings-delay-8k-submission.txt",
    ] {
        let r = load(name);
        for e in r
            .restatement
            .events
            .iter()
            .filter(|e| e.text.contains("no longer be relied upon"))
        {
            assert_ne!(e.state, EventState::Completed, "{name}: {e:#?}");
        }
    }
    // "These investigations" are the three agencies' matters.
    let r = load("alcoa-2005-doj-subpoena-8k-lee2014.txt");
    let i = r
        .restatement
        .events
        .iter()
        .position(|e| e.text.contains("these investigations"))
        .unwrap_or(usize::MAX);
    assert!(r.restatement.matters.iter().all(|m| m.events.contains(&i)));
}
