//! The `planwatch` binary: parse the arguments, run, and map errors to exit codes.

fn main() {
    let cli = planwatch::cli::parse_args();
    let code = match planwatch::cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            // Messages quote data; control characters in them must not reach the terminal.
            eprintln!(
                "planwatch: {}",
                planwatch::text::strip_controls(&error.to_string())
            );
            error.exit_code()
        }
    };
    std::process::exit(code);
}
