//! Many files at once: found in folders, run in parallel, each ending as
//! exactly one result.
//!
//! [`inputs`] expands the paths a user names (files, and folders searched
//! recursively for the formats we read, filtered by an optional glob).
//! [`run`] hands every input to a worker on a rayon pool of `jobs` threads
//! and delivers the results on the calling thread *in input order*, as soon
//! as each is ready, so output streams are deterministic while the work is
//! parallel. [`convert_guarded`] is the worker most callers want: the whole
//! pipeline for one file under a wall-clock limit, with a panic caught and
//! turned into that file's error, so one bad file never stops a batch.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;

pub mod job;
pub mod resume;

use crate::convert::{convert_path, Options};
use crate::error::{Error, ErrorKind};
use crate::plan::Plan;

/// The extensions a folder search picks up.
pub const EXTENSIONS: &[&str] = &["docx", "doc", "odt", "xlsx", "xlsm", "xls", "ods", "pdf"];

/// How deep a folder search goes.
const MAX_DEPTH: usize = 64;

/// What a search of the paths a user names found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Found {
    /// The files to read: files named, and the plans found in folders.
    pub files: Vec<PathBuf>,
    /// Files found in folders in a format we do not read, with why
    /// ("Excel binary workbook .xlsb is not read: save it as .xlsx").
    pub unsupported: Vec<(PathBuf, String)>,
    /// Files and folders left out as the operating system's or an editor's
    /// (`.DS_Store`, `Thumbs.db`, `._*`, `~$*` lock files, `__MACOSX/`,
    /// hidden files and folders), as ripgrep leaves hidden files out.
    pub ignored: Vec<PathBuf>,
}

/// Files named, and the files under folders named (each folder's files
/// sorted by path, searched recursively, symbolic links to folders not
/// followed). `glob` (e.g. `*.docx`, `**/2016/*`) keeps only matching files
/// found in folders; a file named directly is always kept. A pattern with
/// no `/` matches the file name, one with a `/` the whole path.
pub fn inputs(paths: &[PathBuf], glob: Option<&globset::GlobMatcher>) -> Vec<PathBuf> {
    find(paths, glob).files
}

/// As [`inputs`], and also what a folder held that is not read: every
/// file under a folder named ends in exactly one of the three lists.
pub fn find(paths: &[PathBuf], glob: Option<&globset::GlobMatcher>) -> Found {
    let mut out = Found::default();
    for p in paths {
        if p.is_dir() {
            let mut found = Found::default();
            walk(p, &mut found, 0);
            found.files.retain(|f| glob.is_none_or(|g| matches(g, f)));
            found
                .unsupported
                .retain(|(f, _)| glob.is_none_or(|g| matches(g, f)));
            found.files.sort();
            found.unsupported.sort();
            found.ignored.sort();
            out.files.extend(found.files);
            out.unsupported.extend(found.unsupported);
            out.ignored.extend(found.ignored);
        } else {
            out.files.push(p.clone());
        }
    }
    // A file named twice (or found twice) is one input.
    let mut seen = std::collections::HashSet::new();
    out.files.retain(|p| seen.insert(p.clone()));
    out
}

fn matches(glob: &globset::GlobMatcher, path: &Path) -> bool {
    if glob.glob().glob().contains('/') {
        glob.is_match(path)
    } else {
        path.file_name().is_some_and(|n| glob.is_match(n))
    }
}

