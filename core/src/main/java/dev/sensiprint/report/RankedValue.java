package dev.sensiprint.report;

/** One class of an output vector at its rank: the label and its value. */
public record RankedValue(int label, float value) {}
