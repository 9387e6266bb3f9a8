//! The `actionplan` binary: parse arguments, call the library, print, and
//! choose the exit code. All the work is in the library; see `src/cli/`.

mod cli;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::run()
}
