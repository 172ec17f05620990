//! A CJK font for the PNG charts. SVG text is drawn by the viewer and needs no font here; a bitmap needs glyphs,
//! and a font without Chinese glyphs would draw boxes, so a font is accepted only if it covers Chinese text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use plotters::style::{FontStyle, register_font};

use crate::error::Error;

/// Text every accepted font must be able to draw.
const PROBE: &str = "杭州市规划主要指标年度监测中期评估滞后目标趋势外推预测区间";

/// Where common systems keep a font with Chinese glyphs, best first.
pub const KNOWN_PATHS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simhei.ttf",
    "C:\\Windows\\Fonts\\simsun.ttc",
];

/// The font charts fall back to where the system has none that draws Chinese: Noto Sans CJK SC Regular (SIL Open
/// Font License 1.1, `assets/fonts/LICENSE-OFL.txt`) cut down to GB 2312, ASCII and the signs charts use by
/// `assets/fonts/subset.py`.
const EMBEDDED: &[u8] = include_bytes!("../../assets/fonts/chart-cjk.otf");

/// How the embedded face is named where a path would be.
pub const EMBEDDED_NAME: &str = "内置字体";

/// The family plotters is asked for; the chosen font is registered under it.
pub const FAMILY: &str = "sans-serif";

/// A font that draws Chinese, loaded once per process and kept for its life (plotters needs `'static` bytes).
#[derive(Debug, Clone)]
pub struct ChartFont {
    pub path: PathBuf,
    /// The face's family name, e.g. "Noto Sans CJK SC".
    pub family: String,
    /// The file's bytes, arranged so that the chosen face of a collection is its first.
    data: &'static [u8],
}

/// The outcome of looking for a font.
#[derive(Debug, Clone)]
pub enum FontSearch {
    Found(ChartFont),
    /// No usable font: why, in words for the person at the terminal.
    Missing(String),
}

impl FontSearch {
    pub fn font(&self) -> Option<&ChartFont> {
        match self {
            FontSearch::Found(font) => Some(font),
            FontSearch::Missing(_) => None,
        }
    }
}

/// The font given with `--font`, else the first usable one among the well-known paths, else among the fonts
/// fontconfig lists for Chinese, else the embedded subset ([`embedded`]).
/// A file given with `--font` that cannot be read is an error; one that cannot draw Chinese is reported, and no
/// other font is put in its place silently.
pub fn find(explicit: Option<&Path>) -> Result<FontSearch, Error> {
    if let Some(path) = explicit {
        let bytes = read_font(path)
            .map_err(|e| Error::Usage(format!("无法读取字体文件 {}：{e}", path.display())))?;
        return Ok(match load_cached(path, bytes) {
            Ok(font) => FontSearch::Found(font),
            Err(why) => FontSearch::Missing(format!("字体文件 {}：{why}", path.display())),
        });
    }
    let known: Vec<PathBuf> = KNOWN_PATHS.iter().map(PathBuf::from).collect();
    Ok(match find_in(&known) {
        FontSearch::Missing(_) => match find_in(&fontconfig_candidates()) {
            FontSearch::Missing(why) => {
                embedded().map_or(FontSearch::Missing(why), FontSearch::Found)
            }
            found => found,
        },
        found => found,
    })
}

/// The face built into the program, for machines without a Chinese font.
pub fn embedded() -> Option<ChartFont> {
    load_cached(Path::new(EMBEDDED_NAME), EMBEDDED.to_vec()).ok()
}

/// Largest font file read: CJK collections run to some 30 MB.
pub const FONT_MAX_BYTES: u64 = 128 * 1024 * 1024;

/// A font file's bytes; a device, FIFO or oversized file is refused before anything is read from it.
fn read_font(path: &Path) -> Result<Vec<u8>, String> {
    crate::load::files::read_limited(path, FONT_MAX_BYTES)
}

/// Fonts fontconfig knows to cover Chinese (`fc-list :lang=zh file`), for systems that keep them elsewhere; none
/// where fontconfig is not installed. Sorted, so that the choice does not depend on fontconfig's order.
fn fontconfig_candidates() -> Vec<PathBuf> {
    let Ok(output) = std::process::Command::new("fc-list")
        .args([":lang=zh", "file"])
        .output()
    else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.trim().strip_suffix(':'))
        .map(PathBuf::from)
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// The first usable font among `paths`.
pub fn find_in(paths: &[PathBuf]) -> FontSearch {
    for path in paths {
        if let Ok(bytes) = read_font(path)
            && let Ok(font) = load_cached(path, bytes)
        {
            return FontSearch::Found(font);
        }
    }
    FontSearch::Missing(
        "系统中未找到中文字体（如 fonts-noto-cjk 或 fonts-wqy-microhei）".to_string(),
    )
}

impl ChartFont {
    /// Registers the font with plotters for every bitmap drawn after this call.
    pub fn register(&self) -> Result<(), Error> {
        register_font(FAMILY, FontStyle::Normal, self.data).map_err(|_| {
            Error::Usage(format!(
                "字体 {} 无法用于绘图：请另选字体",
                self.path.display()
            ))
        })
    }

    /// The font file's bytes, the chosen face first.
    pub(crate) fn data(&self) -> &'static [u8] {
        self.data
    }

    /// Characters of `text` the font has no glyph for (whitespace and controls aside), each once, in order.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let Ok(face) = ttf_parser::Face::parse(self.data, 0) else {
            return text.chars().filter(|c| !c.is_whitespace()).collect();
        };
        let mut missing = Vec::new();
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || missing.contains(&c) {
                continue;
            }
            if face.glyph_index(c).is_none() {
                missing.push(c);
            }
        }
        missing
    }
}

