package dev.sensiprint.generate;

import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;

/**
 * Holds every candidate's top-1 margin in the band [K·f, W·K·f] above the benign noise floor f
 * (method.md §7): as small as benign drift safely allows, so that a label-only verifier sees small
 * weight changes.
 *
 * @param factor K; calibration keeps a sample only when its margin exceeds {@code 2 × safety × f},
 *     so K must exceed {@code 2 × safety}
 * @param declaredFloor f as the user declares it; empty to measure it on the candidates under the
 *     pipeline's benign variations (threads, batch, reload, the ONNX twin if given)
 * @param width W > 1, the band's upper edge over its lower one. Safety rests on the lower edge
 *     alone; a narrower band holds the margins nearer to it, at the cost of a few more bisection
 *     steps per walk
 */
public record MarginTuning(double factor, OptionalDouble declaredFloor, double width) {

    public static final double DEFAULT_FACTOR = 30;

    /** The band's width W unless one is given: [K·f, 2K·f]. */
    public static final double DEFAULT_WIDTH = 2;

    /** The default band width. */
    public MarginTuning(double factor, OptionalDouble declaredFloor) {
        this(factor, declaredFloor, DEFAULT_WIDTH);
    }

    public MarginTuning {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("margin factor must be > 0, got " + factor);
        }
        if (!(width > 1) || !Double.isFinite(width)) {
            throw new IllegalArgumentException("margin band width must be > 1, got " + width);
        }
        if (declaredFloor.isPresent()
                && (!(declaredFloor.getAsDouble() > 0)
                        || !Double.isFinite(declaredFloor.getAsDouble()))) {
            throw new IllegalArgumentException(
                    "a declared noise floor must be > 0, got " + declaredFloor.getAsDouble());
        }
    }

    /** The band for noise floor {@code floor}. */
    public MarginWalker.Band band(double floor) {
        return new MarginWalker.Band(factor * floor, width * factor * floor);
    }

    /** The declared floor, or else the one {@code measure} measures. */
    public double floor(DoubleSupplier measure) {
        return declaredFloor.isPresent() ? declaredFloor.getAsDouble() : measure.getAsDouble();
    }

    /**
     * Checks K against the calibration that will judge the tuned samples.
     *
     * @throws IllegalArgumentException unless K > 2 × safety
     */
    public void requireAbove(double safety) {
        if (!(factor > 2 * safety)) {
            throw new IllegalArgumentException(
                    "margin factor "
                            + factor
                            + " must exceed 2 × the safety factor ("
                            + 2 * safety
                            + "), or calibration drops every tuned sample");
        }
    }
}
