package dev.sensiprint.evaluation;

/**
 * How one pool detected one attack, in label mode (top-1 differs) and in probs mode (a component
 * differs by more than the pool's calibrated tolerance).
 */
public record PoolDetection(PoolKind kind, ModeDetection label, ModeDetection probs) {}
