//! Writes a data directory of N fictional regions (30 indicators × 15 years each) for measuring `planwatch regions`:
//!
//! ```sh
//! cargo run --release --example generate_regions -- 2844 /tmp/regions-2844
//! /usr/bin/time -v target/release/planwatch --data /tmp/regions-2844 regions --format json > /dev/null
//! ```

#[path = "../benches/support/generate.rs"]
mod generate;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(n), Some(dir)) = (args.next(), args.next()) else {
        eprintln!("用法：generate_regions 地区数 输出目录（目录应为空或不存在）");
        std::process::exit(2);
    };
    let Ok(n) = n.parse::<usize>() else {
        eprintln!("地区数“{n}”不是正整数");
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(dir);
    if dir.join("indicators").exists() {
        eprintln!("{} 中已有 indicators/：请指定一个空目录", dir.display());
        std::process::exit(2);
    }
    if let Err(e) = generate::generate(&dir, n) {
        eprintln!("写入 {} 失败：{e}", dir.display());
        std::process::exit(1);
    }
    println!(
        "已在 {} 生成 {n} 个虚构地区（每个 30 项指标 × 15 年）",
        dir.display()
    );
}
