//! Many files at once: found in folders, run in parallel, each ending as
//! exactly one result.
//!
//! [`inputs`] expands the paths a user names (files, and folders searched
//! recursively for the formats we read, filtered by an optional glob).
//! [`run`] runs every input on `jobs` worker threads, each file under a
//! wall-clock limit with a panic caught and turned into that file's error,
//! so one bad file never stops a batch, and delivers the results on the
//! calling thread *in input order*, so output streams are deterministic
//! while the work is parallel. [`job`] is the work of `convert` for one
//! input; `check` and `report` give their own.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub mod job;
pub mod resume;

use crate::error::ErrorKind;

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

/// How often a run's calling thread looks at its workers when nothing
/// wakes it: to hand on the results that came in (each worker adds its
/// results to a list without waking anyone) and to see whether a file has
/// passed its time limit.
const LOOK_EVERY: Duration = Duration::from_millis(40);

/// Run `work(index, path)` on every input on `jobs` worker threads (0: one
/// per core), each file under the wall-clock limit `timeout`, and call
/// `deliver(index, result)` on this thread in input order.
///
/// A file is never handed between threads: a worker takes the next input,
/// runs it, adds its result to a list and takes the next, and this thread
/// collects the list every [`LOOK_EVERY`] (and at once when a worker ends).
/// So a batch of small files costs no thread wake-up per file; handing each
/// file to a guard thread and its result back cost about 8% of a batch's
/// CPU (issue 18).
///
/// A file still running at its deadline becomes `failed(index, path,
/// Timeout)`; its worker is left to finish that file in the background
/// (every reader is bounded, so it does) and its result is dropped, and a
/// new worker takes the next input. A panic in `work` becomes `failed(index,
/// path, Internal(message))`, and that worker is replaced too, so no state a
/// panic may have left half-changed is used again.
pub fn run<T, W, F, D>(
    inputs: &[PathBuf],
    jobs: usize,
    timeout: Option<Duration>,
    work: W,
    failed: F,
    mut deliver: D,
) where
    T: Send + 'static,
    W: Fn(usize, &Path) -> T + Send + Sync + 'static,
    F: Fn(usize, &Path, ErrorKind) -> T,
    D: FnMut(usize, T),
{
    let n = inputs.len();
    if n == 0 {
        return;
    }
    let jobs = match jobs {
        0 => std::thread::available_parallelism().map_or(1, |c| c.get()),
        j => j,
    }
    .clamp(1, n);
    let shared = Arc::new(Shared {
        board: Mutex::new(Board {
            next: 0,
            finished: Vec::new(),
            workers: (0..jobs).map(|_| Worker::default()).collect(),
        }),
        changed: Condvar::new(),
    });
    let inputs: Arc<[PathBuf]> = inputs.into();
    let work = Arc::new(work);
    let mut pending: BTreeMap<usize, Result<T, ErrorKind>> = BTreeMap::new();
    let mut delivered = 0;
    let mut ready: Vec<(usize, Result<T, ErrorKind>)> = Vec::new();
    let mut board = shared.lock();
    loop {
        // Files past their deadline are given up, their workers with them.
        let now = Instant::now();
        let mut wait = LOOK_EVERY;
        for w in board.workers.iter_mut() {
            let (Some(limit), Some((i, started))) = (timeout, w.running) else {
                continue;
            };
            match (started + limit).checked_duration_since(now) {
                Some(left) if !left.is_zero() => wait = wait.min(left),
                _ => {
                    ready.push((i, Err(ErrorKind::Timeout(limit.as_secs_f64()))));
                    w.generation += 1;
                    w.running = None;
                    w.alive = false;
                }
            }
        }
        // A worker for every slot while inputs are left: at the start, and
        // after a timeout or a panic.
        if board.next < n {
            for me in 0..jobs {
                if board.workers[me].alive {
                    continue;
                }
                let generation = board.workers[me].generation;
                let started = spawn_worker(&shared, &inputs, &work, me, generation);
                board.workers[me].alive = started.is_ok();
            }
            if board.workers.iter().all(|w| !w.alive) {
                // Not one thread could be started: every input not yet
                // started ends as that error, rather than waiting forever.
                for i in board.next..n {
                    ready.push((
                        i,
                        Err(ErrorKind::Internal(
                            "no worker thread could be started".into(),
                        )),
                    ));
                }
                board.next = n;
            }
        }
        ready.append(&mut board.finished);
        drop(board);
        for (i, r) in ready.drain(..) {
            pending.insert(i, r);
        }
        while let Some(r) = pending.remove(&delivered) {
            let t = r.unwrap_or_else(|kind| failed(delivered, &inputs[delivered], kind));
            deliver(delivered, t);
            delivered += 1;
        }
        if delivered == n {
            return;
        }
        board = shared.lock();
        let idle =
            board.finished.is_empty() && (board.next >= n || board.workers.iter().all(|w| w.alive));
        if idle {
            board = match shared.changed.wait_timeout(board, wait) {
                Ok((b, _)) => b,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }
}

/// What a run's workers and its calling thread share.
struct Shared<T> {
    board: Mutex<Board<T>>,
    /// Signalled when a worker ends (no input left, or after a panic).
    changed: Condvar,
}

impl<T> Shared<T> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Board<T>> {
        // No code panics while holding the lock; if one did, the board is
        // still whole (every change to it is a single assignment).
        self.board.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A run's state: the next input to start, the results not yet collected
/// (a panic's message in place of a result), and each worker slot.
struct Board<T> {
    next: usize,
    finished: Vec<(usize, Result<T, ErrorKind>)>,
    workers: Vec<Worker>,
}

/// One worker slot. `generation` counts the workers it has had: a worker
/// whose file timed out finds its slot's generation moved on when it
/// finishes, and ends without adding its result.
#[derive(Debug, Default, Clone)]
struct Worker {
    generation: u64,
    /// The input it is running and when it started it.
    running: Option<(usize, Instant)>,
    alive: bool,
}

/// Start the worker of slot `me`, generation `generation`: it runs inputs
/// until none is left, its file panics, or its slot gives it up.
fn spawn_worker<T, W>(
    shared: &Arc<Shared<T>>,
    inputs: &Arc<[PathBuf]>,
    work: &Arc<W>,
    me: usize,
    generation: u64,
) -> std::io::Result<()>
where
    T: Send + 'static,
    W: Fn(usize, &Path) -> T + Send + Sync + 'static,
{
    let (shared, inputs, work) = (Arc::clone(shared), Arc::clone(inputs), Arc::clone(work));
    std::thread::Builder::new()
        .name(format!("actionplan-{me}"))
        // Deeply nested documents recurse in the readers.
        .stack_size(16 << 20)
        .spawn(move || loop {
            let i = {
                let mut board = shared.lock();
                if board.workers[me].generation != generation {
                    return;
                }
                if board.next >= inputs.len() {
                    board.workers[me].alive = false;
                    shared.changed.notify_one();
                    return;
                }
                let i = board.next;
                board.next += 1;
                board.workers[me].running = Some((i, Instant::now()));
                i
            };
            let got =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(i, &inputs[i])))
                    .map_err(|panic| {
                        let msg = panic
                            .downcast_ref::<&str>()
                            .map(|s| s.to_string())
                            .or_else(|| panic.downcast_ref::<String>().cloned())
                            .unwrap_or_else(|| "unknown panic".into());
                        ErrorKind::Internal(msg)
                    });
            let panicked = got.is_err();
            let mut board = shared.lock();
            if board.workers[me].generation != generation {
                // Timed out: the calling thread has recorded it.
                drop(board);
                return;
            }
            board.workers[me].running = None;
            board.finished.push((i, got));
            if panicked {
                board.workers[me].alive = false;
                shared.changed.notify_one();
                return;
            }
        })
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a test run delivered: (index, result) in delivery order, a
    /// failure written as its kind.
    fn run_all(
        n: usize,
        jobs: usize,
        timeout: Option<Duration>,
        work: impl Fn(usize, &Path) -> String + Send + Sync + 'static,
    ) -> Vec<(usize, String)> {
        let inputs: Vec<PathBuf> = (0..n).map(|i| PathBuf::from(format!("{i}"))).collect();
        let mut seen = Vec::new();
        run(
            &inputs,
            jobs,
            timeout,
            work,
            |i, p, kind| format!("{i} {} failed: {kind:?}", p.display()),
            |i, r| seen.push((i, r)),
        );
        seen
    }

    fn thread_name() -> String {
        std::thread::current().name().unwrap_or("?").to_string()
    }

    #[test]
    fn results_arrive_in_input_order_whatever_finishes_first() {
        let seen = run_all(40, 4, None, |i, _| {
            // Early inputs take longest.
            std::thread::sleep(Duration::from_millis((40 - i as u64) / 4));
            format!("{i}")
        });
        let want: Vec<(usize, String)> = (0..40).map(|i| (i, format!("{i}"))).collect();
        assert_eq!(seen, want);
    }

    #[test]
    fn files_run_on_a_worker_that_is_replaced_after_a_panic() {
        let seen = run_all(4, 1, Some(Duration::from_secs(20)), |i, _| {
            if i == 1 {
                panic!("boom in the reader");
            }
            format!("{} {:?}", thread_name(), std::thread::current().id())
        });
        assert_eq!(seen.len(), 4);
        assert_eq!(seen[1].1, "1 1 failed: Internal(\"boom in the reader\")");
        let (first, third, fourth) = (&seen[0].1, &seen[2].1, &seen[3].1);
        assert!(first.starts_with("actionplan-0 "), "{first}");
        assert_ne!(first, third, "a new worker after the panic");
        assert_eq!(third, fourth, "which then runs the files after it");
        let main = format!("{:?}", std::thread::current().id());
        assert!(!first.ends_with(&main), "not on the calling thread");
    }

    #[test]
    fn a_file_past_its_limit_times_out_and_the_rest_go_on() {
        let started = Instant::now();
        let seen = run_all(5, 1, Some(Duration::from_millis(100)), |i, _| {
            if i == 2 {
                std::thread::sleep(Duration::from_secs(3));
            }
            format!("{i} done")
        });
        // The run does not wait for the file it gave up.
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?}",
            started.elapsed()
        );
        let got: Vec<&str> = seen.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(
            got,
            vec![
                "0 done",
                "1 done",
                "2 2 failed: Timeout(0.1)",
                "3 done",
                "4 done"
            ]
        );
    }

    #[test]
    fn every_input_ends_once_with_several_jobs_timeouts_and_panics() {
        // The limit leaves a panicking job time to print its message: with
        // RUST_BACKTRACE=1 the default hook symbolises a backtrace, which
        // took longer than 300 ms on a loaded machine and read as a timeout.
        let seen = run_all(60, 3, Some(Duration::from_millis(1500)), |i, _| {
            match i % 20 {
                7 => panic!("panic {i}"),
                13 => std::thread::sleep(Duration::from_secs(10)),
                _ => {}
            }
            format!("{i} done")
        });
        let indices: Vec<usize> = seen.iter().map(|(i, _)| *i).collect();
        assert_eq!(indices, (0..60).collect::<Vec<_>>());
        for (i, r) in &seen {
            let want = match i % 20 {
                7 => format!("{i} {i} failed: Internal(\"panic {i}\")"),
                13 => format!("{i} {i} failed: Timeout(1.5)"),
                _ => format!("{i} done"),
            };
            assert_eq!(r, &want);
        }
    }

    #[test]
    fn no_inputs_deliver_nothing() {
        assert!(run_all(0, 2, None, |i, _| format!("{i}")).is_empty());
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
