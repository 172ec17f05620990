// The shipped data are compiled in (include_dir!): rebuild when any data file is added, changed or removed.
fn main() {
    for dir in ["indicators", "history", "scenarios"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
