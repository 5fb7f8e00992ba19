/**
 * Verification on a schedule ({@code sensiprint watch}): a {@link dev.sensiprint.watch.Watch}
 * verifies a random subset of a fingerprint's samples every interval (with jitter, so that a server
 * cannot learn when it is being checked), tells each {@link dev.sensiprint.watch.RoundListener}
 * about each {@link dev.sensiprint.watch.Round}, and never stops because the server failed: a
 * failed round is an INCONCLUSIVE round.
 */
package dev.sensiprint.watch;
