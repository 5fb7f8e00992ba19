package dev.sensiprint.fingerprint.file;

import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.fingerprint.SampleStats;
import dev.sensiprint.tensor.FloatTensor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Small fingerprints for tests, deterministic from their parameters. */
final class Fixtures {

    static final String MODEL_SHA256 =
            "3f2a8b1c9d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";

    private Fixtures() {}

    /**
     * @param shape input shape, e.g. {@code [1, 4, 4]} or {@code [3, 8, 8]}
     * @param samples how many samples
     * @param seeds whether samples keep their seeds (every other one does not, to mix both)
     */
    static Fingerprint fingerprint(int[] shape, int samples, boolean seeds) {
        Random random = new Random(shape.length * 31L + shape[0] * 7L + samples);
        int numClasses = 5;
        Preprocessing preprocessing =
                shape[0] == 3
                        ? new Preprocessing(
                                new float[] {0.4914f, 0.4822f, 0.4465f},
                                new float[] {0.247f, 0.2435f, 0.2616f},
                                true)
                        : Preprocessing.NONE;
        ModelInfo model =
                new ModelInfo(
                        MODEL_SHA256,
                        "tiny-net.pt",
                        shape,
                        0f,
                        1f,
                        preprocessing,
                        OutputKind.LOGITS,
                        numClasses);
        List<FingerprintSample> list = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            FloatTensor seed = FloatTensor.zeros(shape);
            float[] seedData = seed.data();
            float[] input = new float[seedData.length];
            for (int j = 0; j < input.length; j++) {
                seedData[j] = random.nextFloat();
                input[j] =
                        Math.min(
                                1f,
                                Math.max(0f, seedData[j] + (random.nextFloat() - 0.5f) * 0.06f));
            }
            float[] logits = new float[numClasses];
            for (int k = 0; k < numClasses; k++) {
                logits[k] = (float) random.nextGaussian() * 3;
            }
            int[] topK = topK(logits, 3);
            SampleStats stats =
                    i % 2 == 0
                            ? new SampleStats(0.125, 3.75, 0.0123, 0.03, 38.5, 0.987)
                            : new SampleStats(
                                    Double.NaN, 2.5e-7, 0.0, 0.0, Double.POSITIVE_INFINITY, 1.0);
            boolean keepSeed = seeds && i % 3 != 2;
            list.add(
                    new FingerprintSample(
                            String.format("s%03d", i),
                            new FloatTensor(shape.clone(), input),
                            FloatTensor.vector(logits),
                            topK[0],
                            topK,
                            logits[topK[0]] - logits[topK[1]],
                            keepSeed ? seed : null,
                            stats));
        }
        return new Fingerprint(
                model,
                new ComparisonSettings(ComparisonMode.TOPK, 3, 1.0e-4, 2.5e-6),
                new TreeMap<>(
                        Map.of("eps", "0.0392", "steps", "200", "note", "caf\u00e9 \"quoted\"")),
                new TreeMap<>(Map.of("libtorch", "2.7.1", "djl", "0.36.0")),
                Instant.parse("2025-03-14T15:09:26.535Z"),
                list);
    }

    /** The smallest useful file: two 1x4x4 samples, one with a seed. */
    static Fingerprint tiny() {
        return fingerprint(new int[] {1, 4, 4}, 2, true);
    }

    private static int[] topK(float[] values, int k) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Float.compare(values[b], values[a]));
        int[] top = new int[k];
        for (int i = 0; i < k; i++) {
            top[i] = order[i];
        }
        return top;
    }
}
