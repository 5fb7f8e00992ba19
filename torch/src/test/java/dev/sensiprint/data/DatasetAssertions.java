package dev.sensiprint.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Checks shared by the reader tests. */
final class DatasetAssertions {

    private DatasetAssertions() {}

    /** Every value of every image lies in [0, 1]. */
    static void assertUnitRange(ImageDataset dataset) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < dataset.size(); i++) {
            for (float v : dataset.get(i).image().data()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertThat(min).as("smallest value of " + dataset).isGreaterThanOrEqualTo(0f);
        assertThat(max).as("largest value of " + dataset).isLessThanOrEqualTo(1f);
    }

    static List<Integer> labels(ImageDataset dataset, int count) {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(dataset.get(i).label());
        }
        return labels;
    }

    static int[] labelCounts(ImageDataset dataset) {
        int[] counts = new int[dataset.numClasses()];
        for (int i = 0; i < dataset.size(); i++) {
            counts[dataset.get(i).label()]++;
        }
        return counts;
    }
}
