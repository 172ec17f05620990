//! stub
use clap::Args;
#[derive(Debug, Args)] pub struct TemplateArgs {}
pub fn run(_d: &super::DataArgs, _a: &TemplateArgs) -> Result<i32, crate::error::Error> { Ok(0) }
