//! `previously-chart` draws the critics' view of a series (see
//! `previously_series::CriticView`) as an SVG chart: one mark per outlet's verdict on each
//! episode, the mean line across episodes, labelled axes and a legend of outlets.
//!
//! It is shared by the CLI (`previously chart`) and the web app, so both show the same
//! picture. The chart draws only what the view holds, and the view is already cut at the
//! reader's horizon, so no later episode can appear in it. Text that comes from an article
//! (outlet names, the series title) is escaped by plotters' SVG backend as it is drawn; a
//! test holds it to that, so escaping is not done twice.

use plotters::prelude::*;
use previously_series::CriticView;
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("there are no reviews to chart{0}")]
    Empty(String),
    #[error("drawing the chart failed: {0}")]
    Draw(String),
}

/// Colours for up to eight outlets, chosen to stay apart for common colour blindness
/// (the Okabe–Ito palette); more outlets reuse them.
const PALETTE: [RGBColor; 8] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
    RGBColor(0, 0, 0),
];

/// Draws the verdict trend: x is the episode (in watching order), y the verdict score in
/// [-1, 1]. Returns the SVG document as a string.
pub fn trend_svg(view: &CriticView, width: u32, height: u32) -> Result<String, ChartError> {
    if view.episodes.is_empty() {
        return Err(ChartError::Empty(format!(
            " for {} as of {}",
            view.series, view.horizon
        )));
    }
    let draw = |e: &dyn std::fmt::Display| ChartError::Draw(e.to_string());
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(|e| draw(&e))?;
        let n = view.episodes.len();
        let labels: Vec<String> = view
            .episodes
            .iter()
            .map(|e| e.episode.to_string())
            .collect();
        let caption = format!(
            "{} — critics' verdicts per episode (as of {})",
            view.series, view.horizon
        );
        let mut chart = ChartBuilder::on(&root)
            .caption(caption, ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(48)
            .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), -1.05f64..1.05f64)
            .map_err(|e| draw(&e))?;
        chart
            .configure_mesh()
            .x_desc("episode")
            .y_desc("verdict (−1 negative … +1 positive)")
            .x_labels(n.min(24))
            .x_label_formatter(&|x| {
                let i = x.round();
                if (x - i).abs() < 1e-6 && i >= 0.0 {
                    labels.get(i as usize).cloned().unwrap_or_default()
                } else {
                    String::new()
                }
            })
            .y_labels(9)
            .draw()
            .map_err(|e| draw(&e))?;

        // The zero line separates praise from criticism.
        chart
            .draw_series(LineSeries::new(
                [(-0.5, 0.0), (n as f64 - 0.5, 0.0)],
                BLACK.mix(0.3),
            ))
            .map_err(|e| draw(&e))?;

        // One series of marks per outlet, offset a little sideways so marks do not hide
        // each other when outlets agree.
        let mut outlets: BTreeMap<String, Vec<(f64, f64)>> = BTreeMap::new();
        for (i, ep) in view.episodes.iter().enumerate() {
            for v in &ep.verdicts {
                let name = v
                    .outlet
                    .clone()
                    .unwrap_or_else(|| "unnamed outlet".to_string());
                outlets.entry(name).or_default().push((i as f64, v.score));
            }
        }
        let k = outlets.len().max(1) as f64;
        for (j, (outlet, points)) in outlets.iter().enumerate() {
            let colour = PALETTE[j % PALETTE.len()];
            let dx = (j as f64 - (k - 1.0) / 2.0) * 0.08;
            chart
                .draw_series(
                    points
                        .iter()
                        .map(|&(x, y)| Circle::new((x + dx, y), 5, colour.filled())),
                )
                .map_err(|e| draw(&e))?
                .label(outlet.as_str())
                .legend(move |(x, y)| Circle::new((x + 8, y), 5, colour.filled()));
        }

        let means: Vec<(f64, f64)> = view
            .episodes
            .iter()
            .enumerate()
            .map(|(i, e)| (i as f64, e.mean))
            .collect();
        chart
            .draw_series(LineSeries::new(
                means.iter().copied(),
                BLACK.stroke_width(2),
            ))
            .map_err(|e| draw(&e))?
            .label("mean")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], BLACK.stroke_width(2)));
        chart
            .draw_series(means.iter().map(|&(x, y)| {
                Rectangle::new([(x - 0.03, y - 0.02), (x + 0.03, y + 0.02)], BLACK.filled())
            }))
            .map_err(|e| draw(&e))?;

        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerLeft)
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.4))
            .draw()
            .map_err(|e| draw(&e))?;
        root.present().map_err(|e| draw(&e))?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use previously_extract::Label;
    use previously_series::{Episode, EpisodeCritics, Horizon, OutletVerdict};

    fn view(outlet: &str) -> CriticView {
        let verdict = |score: f64| OutletVerdict {
            outlet: Some(outlet.to_string()),
            article: "a".into(),
            label: Label::from_score(score),
            score,
            explicit: None,
            evidence: String::new(),
            evaluation: Vec::new(),
        };
        let ep = |n: u32, score: f64| EpisodeCritics {
            episode: Episode::new(1, n),
            title: Some(format!("Title {n}")),
            verdicts: vec![verdict(score)],
            count: 1,
            mean: score,
            spread: 0.0,
            label: Label::from_score(score),
        };
        CriticView {
            series: "Show".into(),
            horizon: Horizon::Latest,
            episodes: vec![ep(1, 0.5), ep(2, -0.25)],
            trend: Some(-0.75),
            best: Some(Episode::new(1, 1)),
            worst: Some(Episode::new(1, 2)),
            aspects: vec![],
        }
    }

    #[test]
    fn chart_has_axes_labels_marks_and_legend() {
        let svg = trend_svg(&view("Tidewater Recaps"), 800, 400).expect("svg");
        assert!(svg.starts_with("<svg"), "{}", &svg[..80.min(svg.len())]);
        for want in [
            "S1E1",
            "S1E2",
            "episode",
            "verdict",
            "Tidewater Recaps",
            "mean",
            "<circle",
        ] {
            assert!(svg.contains(want), "missing {want}");
        }
    }

    // Outlet names come from articles; a hostile one must not become markup in the SVG.
    #[test]
    fn hostile_outlet_names_are_escaped() {
        let svg = trend_svg(
            &view("<script>alert(1)</script>\"><img onerror=x>"),
            800,
            400,
        )
        .expect("svg");
        assert!(!svg.contains("<script"), "raw script tag in the SVG");
        assert!(!svg.contains("<img"), "raw img tag in the SVG");
        // Escaped once, not twice.
        let svg = trend_svg(&view("Salt & Pepper"), 800, 400).expect("svg");
        assert!(svg.contains("Salt &amp; Pepper") && !svg.contains("&amp;amp;"));
    }

    #[test]
    fn no_reviews_is_a_clear_error() {
        let mut v = view("X");
        v.episodes.clear();
        let err = trend_svg(&v, 800, 400).expect_err("empty");
        assert!(err
            .to_string()
            .contains("no reviews to chart for Show as of latest"));
    }
}