/// Whether a file or folder name is the operating system's or an editor's
/// rather than a user's: hidden (a leading dot), AppleDouble (`._*`),
/// `__MACOSX`, `Thumbs.db`, `desktop.ini`, Office and LibreOffice lock
/// files (`~$*`, `.~lock*`).
fn is_junk(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with("~$")
        || name == "__MACOSX"
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Why a file in a folder is not read, by its extension.
fn unsupported_reason(path: &Path) -> String {
    let ext = path
        .extension()
        .and_then(|x| x.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "xlsb" => "Excel binary workbook .xlsb is not read: save it as .xlsx".into(),
        "csv" | "tsv" => {
            format!(".{ext} is not read: open it in a spreadsheet and save it as .xlsx")
        }
        "rtf" => format!(".{ext} is not read: save it as .docx"),
        "" => "no extension: not a format actionplan reads (.docx, .doc, .odt, .xlsx, .xlsm, .xls, .ods, .pdf)"
            .into(),
        _ => format!(
            ".{ext} is not a format actionplan reads (.docx, .doc, .odt, .xlsx, .xlsm, .xls, .ods, .pdf)"
        ),
    }
}

fn walk(dir: &Path, out: &mut Found, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let Ok(kind) = e.file_type() else { continue };
        let name = e.file_name().to_string_lossy().into_owned();
        if is_junk(&name) {
            out.ignored.push(p);
        } else if kind.is_dir() {
            walk(&p, out, depth + 1);
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| EXTENSIONS.contains(&x.to_ascii_lowercase().as_str()))
        {
            out.files.push(p);
        } else if kind.is_file() {
            let reason = unsupported_reason(&p);
            out.unsupported.push((p, reason));
        }
    }
}

/// Run `work` on every input on a pool of `jobs` threads (0: one per
/// core) as `work(index, path)`, and call `deliver(index, result)` on this
/// thread in input order.
pub fn run<T, W, D>(inputs: &[PathBuf], jobs: usize, work: W, mut deliver: D)
where
    T: Send,
    W: Fn(usize, &Path) -> T + Sync + Send,
    D: FnMut(usize, T),
{
    if jobs == 1 {
        // One job: no pool and no channel, so a file's result is not
        // handed between threads twice more (issue 18).
        for (i, p) in inputs.iter().enumerate() {
            deliver(i, work(i, p));
        }
        return;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("actionplan-{i}"))
        .build();
    let (tx, rx) = mpsc::channel::<(usize, T)>();
    std::thread::scope(|scope| {
        let work = &work;
        scope.spawn(move || {
            let go = || {
                inputs
                    .par_iter()
                    .enumerate()
                    .for_each_with(tx, |tx, (i, p)| {
                        // The receiver lives until every result is in.
                        let _ = tx.send((i, work(i, p)));
                    });
            };
            match &pool {
                Ok(pool) => pool.install(go),
                Err(_) => go(),
            }
        });
        let mut pending = BTreeMap::new();
        let mut next = 0;
        for (i, t) in rx {
            pending.insert(i, t);
            while let Some(t) = pending.remove(&next) {
                deliver(next, t);
                next += 1;
            }
        }
    });
}

/// Convert one file on a worker thread (one per calling thread, kept for
/// its next file), waiting at most `timeout`. A
/// panic in the pipeline becomes this file's error ([`ErrorKind::Internal`]);
/// a file still running at the deadline is reported as
/// [`ErrorKind::Timeout`] and its thread left to finish in the background
/// (every reader is bounded, so it does); the next file gets a new worker.
pub fn convert_guarded(
    path: &Path,
    opts: &Arc<Options>,
    timeout: Option<Duration>,
) -> Result<Plan, Error> {
    let owned = path.to_path_buf();
    let o = Arc::clone(opts);
    guarded(path, timeout, move || convert_path(&owned, &o))
}

/// As [`convert_guarded`], for bytes already read (standard input, or a
/// file read to hash it first, whose SHA-256 is then given and not
/// computed again); `name` names the file in the plan's `source` and in
/// errors.
pub fn convert_guarded_bytes(
    bytes: Arc<Vec<u8>>,
    name: &Path,
    opts: &Arc<Options>,
    timeout: Option<Duration>,
    sha256: Option<String>,
) -> Result<Plan, Error> {
    let owned = name.to_path_buf();
    let o = Arc::clone(opts);
    guarded(name, timeout, move || {
        crate::convert::convert_bytes_hashed(&bytes, &owned, &o, sha256)
    })
}

/// What a guard worker hands back: the pipeline's result, or the panic
/// that ended it.
type Outcome = std::thread::Result<Result<Plan, Error>>;
/// One file's work, sent to a guard worker.
type Work = Box<dyn FnOnce() -> Outcome + Send>;

