package dev.sensiprint.generate;

/**
 * How one sensitive sample is generated.
 *
 * @param steps the most Adam steps
 * @param learningRate Adam's step size, in pixel units
 * @param eps radius of the closeness ball around the seed
 * @param ball which norm the ball uses
 * @param keepLabel reject steps that change the seed's top-1 label or bring the margin below {@code
 *     marginFloor}
 * @param marginFloor the smallest top-1 margin a step may leave when keeping the label
 * @param quantize round the final sample to the 8-bit grid k/255 (toward the seed, so it stays in
 *     the ball) and evaluate it again
 * @param patience stop after this many accepted steps without a relative improvement of S by more
 *     than {@code minImprovement}
 * @param minImprovement relative gain in S that counts as progress
 * @param valueMin smallest pixel value
 * @param valueMax largest pixel value
 */
public record GeneratorSettings(
        int steps,
        double learningRate,
        double eps,
        Ball ball,
        boolean keepLabel,
        double marginFloor,
        boolean quantize,
        int patience,
        double minImprovement,
        float valueMin,
        float valueMax) {

    /** The authors' closeness radius, 10/255 RMS. */
    public static final double DEFAULT_EPS = 10.0 / 255.0;

    public static GeneratorSettings defaults() {
        return new GeneratorSettings(
                300, 0.01, DEFAULT_EPS, Ball.RMS, false, 1e-3, false, 50, 1e-3, 0f, 1f);
    }

    public GeneratorSettings {
        if (steps < 0) {
            throw new IllegalArgumentException("steps must be >= 0, got " + steps);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new IllegalArgumentException("eps must be > 0, got " + eps);
        }
        if (ball == null) {
            throw new IllegalArgumentException("ball must be given");
        }
        if (!(marginFloor >= 0) || !Double.isFinite(marginFloor)) {
            throw new IllegalArgumentException("margin floor must be >= 0, got " + marginFloor);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
        if (!(minImprovement >= 0)) {
            throw new IllegalArgumentException(
                    "min improvement must be >= 0, got " + minImprovement);
        }
        if (!(valueMin < valueMax)) {
            throw new IllegalArgumentException("empty value range");
        }
    }

    public GeneratorSettings withSteps(int n) {
        return new GeneratorSettings(
                n,
                learningRate,
                eps,
                ball,
                keepLabel,
                marginFloor,
                quantize,
                patience,
                minImprovement,
                valueMin,
                valueMax);
    }

    public GeneratorSettings withEps(double e, Ball b) {
        return new GeneratorSettings(
                steps,
                learningRate,
                e,
                b,
                keepLabel,
                marginFloor,
                quantize,
                patience,
                minImprovement,
                valueMin,
                valueMax);
    }

    public GeneratorSettings withKeepLabel(boolean keep, double floor) {
        return new GeneratorSettings(
                steps,
                learningRate,
                eps,
                ball,
                keep,
                floor,
                quantize,
                patience,
                minImprovement,
                valueMin,
                valueMax);
    }

    public GeneratorSettings withQuantize(boolean q) {
        return new GeneratorSettings(
                steps,
                learningRate,
                eps,
                ball,
                keepLabel,
                marginFloor,
                q,
                patience,
                minImprovement,
                valueMin,
                valueMax);
    }

    public GeneratorSettings withLearningRate(double lr) {
        return new GeneratorSettings(
                steps,
                lr,
                eps,
                ball,
                keepLabel,
                marginFloor,
                quantize,
                patience,
                minImprovement,
                valueMin,
                valueMax);
    }

    public GeneratorSettings withValueRange(float min, float max) {
        return new GeneratorSettings(
                steps,
                learningRate,
                eps,
                ball,
                keepLabel,
                marginFloor,
                quantize,
                patience,
                minImprovement,
                min,
                max);
    }
}
