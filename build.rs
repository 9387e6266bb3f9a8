//! Records the commit the binary is built from, for `actionplan --version`
//! ("0.1.0 (commit 1a2b3c4d)"); "unknown" outside a git checkout.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let commit = git(&["rev-parse", "--short=8", "HEAD"]).unwrap_or_else(|| "unknown".into());
    // Run again when HEAD moves: a new commit, or another branch.
    if let Some(head) = git(&["rev-parse", "--git-path", "HEAD"]) {
        println!("cargo:rerun-if-changed={head}");
    }
    if let Some(branch) = git(&["symbolic-ref", "-q", "HEAD"]) {
        if let Some(r) = git(&["rev-parse", "--git-path", &branch]) {
            println!("cargo:rerun-if-changed={r}");
        }
    }
    println!("cargo:rustc-env=ACTIONPLAN_COMMIT={commit}");
}
