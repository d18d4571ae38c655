//! Killing a writer with SIGKILL at random moments never loses an acknowledged edit and never
//! leaves a damaged file.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use tabiji_core::Document;

const EDITS: usize = 3000;
const RUNS: usize = 100;

#[test]
fn every_acknowledged_edit_survives_a_kill() {
    let dir = tempfile::tempdir().unwrap();
    let ops = dir.path().join("ops.jsonl");
    let lines: Vec<String> = (1..=EDITS)
        .map(|n| {
            format!(
                r#"{{"op":"add_card","card":{{"id":"cd_n{n}","stage_id":"st_{}","lane_id":"ln_actions","kind":"action","text":"edit {n}"}},"index":null}}"#,
                n % 5 + 1
            )
        })
        .collect();
    std::fs::write(&ops, lines.join("\n")).unwrap();
    let mut rng = fastrand::Rng::with_seed(0x7AB1);

    for run in 0..RUNS {
        let file = dir.path().join(format!("run{run}.tabiji"));
        let made = Command::new(env!("CARGO_BIN_EXE_tabiji"))
            .args(["new", file.to_str().unwrap(), "--template", "blank", "--lang", "en"])
            .status()
            .unwrap();
        assert!(made.success());

        let mut child = Command::new(env!("CARGO_BIN_EXE_tabiji"))
            .args(["apply", "--progress", file.to_str().unwrap(), ops.to_str().unwrap()])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout).lines().map_while(Result::ok).filter(|l| l.starts_with("applied ")).count()
        });
        let kill_after = Duration::from_millis(rng.u64(20..400));
        let started = Instant::now();
        while started.elapsed() < kill_after && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(2));
        }
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let acknowledged = reader.join().unwrap();

        let doc = Document::open(&file).expect("the map opens after the kill");
        assert_eq!(doc.store().integrity_check(), Ok(()), "run {run}");
        let map = doc.map().unwrap();
        assert!(
            map.cards.len() >= acknowledged,
            "run {run}: {} cards, {acknowledged} acknowledged",
            map.cards.len()
        );
        for n in 1..=acknowledged {
            assert!(
                map.cards.iter().any(|c| c.id == format!("cd_n{n}")),
                "run {run}: acknowledged edit {n} lost"
            );
        }
        assert!(doc.store().ordering_problems().unwrap().is_empty());
        eprintln!(
            "run {run}: killed after {kill_after:?}, {acknowledged} acknowledged, {} in the file",
            map.cards.len()
        );
    }
}
