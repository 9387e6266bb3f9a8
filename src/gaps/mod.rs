//! Gap rules over the normalised plan (GAPS.md). Rules read only the plan,
//! never a format's raw cells.

use crate::plan::{Gap, Plan};

/// Options of a check.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// `--as-of`: enables `progress-missing`.
    pub as_of: Option<String>,
}

/// Every gap in a plan, in order of the actions and priorities.
pub fn check(_plan: &Plan, _opts: &CheckOptions) -> Vec<Gap> {
    Vec::new()
}
