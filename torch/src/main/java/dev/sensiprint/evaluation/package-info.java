/**
 * The evaluation protocol of method.md §6: how often, and with how few queries, fingerprints detect
 * tampering, against the baselines of the paper.
 *
 * <p>How it fits together: {@link dev.sensiprint.evaluation.Evaluation} loads the model twice (for
 * gradients, which the attacks edit in place, and for inference, which records the expected outputs
 * as {@code generate} does), draws the seeds, and has {@code PoolBuilder} make the pools asked for
 * ({@link dev.sensiprint.evaluation.PoolKind}): sensitive samples over all weights and over the
 * last layer, the seeds themselves, uniform noise, and for label mode (method.md §7) the seeds and
 * the sensitive samples walked into one margin band above one noise floor ({@code MarginTuner},
 * shared with {@code generate}), the latter also in the order of a flip cover of simulated changes
 * (the joint pool), and boundary pairs, also in the flip-cover order (joint_pairs). Every pool is
 * calibrated against benign drift by the same {@code DriftCalibrator} as a fingerprint, and ordered
 * by MANC unless it is one of the two flip-cover pools. The clean model is then re-run under benign
 * variation against every pool (false positives). For each attack, {@code AttackRunner} makes the
 * tampered copies in memory — {@code Tampering.applyInPlace} on the live weights, every pool
 * answered in fixed batches, the pristine weights written back — and core's comparators decide per
 * sample and copy whether the answer differs (label mode, probs mode with the pool's tolerance).
 * The detection-vs-N curves are exact ({@code dev.sensiprint.detection.DetectionCurves}).
 *
 * <p>Attacks come in as {@code AttackSpecs} strings only, so an attack added there (fine-tuning,
 * trojaning, poisoning, a model swap) joins the matrix without a change here, as long as {@code
 * Tampering.applyInPlace} can apply it to a loaded model; whatever it changes among the weights is
 * undone by the restore.
 */
package dev.sensiprint.evaluation;
