//! Decision thresholds: for each label, the cut on held-out probabilities that maximises F1.

/// The threshold that maximises F1 when `scores[i] >= threshold` predicts `gold[i]`.
///
/// The cut is placed halfway between the lowest score predicted positive and the next lower score.
/// Returns 0.5 when there are no positives, and never leaves `[0.01, 0.99]`.
pub fn best_f1_threshold(scores: &[f64], gold: &[bool]) -> f64 {
    let positives = gold.iter().filter(|&&g| g).count();
    if positives == 0 || scores.is_empty() {
        return 0.5;
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let (mut tp, mut fp) = (0usize, 0usize);
    let (mut best_f1, mut best_at) = (-1.0, 0usize);
    for (rank, &i) in order.iter().enumerate() {
        if gold[i] {
            tp += 1;
        } else {
            fp += 1;
        }
        // Only cut between distinct scores.
        let next_differs = order.get(rank + 1).is_none_or(|&n| scores[n] < scores[i]);
        if !next_differs {
            continue;
        }
        let f1 = 2.0 * tp as f64 / (2 * tp + fp + (positives - tp)) as f64;
        if f1 > best_f1 {
            best_f1 = f1;
            best_at = rank;
        }
    }
    let low = scores[order[best_at]];
    let next = order.get(best_at + 1).map_or(0.0, |&n| scores[n]);
    ((low + next) / 2.0).clamp(0.01, 0.99)
}

#[cfg(test)]
mod tests {
    use super::best_f1_threshold;

    #[test]
    fn separable_scores_cut_between_the_classes() {
        let t = best_f1_threshold(&[0.9, 0.8, 0.3, 0.2], &[true, true, false, false]);
        assert!((t - 0.55).abs() < 1e-12);
    }

    #[test]
    fn overlapping_scores_pick_the_best_f1() {
        // Cutting at 0.35 catches 3/3 positives with 1 false positive (F1 0.857);
        // cutting at 0.65 catches 2/3 with none (F1 0.8).
        let scores = [0.9, 0.7, 0.6, 0.4, 0.3, 0.1];
        let gold = [true, true, false, true, false, false];
        let t = best_f1_threshold(&scores, &gold);
        assert!((t - 0.35).abs() < 1e-12, "{t}");
    }

    #[test]
    fn no_positives_gives_one_half() {
        assert_eq!(best_f1_threshold(&[0.2, 0.1], &[false, false]), 0.5);
    }
}
