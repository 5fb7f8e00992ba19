/**
 * Online verification: {@link dev.sensiprint.verify.OutputComparator comparators} per comparison
 * mode, the sealed {@link dev.sensiprint.verify.Verdict}, and the {@link
 * dev.sensiprint.verify.Verifier} that queries an endpoint with a fingerprint's samples.
 *
 * <p>The rule (method.md §5): INTACT only if every queried sample was answered and matched;
 * TAMPERED if any answered sample differs; otherwise INCONCLUSIVE. A failed query or an answer that
 * cannot be compared (wrong length, NaN, nothing to rank by) is never a match.
 */
package dev.sensiprint.verify;
