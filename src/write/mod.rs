//! Writers: output formats for other tools and for people.
//!
//! Writers see only the neutral model (and, later, the plan); they never see
//! a reader's types. Each writes to any `io::Write`.

pub mod actions;
pub mod tables;
