package dev.sensiprint.train;

/**
 * What to train and how reproducibly.
 *
 * @param recipe the recipe
 * @param epochs passes over the training images (the recipe's default unless overridden)
 * @param seed seeds the initial weights (libtorch's generator) and the shuffling (Java's)
 * @param threads libtorch intra-op threads; the same recipe, seed and thread count give the same
 *     weights bit for bit (reductions differ across thread counts, djl-pytorch.md §7)
 */
public record TrainingRun(Recipe recipe, int epochs, long seed, int threads) {

    public TrainingRun {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** The recipe with its default epochs, seed 1 and one thread. */
    public static TrainingRun of(Recipe recipe) {
        return new TrainingRun(recipe, recipe.epochs(), 1, 1);
    }
}
