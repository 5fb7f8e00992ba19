package dev.sensiprint.attack;

/** The parameter checks the training attacks share, with the messages specs show to users. */
final class TrainingChecks {

    private TrainingChecks() {}

    static void requireLearningRate(double learningRate) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("lr must be positive, got " + learningRate);
        }
    }

    static void requireSteps(int maxSteps) {
        if (maxSteps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + maxSteps);
        }
    }
}
