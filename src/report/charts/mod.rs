//! The report's charts, drawn with plotters: once as SVG (text left to the viewer's fonts) and once as PNG (text
//! drawn with the CJK font found, or no PNG at all, with a warning, when there is none).

mod annual;
mod fan;
mod glyphs;
mod indicator;
mod overview;
mod regions;
mod style;

use std::collections::BTreeMap;

use plotters::coord::Shift;
use plotters::prelude::*;

pub use annual::AnnualChart;
pub use fan::FanChart;
use glyphs::Glyphs;
pub use indicator::IndicatorChart;
pub use overview::{OverviewChart, status_color};
pub use regions::RegionsChart;
use style::{DrawResult, Scale};

use super::Report;
use super::font::FontSearch;
use crate::error::Error;

/// PNG is drawn larger than the SVG, for print.
const PNG_SCALE: f64 = 1.5;

/// What a chart shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    Overview(OverviewChart),
    Indicator(Box<IndicatorChart>),
    Fan(Box<FanChart>),
    Regions(Box<RegionsChart>),
    Annual(Box<AnnualChart>),
}

impl Figure {
    fn size(&self) -> (u32, u32) {
        match self {
            Figure::Overview(c) => c.size(),
            Figure::Indicator(_) => indicator::SIZE,
            Figure::Fan(_) => fan::SIZE,
            Figure::Regions(c) => c.size(),
            Figure::Annual(_) => annual::SIZE,
        }
    }

    fn texts(&self) -> Vec<String> {
        match self {
            Figure::Overview(c) => c.texts(),
            Figure::Indicator(c) => c.texts(),
            Figure::Fan(c) => c.texts(),
            Figure::Regions(c) => c.texts(),
            Figure::Annual(c) => c.texts(),
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        s: Scale<'_>,
    ) -> DrawResult<DB> {
        root.fill(&WHITE)?;
        match self {
            Figure::Overview(c) => c.draw(root, s),
            Figure::Indicator(c) => c.draw(root, s),
            Figure::Fan(c) => c.draw(root, s),
            Figure::Regions(c) => c.draw(root, s),
            Figure::Annual(c) => c.draw(root, s),
        }
    }
}

/// A chart to draw: its file stem, what it shows, and for which indicator.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedChart {
    pub stem: String,
    pub indicator: Option<String>,
    pub figure: Figure,
}

/// A chart drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnChart {
    pub stem: String,
    pub indicator: Option<String>,
    pub svg: String,
    pub png: Option<Vec<u8>>,
}

/// Every chart of a report, and what the person should know about them.
#[derive(Debug, Clone, Default)]
pub struct Drawn {
    pub charts: Vec<DrawnChart>,
    pub warnings: Vec<String>,
}

/// Which charts exist, for the document to refer to them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartIndex {
    pub overview: Option<String>,
    pub fan: Option<String>,
    pub regions: Option<String>,
    pub by_indicator: BTreeMap<String, String>,
}

impl Drawn {
    pub fn index(&self) -> ChartIndex {
        let mut index = ChartIndex::default();
        for c in &self.charts {
            match &c.indicator {
                Some(id) => {
                    index.by_indicator.insert(id.clone(), c.stem.clone());
                }
                None if c.stem == OVERVIEW => index.overview = Some(c.stem.clone()),
                None if c.stem == FAN => index.fan = Some(c.stem.clone()),
                None if c.stem == REGIONS => index.regions = Some(c.stem.clone()),
                None => {}
            }
        }
        index
    }

    pub fn get(&self, stem: &str) -> Option<&DrawnChart> {
        self.charts.iter().find(|c| c.stem == stem)
    }
}

const OVERVIEW: &str = "overview";
const FAN: &str = "gdp-scenarios";
const REGIONS: &str = "regions";

/// The charts of a report: the overview, the GDP scenario fan, then one per indicator with something to show, in the
/// plan's order.
pub fn plan_charts(report: &Report<'_>) -> Vec<PlannedChart> {
    // The overview shows how the statuses spread: nothing to show while no indicator can be assessed.
    let counts = report.counts();
    let mut charts = Vec::new();
    if counts.get(crate::assess::Status::NotAssessable) < counts.total {
        charts.push(PlannedChart {
            stem: OVERVIEW.to_string(),
            indicator: None,
            figure: Figure::Overview(OverviewChart::new(report)),
        });
    }
    if let Some(c) = report.headline.computed().filter(|c| !c.runs.is_empty()) {
        charts.push(PlannedChart {
            stem: FAN.to_string(),
            indicator: None,
            figure: Figure::Fan(Box::new(FanChart::new(c))),
        });
    }
    if let Some(regions) = report.regions {
        let plan = &report.dataset.plan;
        charts.push(PlannedChart {
            stem: REGIONS.to_string(),
            indicator: None,
            figure: Figure::Regions(Box::new(RegionsChart::new(regions, |s| {
                plan.status_label(s).to_string()
            }))),
        });
    }
    let mut used: Vec<String> = vec![OVERVIEW.to_string(), FAN.to_string(), REGIONS.to_string()];
    for (ind, a) in report.items() {
        let chart = IndicatorChart::new(report.dataset, ind, a, report.as_of);
        // A chart only where it shows something; a lagging indicator always has its chart.
        if !chart.has_something_to_show() && !a.status.is_behind() {
            continue;
        }
        let stem = unique_stem(&format!("indicator-{}", file_safe(ind.number())), &used);
        used.push(stem.clone());
        charts.push(PlannedChart {
            stem,
            indicator: Some(ind.id.clone()),
            figure: Figure::Indicator(Box::new(chart)),
        });
    }
    charts
}