/// Each font file is read, checked and kept once per process, however often a report is made.
fn load_cached(path: &Path, bytes: Vec<u8>) -> Result<ChartFont, String> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Result<ChartFont, String>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    cache
        .entry(path.to_path_buf())
        .or_insert_with(|| load(path, bytes))
        .clone()
}

fn load(path: &Path, mut bytes: Vec<u8>) -> Result<ChartFont, String> {
    let faces = ttf_parser::fonts_in_collection(&bytes).unwrap_or(1);
    let mut best: Option<(u32, String, bool)> = None;
    for index in 0..faces {
        let Ok(face) = ttf_parser::Face::parse(&bytes, index) else {
            continue;
        };
        if !PROBE.chars().all(|c| face.glyph_index(c).is_some()) {
            continue;
        }
        let family = family_name(&face).unwrap_or_else(|| file_stem(path));
        let simplified = is_simplified_chinese(&family);
        if best.as_ref().is_none_or(|(_, _, s)| simplified && !s) {
            best = Some((index, family, simplified));
        }
    }
    let Some((index, family, _)) = best else {
        return Err(if ttf_parser::Face::parse(&bytes, 0).is_ok() {
            "该字体不含中文字形".to_string()
        } else {
            "不是可识别的字体文件（应为 .ttf、.otf 或 .ttc）".to_string()
        });
    };
    if index != 0 {
        put_face_first(&mut bytes, index);
    }
    Ok(ChartFont {
        path: path.to_path_buf(),
        family,
        data: Box::leak(bytes.into_boxed_slice()),
    })
}

/// plotters reads the first face of a collection; swapping two entries of the collection's offset table makes the
/// chosen face the first without touching any table (offsets in a collection count from the start of the file).
fn put_face_first(bytes: &mut [u8], index: u32) {
    let entry = |i: u32| 12 + 4 * i as usize;
    let (first, chosen) = (entry(0), entry(index));
    if chosen + 4 <= bytes.len() {
        for k in 0..4 {
            bytes.swap(first + k, chosen + k);
        }
    }
}

fn family_name(face: &ttf_parser::Face<'_>) -> Option<String> {
    let names = face.names();
    let pick = |id: u16| {
        names
            .into_iter()
            .filter(|n| n.name_id == id && n.is_unicode())
            .find_map(|n| n.to_string())
    };
    pick(ttf_parser::name_id::TYPOGRAPHIC_FAMILY).or_else(|| pick(ttf_parser::name_id::FAMILY))
}

/// Collections such as Noto Sans CJK hold Japanese, Korean and Chinese faces; simplified Chinese glyph shapes are
/// the ones an official document in Hangzhou uses.
fn is_simplified_chinese(family: &str) -> bool {
    let f = family.to_ascii_uppercase();
    f.ends_with(" SC") || f.contains(" SC ") || f.contains("HANS") || f.contains(" CN")
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_found_says_so() {
        match find_in(&[PathBuf::from("/nonexistent/font.ttc")]) {
            FontSearch::Missing(why) => assert!(why.contains("中文字体"), "{why}"),
            FontSearch::Found(f) => panic!("found {:?}", f.path),
        }
    }

    #[test]
    fn a_text_file_is_not_a_font() {
        let err = load(Path::new("x.ttf"), b"not a font".to_vec()).unwrap_err();
        assert!(err.contains("不是可识别的字体文件"), "{err}");
    }

    #[test]
    fn face_swap_exchanges_offsets() {
        let mut bytes = vec![0u8; 24];
        bytes[12..16].copy_from_slice(&[0, 0, 0, 1]);
        bytes[20..24].copy_from_slice(&[0, 0, 0, 3]);
        put_face_first(&mut bytes, 2);
        assert_eq!(&bytes[12..16], &[0, 0, 0, 3]);
        assert_eq!(&bytes[20..24], &[0, 0, 0, 1]);
    }

    #[test]
    fn simplified_chinese_faces_are_recognised() {
        assert!(is_simplified_chinese("Noto Sans CJK SC"));
        assert!(!is_simplified_chinese("Noto Sans CJK JP"));
        assert!(!is_simplified_chinese("WenQuanYi Micro Hei"));
    }

    #[test]
    fn the_embedded_face_draws_every_word_of_the_charts() {
        let font = embedded().expect("the embedded face loads");
        assert_eq!(font.family, "Noto Sans CJK SC");
        assert!(font.missing(PROBE).is_empty());
        let words = "提前实现快于预期基本符合预期滞后严重滞后无法评估实际值预计数、初步数缺少数据的年份基期（规划表）\
            基期至目标的进度线目标：每年底线其余年份所需年均增速其余每年需完成对照年度目标趋势外推90%预测区间\
            截至年暂无全年数据约束性·地区生产总值情景测算万亿元人均美元▲★（）—−·％÷×";
        assert!(font.missing(words).is_empty(), "{:?}", font.missing(words));
        // Shipped small: GB 2312 and the signs, not the whole collection.
        assert!(EMBEDDED.len() < 3 * 1024 * 1024, "{} bytes", EMBEDDED.len());
    }

    /// The tests need a CJK font installed (fonts-noto-cjk or fonts-wqy-microhei); it must draw every label.
    #[test]
    fn the_installed_font_covers_chinese() {
        let Ok(FontSearch::Found(font)) = find(None) else {
            panic!("需要中文字体：apt-get install fonts-noto-cjk");
        };
        assert!(font.missing(PROBE).is_empty());
        assert!(
            font.missing("提前实现快于预期基本符合预期滞后严重滞后无法评估")
                .is_empty()
        );
        assert_eq!(font.missing("a\u{10FFFF}b"), vec!['\u{10FFFF}']);
    }
}
