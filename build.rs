// The shipped data are compiled in (include_dir!): rebuild when any data file is added, changed or removed.
// The caches of checked data (`src/load/units.rs`) are only valid for the code that made them: a hash of every
// source file and of Cargo.lock names that code, so a cache written by another build is never read.
use std::hash::Hasher;
use std::path::Path;

fn main() {
    for dir in ["indicators", "history", "scenarios", "src"] {
        println!("cargo:rerun-if-changed={dir}");
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    let mut files = Vec::new();
    collect(Path::new("src"), &mut files);
    files.push(Path::new("Cargo.lock").to_path_buf());
    files.sort();
    // FNV-1a, 64 bits: stable across compilers, enough to tell builds apart.
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    for file in files {
        hash.write(file.to_string_lossy().as_bytes());
        hash.write(&std::fs::read(&file).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=PLANWATCH_SOURCE_HASH={:016x}",
        hash.finish()
    );
}

fn collect(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
