//! The arithmetic of progress, as published: compound growth, Eurostat's ratio of actual to required growth,
//! time-sequenced completion (时序进度), and the growth the remaining years need. Pure functions; `None` where a
//! formula has no meaning (zero or mixed-sign values, no time), never a panic.

/// Compound annual growth rate from `from` to `to` over `years` (0.05 = 5%). Needs positive values and time.
pub fn cagr(from: f64, to: f64, years: f64) -> Option<f64> {
    if !(from > 0.0
        && to > 0.0
        && years > 0.0
        && from.is_finite()
        && to.is_finite()
        && years.is_finite())
    {
        return None;
    }
    let rate = (to / from).powf(1.0 / years) - 1.0;
    rate.is_finite().then_some(rate)
}

/// The compound annual rate still needed to go from `current` to `target` in `years` (DOMAIN §2).
pub fn required_rate(current: f64, target: f64, years: f64) -> Option<f64> {
    cagr(current, target, years)
}

/// Eurostat's R = d · CAGR_obs / |CAGR_req|; `direction` is +1 where higher is better, −1 where lower is.
/// None where the required rate is zero (the target equals the base): there is no pace to compare with.
pub fn actual_to_required_ratio(observed: f64, required: f64, direction: f64) -> Option<f64> {
    if required == 0.0 || !observed.is_finite() || !required.is_finite() {
        return None;
    }
    let r = direction * observed / required.abs();
    r.is_finite().then_some(r)
}

/// The same ratio on absolute yearly change, for series that have no compound rate (zero or negative values).
pub fn linear_ratio(
    base: f64,
    latest: f64,
    target: f64,
    elapsed_years: f64,
    total_years: f64,
    direction: f64,
) -> Option<f64> {
    if elapsed_years <= 0.0 || total_years <= 0.0 || target == base {
        return None;
    }
    let actual = (latest - base) / elapsed_years;
    let required = (target - base) / total_years;
    let r = direction * actual / required.abs();
    r.is_finite().then_some(r)
}

/// Time-sequenced completion (时序进度): share of the distance from base to target covered, (yt − y0)/(yT − y0).
pub fn completion(base: f64, latest: f64, target: f64) -> Option<f64> {
    if target == base {
        return None;
    }
    let c = (latest - base) / (target - base);
    c.is_finite().then_some(c)
}

/// Share of the plan's time gone: (t − t0)/(T − t0).
pub fn elapsed(base_year: i32, year: i32, target_year: i32) -> Option<f64> {
    if target_year <= base_year {
        return None;
    }
    Some(f64::from(year - base_year) / f64::from(target_year - base_year))
}

/// Geometric mean of yearly growth rates given in percent, as a rate (5.2% → 0.052). Needs every 1+g > 0.
pub fn geometric_mean_growth(rates_pct: &[f64]) -> Option<f64> {
    if rates_pct.is_empty() {
        return None;
    }
    let product = growth_product(rates_pct)?;
    let mean = product.powf(1.0 / rates_pct.len() as f64) - 1.0;
    mean.is_finite().then_some(mean)
}

/// Π(1 + g_i) for rates in percent; None if any factor is not positive.
pub fn growth_product(rates_pct: &[f64]) -> Option<f64> {
    let mut product = 1.0;
    for g in rates_pct {
        let factor = 1.0 + g / 100.0;
        if !(factor > 0.0 && factor.is_finite()) {
            return None;
        }
        product *= factor;
    }
    Some(product)
}

/// The average rate the remaining `total − done` years need to keep an average target `target_pct` over `total`
/// years: ((1+g*)^N / Π(1+g_i))^(1/(N−k)) − 1.
pub fn required_average_rate(
    target_pct: f64,
    achieved_pct: &[f64],
    total_years: usize,
) -> Option<f64> {
    let remaining = total_years
        .checked_sub(achieved_pct.len())
        .filter(|r| *r > 0)?;
    let goal = (1.0 + target_pct / 100.0).powi(i32::try_from(total_years).ok()?);
    let done = growth_product(achieved_pct)?;
    if goal.is_nan() || goal <= 0.0 {
        return None;
    }
    let rate = (goal / done).powf(1.0 / remaining as f64) - 1.0;
    rate.is_finite().then_some(rate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    /// Statistics Canada / Open SDG, indicator 1-2-1 (lower is better).
    #[test]
    fn canada_1_2_1_published_case() {
        let observed = cagr(14.5, 10.2, 8.0).unwrap();
        let required = cagr(14.5, 7.25, 15.0).unwrap();
        assert!(
            close(observed * 100.0, -4.3017, 0.00005),
            "{}",
            observed * 100.0
        );
        assert!(
            close(required * 100.0, -4.5158, 0.00005),
            "{}",
            required * 100.0
        );
        let r = actual_to_required_ratio(observed, required, -1.0).unwrap();
        assert!(close(r, 0.9526, 0.00005), "{r}");
    }

    /// DOMAIN §2: 100 → 110 after 2 of 5 years, target 135.
    #[test]
    fn time_sequenced_example() {
        assert!(close(
            completion(100.0, 110.0, 135.0).unwrap(),
            0.285714,
            1e-6
        ));
        assert_eq!(elapsed(2025, 2027, 2030), Some(0.4));
        let r = actual_to_required_ratio(
            cagr(100.0, 110.0, 2.0).unwrap(),
            cagr(100.0, 135.0, 5.0).unwrap(),
            1.0,
        )
        .unwrap();
        assert!(close(r, 0.789, 0.0005), "{r}");
        // (135/110)^(1/3) − 1 = 7.0649%; DOMAIN's "7.07%" is that figure rounded twice (7.065 → 7.07).
        let rest = required_rate(110.0, 135.0, 3.0).unwrap() * 100.0;
        assert!(close(rest, 7.0649, 0.00005), "{rest}");
    }

    /// The plan report: 2.30万亿 (23011亿元) to 3万亿 in five years needs about 5.4% (5.45%) a year.
    #[test]
    fn gdp_three_trillion() {
        let r = required_rate(23011.0, 30000.0, 5.0).unwrap() * 100.0;
        assert!(close(r, 5.45, 0.005), "{r}");
    }

    #[test]
    fn average_growth_needed_for_the_rest() {
        // 14th plan: 6% a year over five years; four years averaging below need more in the fifth.
        let rest = required_average_rate(6.0, &[8.5, 1.5, 5.6, 4.7], 5).unwrap() * 100.0;
        let check = growth_product(&[8.5, 1.5, 5.6, 4.7]).unwrap() * (1.0 + rest / 100.0);
        assert!(close(check, 1.06f64.powi(5), 1e-9));
        assert_eq!(required_average_rate(6.0, &[1.0; 5], 5), None);
        let mean = geometric_mean_growth(&[5.0, 5.0]).unwrap();
        assert!(close(mean, 0.05, 1e-12));
    }

    #[test]
    fn meaningless_inputs_give_none() {
        assert_eq!(cagr(0.0, 1.0, 1.0), None);
        assert_eq!(cagr(-1.0, 1.0, 1.0), None);
        assert_eq!(cagr(1.0, 2.0, 0.0), None);
        assert_eq!(actual_to_required_ratio(0.1, 0.0, 1.0), None);
        assert_eq!(completion(5.0, 6.0, 5.0), None);
        assert_eq!(geometric_mean_growth(&[]), None);
        assert_eq!(geometric_mean_growth(&[-100.0]), None);
        assert_eq!(linear_ratio(-2.0, -1.0, 2.0, 1.0, 4.0, 1.0), Some(1.0));
    }
}
