package dev.sensiprint.evaluate;

import dev.sensiprint.calibrate.ModelVariations;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.data.LabeledImage;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.List;

/** Top-1 accuracy of a model on labelled images, in batches. */
public final class Accuracy {

    private static final int BATCH = 100;

    private Accuracy() {}

    /**
     * The fraction of the first {@code limit} labelled images whose top-1 class is their label.
     *
     * @throws IllegalArgumentException if none of them is labelled
     */
    public static double of(InferenceModel model, ImageDataset data, int limit) {
        int n = Math.min(limit, data.size());
        int correct = 0;
        int labelled = 0;
        for (int start = 0; start < n; start += BATCH) {
            List<FloatTensor> images = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int i = start; i < Math.min(n, start + BATCH); i++) {
                LabeledImage li = data.get(i);
                if (li.hasLabel()) {
                    images.add(li.image());
                    labels.add(li.label());
                }
            }
            if (images.isEmpty()) {
                continue;
            }
            FloatTensor out = model.predict(ModelVariations.batchOf(images));
            for (int i = 0; i < images.size(); i++) {
                if (Outputs.argmax(Outputs.row(out, i)) == labels.get(i)) {
                    correct++;
                }
            }
            labelled += images.size();
        }
        if (labelled == 0) {
            throw new IllegalArgumentException("no labelled image among the first " + n);
        }
        return (double) correct / labelled;
    }
}
