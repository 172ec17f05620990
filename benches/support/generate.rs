//! Writes a data directory of N fictional regions in planwatch's normal layout, for the regions benchmark:
//! each region has a plan of 30 indicators (`indicators/<id>.toml`), one history file per indicator with 15 years
//! (`history/<id>/*.toml`), and its own context directory with an additive GDP series (`history/context-<id>/`).
//! Every value is made up (a fixed pseudo-random sequence) and every file says so.

use std::fmt::Write as _;
use std::path::Path;

const SOURCE: &str = "虚构数据：planwatch 基准测试生成，不是统计数据";
const FIRST_YEAR: i32 = 2013;
const YEARS: i32 = 15;

/// A small deterministic generator (xorshift), so that the same N always gives the same files.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The 30 indicators every generated plan has: (code, name, unit, kind, better).
fn indicator_kind(k: usize) -> (&'static str, &'static str) {
    match k % 5 {
        0 => ("average_growth", "higher"),
        1 => ("at_least", "higher"),
        2 => ("at_most", "lower"),
        3 => ("cumulative", "higher"),
        _ => ("at_least", "higher"),
    }
}

/// Writes `n` regions under `dir` (which must not hold other data).
pub fn generate(dir: &Path, n: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(dir.join("indicators"))?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for r in 0..n {
        let id = format!("gen-{r:05}");
        let parent = format!("虚构市{:03}", r / 12);
        let mut plan = String::new();
        writeln!(
            plan,
            "# 虚构数据：由 planwatch 基准测试生成，不代表任何地区。\n\n[plan]\nid = \"{id}\"\n\
             name = \"虚构县{r:05}第十五个五年规划（虚构）\"\nshort_name = \"虚构十五五\"\nregion = \"虚构县{r:05}\"\n\
             parent = \"{parent}\"\nlevel = \"区县\"\ncontext = \"context-{id}\"\nstart_year = 2026\nend_year = 2030\n\
             baseline_year = 2025\nsource = \"{SOURCE}\"\ncategories = [\"经济发展\", \"民生福祉\", \"绿色低碳\"]"
        )
        .ok();
        let history = dir.join("history").join(&id);
        std::fs::create_dir_all(&history)?;
        for k in 0..30 {
            let (kind, better) = indicator_kind(k);
            let base = 50.0 + 50.0 * rng.next();
            let drift = 0.01 + 0.04 * rng.next();
            let category = ["经济发展", "民生福祉", "绿色低碳"][k % 3];
            let attribute = if k % 7 == 0 { "约束性" } else { "预期性" };
            let target = match kind {
                "average_growth" => {
                    "{ year = 2030, kind = \"average_growth\", value = 5.0, text = \"5以上\" }"
                        .to_string()
                }
                "at_most" => {
                    let v = (base * 0.9 * 100.0).round() / 100.0;
                    format!("{{ year = 2030, kind = \"at_most\", value = {v}, text = \"{v}\" }}")
                }
                "cumulative" => {
                    "{ year = 2030, kind = \"cumulative\", total = 15.0, text = \"[15]\" }"
                        .to_string()
                }
                _ => {
                    let v = (base * 1.25 * 100.0).round() / 100.0;
                    format!("{{ year = 2030, kind = \"at_least\", value = {v}, text = \"{v}\" }}")
                }
            };
            let id_k = k + 1;
            let baseline_value = match kind {
                "average_growth" | "cumulative" => 5.0,
                _ => (base * 100.0).round() / 100.0,
            };
            writeln!(
                plan,
                "\n[[indicator]]\nid = \"{id_k}\"\ncode = \"C{id_k:02}\"\nname = \"虚构指标{id_k:02}\"\nunit = \"%\"\n\
                 category = \"{category}\"\nattribute = \"{attribute}\"\nbetter = \"{better}\"\n\
                 baseline = {{ year = 2025, value = {baseline_value}, text = \"{baseline_value}\" }}\ntarget = {target}"
            )
            .ok();
            let mut file = format!(
                "# 虚构数据：由 planwatch 基准测试生成，不是统计数据。\nindicator = \"{id_k}\"\nunit = \"%\"\n"
            );
            let mut level = base * 0.7;
            for y in 0..YEARS {
                let value = match kind {
                    "average_growth" | "cumulative" => 2.0 + 6.0 * rng.next(),
                    "at_most" => {
                        level *= 1.0 - drift * rng.next();
                        level + 30.0
                    }
                    _ => {
                        level *= 1.0 + drift * (0.5 + rng.next());
                        level
                    }
                };
                observation(&mut file, FIRST_YEAR + y, (value * 100.0).round() / 100.0);
            }
            std::fs::write(history.join(format!("{id_k:02}.toml")), file)?;
        }
        std::fs::write(dir.join("indicators").join(format!("{id}.toml")), plan)?;
        let context = dir.join("history").join(format!("context-{id}"));
        std::fs::create_dir_all(&context)?;
        let mut gdp = String::from(
            "# 虚构数据：由 planwatch 基准测试生成，不是统计数据。\ncontext = \"gdp\"\nname = \"地区生产总值\"\nunit = \"亿元\"\nadditive = true\n",
        );
        let mut level = 100.0 + 900.0 * rng.next();
        for y in 0..YEARS {
            level *= 1.03 + 0.04 * rng.next();
            observation(&mut gdp, FIRST_YEAR + y, (level * 10.0).round() / 10.0);
        }
        std::fs::write(context.join("gdp.toml"), gdp)?;
    }
    Ok(())
}

fn observation(out: &mut String, year: i32, value: f64) {
    writeln!(
        out,
        "\n[[observation]]\nperiod = \"{year}\"\nvalue = {value}\nstatus = \"final\"\nsource = \"{SOURCE}\"\n\
         recorded = 2028-03-01"
    )
    .ok();
}
