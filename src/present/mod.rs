//! The presentation model: what people read, built once from the library's results and rendered by every face.
//!
//! - [`words`] holds the words and number forms people read (the status cell, the period label, progress,
//!   what remains, the gap), as gitui keeps its strings in one place;
//! - [`grid`] is a table of typed cells ([`Cell`]: text, number with its decimals, percent, points, status,
//!   period) that the terminal table, CSV and the xlsx export only format (hledger's report grid);
//! - [`tables`] builds the grids the command line and the export show (status, annual plan).
//!
//! The dashboard and the report documents use the same words for the same cells, so that a value reads the
//! same on every face.

pub mod annual;
pub mod grid;
pub mod tables;
pub mod words;

pub use grid::{Cell, Column, Grid};
