//! The panic guard every reader shares: a leaf that readers import, not a
//! part of any one of them.
//!
//! A third-party parser that panics on some damaged input (docx-rs,
//! calamine's .xls reader, lopdf) runs under [`catch_quietly`]: the panic
//! is caught, printed nowhere (the file gets one error or warning line
//! instead), and its message returned.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};

thread_local! {
    /// Whether a panic on this thread is expected and contained.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Install, once, a panic hook that stays silent while [`QUIET`] is set and
/// otherwise does what the previous hook did.
fn quiet_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Run `f`; a panic inside it is caught, printed nowhere, and its message
/// returned as the error.
pub(crate) fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    quiet_panics();
    let was = QUIET.with(|q| q.replace(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was));
    result.map_err(|p| {
        p.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".into())
    })
}
