package dev.sensiprint.fingerprint;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A fingerprint: the samples to query, what the genuine model answered, and how to compare.
 *
 * @param model the model the samples were made from
 * @param comparison the default comparison
 * @param generation the generation settings, as key/value pairs (e.g. {@code eps=0.0392})
 * @param libraries versions of what produced the outputs (e.g. {@code libtorch=2.7.1})
 * @param createdAt when the fingerprint was made
 * @param samples at least one sample, ids unique, shapes agreeing with {@code model}
 */
public record Fingerprint(
        ModelInfo model,
        ComparisonSettings comparison,
        SortedMap<String, String> generation,
        SortedMap<String, String> libraries,
        Instant createdAt,
        List<FingerprintSample> samples) {

    public Fingerprint {
        if (model == null || comparison == null || createdAt == null || samples == null) {
            throw new IllegalArgumentException(
                    "model, comparison, createdAt and samples are required");
        }
        generation = copy(generation);
        libraries = copy(libraries);
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a fingerprint needs at least one sample");
        }
        Set<String> ids = new HashSet<>();
        for (FingerprintSample s : samples) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("duplicate sample id " + s.id());
            }
            if (!Arrays.equals(s.input().shape(), model.inputShape())) {
                throw new IllegalArgumentException(
                        "sample "
                                + s.id()
                                + " has shape "
                                + Arrays.toString(s.input().shape())
                                + ", model input is "
                                + Arrays.toString(model.inputShape()));
            }
            if (s.expected().size() != model.numClasses()) {
                throw new IllegalArgumentException(
                        "sample "
                                + s.id()
                                + " has "
                                + s.expected().size()
                                + " outputs, model has "
                                + model.numClasses()
                                + " classes");
            }
        }
    }

    private static SortedMap<String, String> copy(Map<String, String> map) {
        return map == null
                ? java.util.Collections.emptySortedMap()
                : java.util.Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
