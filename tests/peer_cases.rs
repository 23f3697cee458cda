//! A peer project's own line-classification tests (hehecat/gongwen's parser
//! tests, transcribed as data in `fixtures/peer/hehecat_parser.tsv`, whose
//! header gives the source, licence and the mapping of its kinds to ours), run
//! through our reader. Every scored line is compared with the kind our
//! conventions give it; lines where the peer's expectation contradicts GB/T
//! 9704 or the corpus conventions are counted apart, and both scores printed.

use std::collections::BTreeMap;
use std::path::Path;

use gongwen::model::BlockKind;
use gongwen::read::{read_bytes, ReadOptions};

const FIXTURE: &str = include_str!("fixtures/peer/hehecat_parser.tsv");

struct Row {
    line: usize,
    text: String,
    peer_as_ours: String,
    ours: String,
}

/// Cases in file order, each with its rows.
fn cases() -> Vec<(String, Vec<Row>)> {
    let mut out: Vec<(String, Vec<Row>)> = Vec::new();
    for row in FIXTURE.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let p: Vec<&str> = row.split('\t').collect();
        assert_eq!(p.len(), 7, "fixture row with {} columns: {row}", p.len());
        let r = Row {
            line: p[1].parse().unwrap(),
            text: p[2].to_string(),
            peer_as_ours: p[4].to_string(),
            ours: p[5].to_string(),
        };
        match out.last_mut() {
            Some((name, rows)) if name == p[0] => rows.push(r),
            _ => out.push((p[0].to_string(), vec![r])),
        }
    }
    out
}

/// Our kind for each source line, named as in the fixture (`heading<level>`).
fn read_kinds(src: &str) -> Option<BTreeMap<usize, String>> {
    let doc = read_bytes(
        src.as_bytes(),
        Path::new("draft.txt"),
        &ReadOptions::default(),
    )
    .ok()?;
    let mut per = BTreeMap::new();
    for b in doc.blocks() {
        let kind = match (&b.kind, &b.heading) {
            (BlockKind::Heading, Some(h)) if h.run_in => format!("heading_runin{}", h.level),
            (BlockKind::Heading, Some(h)) => format!("heading{}", h.level),
            (BlockKind::Table, _) => "table_row".to_string(),
            (k, _) => k.name().to_string(),
        };
        for n in b.lines.0..=b.lines.1 {
            per.insert(n, kind.clone());
        }
    }
    Some(per)
}

#[test]
fn peer_line_classification_cases() {
    let all = cases();
    assert!(all.len() >= 50, "only {} cases in the fixture", all.len());
    let (mut agreed, mut agreed_right) = (0, 0);
    let (mut scored, mut peer_right) = (0, 0);
    let mut misses = Vec::new();
    for (name, rows) in &all {
        if rows.iter().all(|r| r.line == 0) {
            // No lines at all: nothing to classify, and nothing may come out.
            let got = read_kinds("");
            assert!(
                got.is_none_or(|k| k.is_empty()),
                "{name}: blocks from nothing"
            );
            continue;
        }
        let src: Vec<&str> = rows.iter().map(|r| r.text.as_str()).collect();
        let got = read_kinds(&src.join("\n")).unwrap_or_default();
        for r in rows.iter().filter(|r| r.ours != "-") {
            let g = got.get(&r.line).map(String::as_str).unwrap_or("missing");
            scored += 1;
            peer_right += usize::from(g == r.peer_as_ours);
            if r.ours == r.peer_as_ours {
                agreed += 1;
                agreed_right += usize::from(g == r.ours);
            }
            if g != r.ours {
                misses.push(format!(
                    "{name}:{}: want {} got {g}: {}",
                    r.line, r.ours, r.text
                ));
            }
        }
    }
    let share = |a: usize, b: usize| a as f64 / b as f64;
    println!(
        "peer cases: {} lines; as the peer expects {peer_right}/{scored} = {:.3}; \
         on the {agreed} lines where we agree on the convention {agreed_right}/{agreed} = {:.3}; \
         {} lines disagree",
        scored,
        share(peer_right, scored),
        share(agreed_right, agreed),
        scored - agreed
    );
    for m in &misses {
        println!("miss {m}");
    }
    assert!(
        share(agreed_right, agreed) >= 0.95,
        "{agreed_right}/{agreed} agreed lines right:\n{}",
        misses.join("\n")
    );
}