/// A thread that runs files' work one after another for one calling thread
/// (a batch's rayon worker), so that a batch does not start a thread, with
/// a fresh stack and an empty allocator cache, for every file: a thousand
/// spawns were about a tenth of a batch's CPU time (issue 18). It is
/// dropped, never reused, after a file that timed out (it may still be
/// running that file) or panicked.
struct Guard {
    work: mpsc::Sender<Task>,
    done: mpsc::Receiver<Outcome>,
}

/// What a guard worker is sent: a file's work, or a value it made to drop.
enum Task {
    Run(Work),
    Drop(Box<dyn Send>),
}

impl Guard {
    fn spawn() -> std::io::Result<Guard> {
        let (work, todo) = mpsc::channel::<Task>();
        let (report, done) = mpsc::channel::<Outcome>();
        std::thread::Builder::new()
            .name("actionplan-file".into())
            .stack_size(16 << 20)
            .spawn(move || {
                // Ends when its `Guard` is dropped (no more work), or when
                // nobody waits for the result (a timed-out file).
                for task in todo {
                    match task {
                        Task::Run(w) => {
                            if report.send(w()).is_err() {
                                break;
                            }
                        }
                        Task::Drop(value) => drop(value),
                    }
                }
            })?;
        Ok(Guard { work, done })
    }
}

/// Drop `value` (a plan this thread's guard worker made, once written) on
/// that worker, after the file and before the next: its thousands of small
/// strings and vectors are then freed by the thread that allocated them,
/// not by this one (the allocator frees another thread's memory by handing
/// it back to that thread, a few times the cost of a free of its own).
/// With no worker kept, dropped here.
pub fn drop_on_worker<T: Send + 'static>(value: T) {
    let value: Box<dyn Send> = Box::new(value);
    let back = GUARD.with(|g| match g.borrow().as_ref() {
        Some(g) => match g.work.send(Task::Drop(value)) {
            Ok(()) => None,
            Err(mpsc::SendError(task)) => Some(task),
        },
        None => Some(Task::Drop(value)),
    });
    drop(back);
}

thread_local! {
    /// This thread's guard worker, kept between files.
    static GUARD: std::cell::RefCell<Option<Guard>> = const { std::cell::RefCell::new(None) };
}

