//! Gaps found on draft plans nobody tuned the rules on
//! (`fixtures/gaps/`, 12 plans and 2 PDFs written by a helper who had not
//! read the code, each `X.expected.json` written by hand from
//! docs/GAPS.md: every gap a board manager would flag, the near misses
//! planted beside them, and the plan's own details). The `tune` half was
//! used to fix rules; the `test` half is only measured (its misses print
//! only with ACTIONPLAN_SHOW_HELD_OUT=1). Both are held at the floors
//! they reached (README).

use serde_json::Value;

use crate::plans::{assert_valid, convert};
use crate::util::{read_json, repo};

/// A gap as the expected files name it: its code and its action's index,
/// or the priority it is about. An empty section named by its row ("3
/// Learning and development", "Theme 3: Serious violence") is named by its
/// number, as the expected files name it; one with no number ("Online
/// safety") by its text.
fn key(g: &Value) -> (String, String) {
    let code = g["code"].as_str().unwrap_or_default().to_string();
    if let Some(a) = g["action"].as_u64() {
        return (code, format!("action {a}"));
    }
    if g["field"] == "section" {
        if let Some(v) = g["value"].as_str() {
            let mut words = v.split_whitespace().peekable();
            let grouping = [
                "theme",
                "priority",
                "strand",
                "workstream",
                "area",
                "section",
            ];
            if words
                .peek()
                .is_some_and(|w| grouping.contains(&w.to_lowercase().as_str()))
            {
                words.next();
            }
            let first = words.next().unwrap_or_default();
            let number = first.trim_end_matches(['.', ':', ')']);
            let numbered = number.chars().any(|c| c.is_ascii_digit())
                || (number.len() == 1 && number.chars().all(|c| c.is_ascii_uppercase()));
            let name = if numbered { number } else { v.trim() };
            return (code, format!("priority {name}"));
        }
    }
    let p = match &g["priority"] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    (code, format!("priority {p}"))
}

/// (gaps found and expected, found only, expected only, plan details
/// right, plan details compared, near misses that fired, misses).
#[derive(Default)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    plan_right: usize,
    plan_compared: usize,
    near_fired: usize,
    misses: Vec<String>,
}

fn score_half(half: &str) -> Tally {
    let dir = repo(&format!("fixtures/gaps/{half}"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{half}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx") || n.ends_with(".xlsx") || n.ends_with(".pdf"))
        .collect();
    files.sort();
    assert!(files.len() >= 5, "{half}: {} documents", files.len());
    let mut t = Tally::default();
    for f in &files {
        let path = format!("fixtures/gaps/{half}/{f}");
        let plan = convert(&path, &[]);
        assert_valid(&plan, &path);
        let stem = f.rsplit_once('.').map_or(f.as_str(), |(s, _)| s);
        let want = read_json(&repo(&format!("fixtures/gaps/{half}/{stem}.expected.json")));
        let mut found: Vec<(String, String)> = plan["gaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .map(key)
            .collect();
        let all_found = found.clone();
        for g in want["gaps"].as_array().expect("expected gaps") {
            let k = key(g);
            match found.iter().position(|x| *x == k) {
                Some(i) => {
                    found.remove(i);
                    t.tp += 1;
                }
                None => {
                    t.fn_ += 1;
                    t.misses.push(format!("{f}: missed {k:?}"));
                }
            }
        }
        t.fp += found.len();
        t.misses
            .extend(found.iter().map(|k| format!("{f}: not expected {k:?}")));
        for n in want["not_gaps"].as_array().into_iter().flatten() {
            if all_found.contains(&key(n)) {
                t.near_fired += 1;
                t.misses.push(format!("{f}: near miss fired {:?}", key(n)));
            }
        }
        for (k, v) in want["plan"].as_object().into_iter().flatten() {
            t.plan_compared += 1;
            // A period given as its text is compared with `raw`; one given
            // whole, whole.
            let got = match (k.as_str(), &plan["plan"][k.as_str()]) {
                ("period", p) if !v.is_object() => p["raw"].clone(),
                (_, g) => g.clone(),
            };
            if &got == v {
                t.plan_right += 1;
            } else {
                t.misses.push(format!("{f}: plan.{k} is {got}, want {v}"));
            }
        }
    }
    t
}

/// The second gaps corpus's test half (`fixtures/gaps/second/`, written by
/// another helper in other layouts and drafting habits): precision and
/// recall 0.80 / 0.73 before its tune half's rules; 0.88 / 0.88 once a
/// quarter alone ("Q2") was read in the plan year (README).
const SECOND_TEST: (f64, f64) = (0.88, 0.88);

/// The third gaps corpus's test half (`fixtures/gaps/third/`: initials,
/// "Q?" and "20XX" dates, seasons, notes typed in capitals, "XX%"
/// figures): 0.69 / 0.59 before its tune half's rules; 0.905 / 0.905 once
/// a row naming only its priority was no action (README).
const THIRD_TEST: (f64, f64) = (0.90, 0.90);

/// The fourth gaps corpus's test half (`fixtures/gaps/fourth/`: template
/// slots "<<owner>>", "[Name]", "n/k", hedged owners "Probably ...", "insert
/// here" dates, "NB:", "@Sarah ...", "query -", "Needs rewording"): 0.789 /
/// 0.554 before its tune half's rules, 0.950 / 0.941 after (README).
const FOURTH_TEST: (f64, f64) = (0.95, 0.94);

#[test]
fn gaps_on_draft_plans_nobody_tuned_on() {
    for (half, least_precision, least_recall, show) in [
        ("tune", 0.99, 0.99, "ACTIONPLAN_SHOW_TUNE"),
        ("test", 0.86, 0.72, "ACTIONPLAN_SHOW_HELD_OUT"),
        ("second/tune", 0.97, 0.98, "ACTIONPLAN_SHOW_TUNE"),
        (
            "second/test",
            SECOND_TEST.0,
            SECOND_TEST.1,
            "ACTIONPLAN_SHOW_HELD_OUT",
        ),
        ("third/tune", 0.96, 0.98, "ACTIONPLAN_SHOW_TUNE"),
        (
            "third/test",
            THIRD_TEST.0,
            THIRD_TEST.1,
            "ACTIONPLAN_SHOW_HELD_OUT",
        ),
        ("fourth/tune", 0.98, 0.99, "ACTIONPLAN_SHOW_TUNE"),
        (
            "fourth/test",
            FOURTH_TEST.0,
            FOURTH_TEST.1,
            "ACTIONPLAN_SHOW_HELD_OUT",
        ),
    ] {
        let t = score_half(half);
        let precision = t.tp as f64 / (t.tp + t.fp).max(1) as f64;
        let recall = t.tp as f64 / (t.tp + t.fn_).max(1) as f64;
        eprintln!(
            "gaps {half}: precision {precision:.3}, recall {recall:.3} ({} found right, {} not \
             expected, {} missed); near misses fired {}; plan details {}/{}",
            t.tp, t.fp, t.fn_, t.near_fired, t.plan_right, t.plan_compared
        );
        if std::env::var_os(show).is_some() {
            eprintln!("{}", t.misses.join("\n"));
        }
        assert!(
            precision >= least_precision && recall >= least_recall,
            "gaps {half}: precision {precision:.3} (floor {least_precision}), recall {recall:.3} \
             (floor {least_recall})"
        );
    }
}
