package dev.sensiprint.train;

import dev.sensiprint.architecture.Architecture;

/**
 * How to train one small model: architecture, data, and Adam's settings.
 *
 * @param name the command-line name, e.g. {@code mnist-demo}
 * @param description one line for {@code --help} and reports
 * @param architecture the network
 * @param data where the training and test images are
 * @param epochs default number of passes over the training images
 * @param batchSize images per Adam step
 * @param learningRate Adam's step size
 * @param trainLimit at most this many training images are read (the first ones)
 */
public record Recipe(
        String name,
        String description,
        Architecture architecture,
        DataSplit data,
        int epochs,
        int batchSize,
        float learningRate,
        int trainLimit) {

    public Recipe {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || trainLimit < 1) {
            throw new IllegalArgumentException("bad recipe settings for " + name);
        }
    }
}
