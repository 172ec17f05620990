//! The regions view's state: the regions compared, where their plans come from, and what is selected. Its keys
//! and drawing are in `view/regions.rs`.

use crate::load::DataSource;
use crate::regions::Regions;

/// The regions to compare and where their plans come from (to open another one).
#[derive(Debug)]
pub struct RegionsPanel {
    pub regions: Regions,
    pub source: DataSource,
    /// The selected row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// First indicator column shown.
    pub column: usize,
}

impl RegionsPanel {
    pub fn new(regions: Regions, source: DataSource) -> Self {
        RegionsPanel {
            regions,
            source,
            selected: 0,
            offset: 0,
            column: 0,
        }
    }
}
