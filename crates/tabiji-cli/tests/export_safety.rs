//! Exports never destroy a file: a map, the map being exported and a map's companions are refused
//! as targets in every format, and an export that fails part-way leaves the earlier file whole.

mod common;

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;

use common::{ok, s, tabiji};

/// Every export the CLI makes, as its format arguments.
const FORMATS: [&[&str]; 6] = [
    &["--format", "json"],
    &["--format", "svg"],
    &["--format", "png"],
    &["--format", "pdf"],
    &["--format", "csv", "--table", "cards"],
    &["--format", "csv", "--table", "kpis"],
];

fn export_args<'a>(map: &'a Path, out: &'a Path, format: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["export", s(map), "--out", s(out)];
    args.extend_from_slice(format);
    args
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn no_format_writes_onto_the_map_another_map_or_a_maps_companion() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.tabiji");
    // Another map, named like a picture: it is told by its header, not its name.
    let other = dir.path().join("other.png");
    ok(&["new", s(&map), "--template", "b2b", "--lang", "ja"]);
    ok(&["new", s(&other), "--template", "blank", "--lang", "en"]);
    // The exported map's own log is SQLite's to create and remove as it opens the map, so it is
    // checked as a name that must not be written; the other map's log is a file with bytes.
    let own_wal = dir.path().join("m.tabiji-wal");
    let other_wal = dir.path().join("other.png-wal");
    std::fs::write(&other_wal, b"a write-ahead log's bytes").unwrap();
    let shm = dir.path().join("other.png-shm");
    let before = files_in(dir.path());

    for format in FORMATS {
        for target in [&map, &other, &own_wal, &other_wal, &shm] {
            let bytes = std::fs::read(target).ok();
            let out = tabiji(&export_args(&map, target, format));
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{format:?} onto {} was written", target.display());
            assert!(
                stderr.contains("[export.target_is_map]"),
                "{format:?} onto {}: {stderr}",
                target.display()
            );
            assert_eq!(std::fs::read(target).ok(), bytes, "{} is byte-identical", target.display());
        }
    }
    assert_eq!(files_in(dir.path()), before, "nothing was created, not even a temporary file");
    // Both maps still open as maps.
    ok(&["validate", s(&map)]);
    ok(&["validate", s(&other)]);
}

/// Runs an export with the size of any file it writes capped at `limit` bytes, as a full disk
/// would stop it. `killed`: the kernel's default for SIGXFSZ ends the process mid-write; otherwise
/// the write fails with EFBIG and the export reports it.
fn export_capped(args: &[&str], limit: u64, killed: bool) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_tabiji"));
    command.args(args);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        command.pre_exec(move || {
            if !killed {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            }
            let cap = libc::rlimit { rlim_cur: limit, rlim_max: limit };
            match libc::setrlimit(libc::RLIMIT_FSIZE, &cap) {
                0 => Ok(()),
                _ => Err(std::io::Error::last_os_error()),
            }
        });
    }
    command.output().unwrap()
}

#[test]
fn an_export_that_fails_part_way_leaves_the_earlier_export_whole() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("m.tabiji");
    ok(&["new", s(&map), "--template", "b2b", "--lang", "ja"]);
    for (format, name) in [(FORMATS[2], "m.png"), (FORMATS[3], "m.pdf"), (FORMATS[1], "m.svg")] {
        let target = dir.path().join(name);
        ok(&export_args(&map, &target, format));
        let earlier = std::fs::read(&target).unwrap();
        let before = files_in(dir.path());
        let limit = earlier.len() as u64 / 2;

        let failed = export_capped(&export_args(&map, &target, format), limit, false);
        let stderr = String::from_utf8_lossy(&failed.stderr);
        assert!(!failed.status.success(), "{name}: the capped export succeeded");
        assert!(stderr.contains("File too large"), "{name}: {stderr}");
        assert_eq!(std::fs::read(&target).unwrap(), earlier, "{name}: the earlier export is whole");
        assert_eq!(files_in(dir.path()), before, "{name}: the failed export left no file behind");

        let killed = export_capped(&export_args(&map, &target, format), limit, true);
        assert!(!killed.status.success(), "{name}: the export was not stopped");
        assert_eq!(
            std::fs::read(&target).unwrap(),
            earlier,
            "{name}: killed mid-write, the earlier export is whole"
        );
    }
}