/// Run `f` on this thread's guard worker under `timeout`, a panic caught.
fn guarded<F>(path: &Path, timeout: Option<Duration>, f: F) -> Result<Plan, Error>
where
    F: FnOnce() -> Result<Plan, Error> + Send + 'static,
{
    let work: Work = Box::new(move || std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    let mut task = Task::Run(work);
    let mut guard = GUARD.with(|g| g.borrow_mut().take());
    // A kept worker that has gone (it cannot, but a send says so) is
    // replaced once.
    for _ in 0..2 {
        let g = match guard.take() {
            Some(g) => g,
            None => Guard::spawn().map_err(|e| Error::new(path, ErrorKind::Io(e)))?,
        };
        match g.work.send(task) {
            Ok(()) => {
                guard = Some(g);
                break;
            }
            Err(mpsc::SendError(back)) => task = back,
        }
    }
    let Some(g) = guard else {
        return Err(Error::new(
            path,
            ErrorKind::Internal("no worker thread could be started".into()),
        ));
    };
    let got = match timeout {
        Some(t) => g.done.recv_timeout(t).map_err(|e| match e {
            mpsc::RecvTimeoutError::Timeout => ErrorKind::Timeout(t.as_secs_f64()),
            mpsc::RecvTimeoutError::Disconnected => {
                ErrorKind::Internal("the worker ended without a result".into())
            }
        }),
        None => g
            .done
            .recv()
            .map_err(|_| ErrorKind::Internal("the worker ended without a result".into())),
    };
    match got {
        Ok(Ok(result)) => {
            GUARD.with(|slot| *slot.borrow_mut() = Some(g));
            result
        }
        Ok(Err(panic)) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".into());
            Err(Error::new(path, ErrorKind::Internal(msg)))
        }
        Err(kind) => Err(Error::new(path, kind)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for a file's result that says which thread ran it.
    fn ran_on() -> Result<Plan, Error> {
        Err(Error::new(
            "f",
            ErrorKind::Internal(format!("{:?}", std::thread::current().id())),
        ))
    }

    fn message(r: Result<Plan, Error>) -> String {
        match r {
            Ok(_) => "a plan".into(),
            Err(e) => match e.kind {
                ErrorKind::Internal(m) => m,
                other => format!("{other:?}"),
            },
        }
    }

    #[test]
    fn files_share_a_worker_until_one_times_out_or_panics() {
        let t = Some(Duration::from_secs(20));
        let first = message(guarded(Path::new("a"), t, ran_on));
        let second = message(guarded(Path::new("b"), t, ran_on));
        assert!(first.starts_with("ThreadId("), "{first}");
        assert_eq!(first, second, "the second file ran on the first's worker");
        assert_ne!(first, format!("{:?}", std::thread::current().id()));

        // A panic is this file's error, and the next file gets a new worker.
        let panicked = message(guarded(Path::new("c"), t, || panic!("boom in the reader")));
        assert_eq!(panicked, "boom in the reader");
        let after_panic = message(guarded(Path::new("d"), t, ran_on));
        assert_ne!(after_panic, first);

        // A file past its limit is a timeout; the worker still running it
        // is left, and the next file runs at once on a new one.
        let slow = guarded(Path::new("e"), Some(Duration::from_millis(50)), || {
            std::thread::sleep(Duration::from_millis(400));
            ran_on()
        });
        assert!(matches!(slow, Err(ref e) if matches!(e.kind, ErrorKind::Timeout(_))));
        let started = std::time::Instant::now();
        let after_timeout = message(guarded(Path::new("f"), t, ran_on));
        assert!(started.elapsed() < Duration::from_millis(300));
        assert!(after_timeout.starts_with("ThreadId("));
        assert_ne!(after_timeout, after_panic);
    }

    #[test]
    fn results_arrive_in_input_order_whatever_finishes_first() {
        let inputs: Vec<PathBuf> = (0..40).map(|i| PathBuf::from(format!("{i}"))).collect();
        let mut seen = Vec::new();
        run(
            &inputs,
            4,
            |_, p| {
                let n: u64 = p.to_string_lossy().parse().unwrap_or(0);
                // Early inputs take longest.
                std::thread::sleep(Duration::from_millis((40 - n) / 4));
                n
            },
            |i, n| seen.push((i, n)),
        );
        let want: Vec<(usize, u64)> = (0..40).map(|i| (i, i as u64)).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn a_missing_file_is_that_files_error() {
        let opts = Arc::new(Options::default());
        let e = convert_guarded(
            Path::new("no/such/plan.docx"),
            &opts,
            Some(Duration::from_secs(5)),
        )
        .err()
        .map(|e| e.to_string());
        assert!(e.is_some_and(|m| m.starts_with("no/such/plan.docx: cannot read file")));
    }

    #[test]
    fn folders_are_searched_for_plans_only() {
        let dir = std::env::temp_dir().join(format!("actionplan-batch-{}", std::process::id()));
        let sub = dir.join("sub");
        std::fs::create_dir_all(&sub).unwrap();
        for name in [
            "a.docx",
            "b.txt",
            "sub/c.XLSX",
            "sub/~$lock.docx",
            "sub/d.pdf",
        ] {
            std::fs::write(dir.join(name), b"x").unwrap();
        }
        let all = inputs(std::slice::from_ref(&dir), None);
        let names: Vec<String> = all
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["a.docx", "sub/c.XLSX", "sub/d.pdf"]);
        let found = find(std::slice::from_ref(&dir), None);
        let rel = |p: &Path| p.strip_prefix(&dir).unwrap().to_string_lossy().into_owned();
        assert_eq!(
            found
                .unsupported
                .iter()
                .map(|(p, why)| (rel(p), why.clone()))
                .collect::<Vec<_>>(),
            vec![(
                "b.txt".to_string(),
                ".txt is not a format actionplan reads (.docx, .doc, .odt, .xlsx, .xlsm, .xls, .ods, .pdf)"
                    .to_string()
            )]
        );
        assert_eq!(
            found.ignored.iter().map(|p| rel(p)).collect::<Vec<_>>(),
            vec!["sub/~$lock.docx"]
        );
        let g = globset::Glob::new("*.docx").unwrap().compile_matcher();
        assert_eq!(inputs(std::slice::from_ref(&dir), Some(&g)).len(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
