//! The relationship graph of a series as of a horizon: the story-world entities as nodes,
//! the facts between two of them as edges, placed on a circle.
//!
//! The layout is deterministic (nodes in order of first appearance, evenly spaced), so the
//! same horizon always draws the same picture and ETags stay stable. Only the horizon's
//! [`Knowledge`] is read, so neither a node nor an edge can come from a later episode.

use previously_extract::{Certainty, Kind, Relation};
use previously_series::{Episode, Knowledge};
use serde::Serialize;

/// The drawing is this many units square.
pub const SIZE: f64 = 640.0;
const RADIUS: f64 = 230.0;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub id: usize,
    pub name: String,
    pub kind: Kind,
    pub first_seen: Episode,
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub source: usize,
    pub target: usize,
    pub relation: Relation,
    pub certainty: Certainty,
    pub first_seen: Episode,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Graph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// Relations drawn in the graph: the ones between two story-world entities.
fn drawn(relation: Relation) -> bool {
    !matches!(
        relation,
        Relation::PlayedBy | Relation::ComparedTo | Relation::MadeBy
    )
}

pub fn build(kb: &Knowledge) -> Graph {
    let mut index = vec![None; kb.entities.len()];
    let mut nodes: Vec<Node> = Vec::new();
    for (i, e) in kb.entities.iter().enumerate() {
        if e.kind.in_story_world() {
            index[i] = Some(nodes.len());
            nodes.push(Node {
                id: nodes.len(),
                name: e.name.clone(),
                kind: e.kind,
                first_seen: e.first_seen,
                x: 0.0,
                y: 0.0,
            });
        }
    }
    let n = nodes.len().max(1) as f64;
    for node in &mut nodes {
        // Start at twelve o'clock and go clockwise.
        let angle = std::f64::consts::TAU * node.id as f64 / n - std::f64::consts::FRAC_PI_2;
        node.x = (SIZE / 2.0 + RADIUS * angle.cos()).round();
        node.y = (SIZE / 2.0 + RADIUS * angle.sin()).round();
    }
    let mut edges: Vec<Edge> = Vec::new();
    for f in &kb.facts {
        if !drawn(f.relation) {
            continue;
        }
        let (Some(Some(s)), Some(Some(t))) = (
            f.subject_entity.map(|i| index.get(i).copied().flatten()),
            f.object_entity.map(|i| index.get(i).copied().flatten()),
        ) else {
            continue;
        };
        if s == t {
            continue;
        }
        if edges.iter().any(|e| {
            e.source == s && e.target == t && e.relation == f.relation && e.certainty == f.certainty
        }) {
            continue;
        }
        edges.push(Edge {
            source: s,
            target: t,
            relation: f.relation,
            certainty: f.certainty,
            first_seen: f.first_seen,
        });
    }
    Graph { nodes, edges }
}
