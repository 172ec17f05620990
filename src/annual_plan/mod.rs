//! The year's annual plan (年度计划) set up from its table: the target words understood ([`target_words`]), the
//! sheet read and checked line by line ([`import`]), and next year's sheet prefilled ([`template`]).

pub mod import;
pub mod target_words;
pub mod template;
