//! The bounds a simulation's settings must keep (checked by `simulate`, named in its errors).

/// More paths than this would only use memory: the quantiles are stable long before.
pub const MAX_PATHS: usize = 10_000_000;
/// Growth beyond these bounds means nothing for an economy, and would overflow the arithmetic.
pub const MAX_MEAN_PCT: f64 = 1000.0;
pub const MAX_SD_PCT: f64 = 100.0;
