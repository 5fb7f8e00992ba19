package dev.sensiprint.data;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws seed images at random (seeded) from a dataset, the same way for {@code generate} and {@code
 * evaluate}, so that one rng seed names the same seeds in both.
 */
public final class SeedDraw {

    private SeedDraw() {}

    /**
     * {@code count} images of {@code data}, in a seeded random order.
     *
     * @param inputShape the model's input shape, which the images must have
     * @param countName how the user asked for {@code count}, for the error message
     * @throws BadInputException if the images do not fit the model or are too few
     */
    public static List<FloatTensor> draw(
            ImageDataset data, int[] inputShape, int count, String countName, long rngSeed) {
        if (!Arrays.equals(data.imageShape().toArray(), inputShape)) {
            throw new BadInputException(
                    "images of "
                            + data.description()
                            + " are "
                            + Arrays.toString(data.imageShape().toArray())
                            + ", the model takes "
                            + Arrays.toString(inputShape));
        }
        if (data.size() < count) {
            throw new BadInputException(
                    data.description()
                            + " has "
                            + data.size()
                            + " images, fewer than "
                            + countName
                            + " "
                            + count);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(rngSeed));
        List<FloatTensor> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(data.get(order.get(i)).image());
        }
        return chosen;
    }
}
