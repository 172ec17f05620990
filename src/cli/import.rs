//! stub
use clap::Args;
#[derive(Debug, Args)] pub struct ImportArgs {}
pub fn run(_d: &super::DataArgs, _a: &ImportArgs) -> Result<i32, crate::error::Error> { Ok(0) }
