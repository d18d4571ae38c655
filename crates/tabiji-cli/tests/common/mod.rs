//! Running the `tabiji` command as a user does, for the CLI's test files.
#![allow(dead_code)] // each test file uses the helpers it needs

use std::path::Path;
use std::process::{Command, Output};

pub fn tabiji(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tabiji")).args(args).env("LANG", "ja_JP.UTF-8").output().unwrap()
}

pub fn ok(args: &[&str]) -> String {
    let out = tabiji(args);
    assert!(out.status.success(), "tabiji {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Runs a command that must fail; returns its single stderr line.
pub fn fails(args: &[&str]) -> String {
    let out = tabiji(args);
    assert!(!out.status.success(), "tabiji {args:?} should have failed");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line on stderr, got: {stderr}");
    assert!(stderr.starts_with("tabiji: "), "{stderr}");
    stderr
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}