/// The execution report's charts: one for each annual-plan line behind its schedule.
pub fn plan_execution_charts(report: &super::execution::ExecutionReport<'_>) -> Vec<PlannedChart> {
    let mut used: Vec<String> = Vec::new();
    report
        .behind()
        .into_iter()
        .map(|a| {
            let stem = unique_stem(&format!("annual-{}", file_safe(&a.id)), &used);
            used.push(stem.clone());
            PlannedChart {
                stem,
                indicator: Some(a.id.clone()),
                figure: Figure::Annual(Box::new(AnnualChart::new(report.dataset, a))),
            }
        })
        .collect()
}

/// An id as a file name: letters, digits, `.`, `-` and `_` kept, anything else (`/`, `<`, spaces…) as `_`.
fn file_safe(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    safe.trim_start_matches('.').chars().take(60).collect()
}

fn unique_stem(stem: &str, used: &[String]) -> String {
    let mut candidate = stem.to_string();
    let mut n = 2;
    while used.contains(&candidate) {
        candidate = format!("{stem}-{n}");
        n += 1;
    }
    candidate
}

/// Draws every chart as SVG, and as PNG where the font can draw all of its text.
pub fn draw_all(
    planned: &[PlannedChart],
    font_search: &FontSearch,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Drawn, Error> {
    let mut drawn = Drawn::default();
    let font = font_search;
    let font = match font {
        FontSearch::Found(f) => {
            f.register()?;
            Glyphs::new(f.data()).map(|g| (f, g))
        }
        FontSearch::Missing(_) => None,
    };
    if font.is_none() {
        let why = match font_search {
            FontSearch::Missing(why) => why.clone(),
            FontSearch::Found(f) => format!("字体 {} 无法用于绘图", f.path.display()),
        };
        drawn.warnings.push(format!(
            "未生成 PNG 图表：{why}。SVG 图表和 HTML 报告不受影响。请安装 fonts-noto-cjk 或 fonts-wqy-microhei，或另行指定含中文字形的字体文件（.ttf/.otf/.ttc）"
        ));
    }
    for (n, chart) in planned.iter().enumerate() {
        progress(n, planned.len());
        let svg = svg(&chart.figure).map_err(|e| chart_error(&chart.stem, &e))?;
        let png = match &font {
            None => None,
            Some((font, glyphs)) => {
                let missing: Vec<char> = font.missing(&chart.figure.texts().concat());
                if missing.is_empty() {
                    Some(png(&chart.figure, glyphs).map_err(|e| chart_error(&chart.stem, &e))?)
                } else {
                    let chars: String = missing.iter().take(20).collect();
                    drawn.warnings.push(format!(
                        "图表 {} 未生成 PNG：字体 {} 缺少字符“{chars}”（SVG 已生成）",
                        chart.stem, font.family
                    ));
                    None
                }
            }
        };
        drawn.charts.push(DrawnChart {
            stem: chart.stem.clone(),
            indicator: chart.indicator.clone(),
            svg,
            png,
        });
    }
    progress(planned.len(), planned.len());
    Ok(drawn)
}

fn chart_error(stem: &str, e: &str) -> Error {
    Error::Usage(format!("图表 {stem} 绘制失败：{e}"))
}

fn svg(figure: &Figure) -> Result<String, String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, figure.size()).into_drawing_area();
        let s = Scale {
            k: 1.0,
            glyphs: None,
        };
        figure.draw(&root, s).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(style::with_cjk_fonts(&out))
}

fn png(figure: &Figure, glyphs: &Glyphs) -> Result<Vec<u8>, String> {
    let (w, h) = figure.size();
    let (w, h) = (scaled(w), scaled(h));
    let mut pixels = vec![0u8; w as usize * h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (w, h)).into_drawing_area();
        let s = Scale {
            k: PNG_SCALE,
            glyphs: Some(glyphs),
        };
        figure.draw(&root, s).map_err(|e| e.to_string())?;
        root.present().map_err(|e| e.to_string())?;
    }
    encode_png(&pixels, w, h).map_err(|e| e.to_string())
}

fn scaled(v: u32) -> u32 {
    (f64::from(v) * PNG_SCALE).round() as u32
}

/// RGB pixels as a PNG file, fast compression: the same pixels always give the same bytes.
fn encode_png(pixels: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header()?;
        writer.write_image_data(pixels)?;
        writer.finish()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_safe_unique_file_names() {
        assert_eq!(file_safe("17.1"), "17.1");
        assert_eq!(file_safe("../<x> y"), "__x__y");
        assert_eq!(file_safe("gdp-growth"), "gdp-growth");
        let used = vec!["indicator-a".to_string(), "indicator-a-2".to_string()];
        assert_eq!(unique_stem("indicator-a", &used), "indicator-a-3");
        assert_eq!(unique_stem("indicator-b", &used), "indicator-b");
    }

    #[test]
    fn png_encoding_round_trips() {
        let pixels: Vec<u8> = (0..2 * 3 * 3).map(|v| v as u8 * 10).collect();
        let bytes = encode_png(&pixels, 2, 3).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (2, 3));
        assert_eq!(&buf[..info.buffer_size()], &pixels[..]);
    }
}
