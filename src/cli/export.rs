//! stub
use clap::Args;
#[derive(Debug, Args)] pub struct ExportArgs {}
pub fn run(_d: &super::DataArgs, _a: &ExportArgs) -> Result<i32, crate::error::Error> { Ok(0) }
