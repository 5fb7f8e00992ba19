package dev.sensiprint.testing;

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
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Small fingerprints built directly from the value records (no generator needed). */
public final class TestFingerprints {

    /** Input shape of the fake model: 3 channels of 2×2 pixels. */
    public static final int[] INPUT_SHAPE = {3, 2, 2};

    public static final int CLASSES = 4;

    private TestFingerprints() {}

    /** A fingerprint of {@code n} random samples whose expected outputs are the model's. */
    public static Fingerprint of(FakeModel model, int n, ComparisonMode mode) {
        return of(model, n, new ComparisonSettings(mode, 2, 1e-4, 0), Preprocessing.NONE);
    }

    public static Fingerprint of(
            FakeModel model, int n, ComparisonSettings settings, Preprocessing preprocessing) {
        SplittableRandom r = new SplittableRandom(1234);
        List<FingerprintSample> samples = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            float[] x = new float[12];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) r.nextDouble();
            }
            FloatTensor input = new FloatTensor(INPUT_SHAPE.clone(), x);
            float[] y = model.apply(served(x, preprocessing));
            samples.add(sample("s" + s, input, y));
        }
        return fingerprint(samples, settings, preprocessing);
    }

    /** The normalised input a served model without built-in normalisation receives. */
    private static float[] served(float[] x, Preprocessing p) {
        if (p.isIdentity() || p.insideModel()) {
            return x;
        }
        float[] out = new float[x.length];
        int per = x.length / p.mean().length;
        for (int i = 0; i < x.length; i++) {
            int c = i / per;
            out[i] = (x[i] - p.mean()[c]) / p.std()[c];
        }
        return out;
    }

    /** A sample with the given expected output; label, top-k and margin derived from it. */
    public static FingerprintSample sample(String id, FloatTensor input, float[] expected) {
        int[] order =
                IntStream.range(0, expected.length)
                        .boxed()
                        .sorted((a, b) -> Float.compare(expected[b], expected[a]))
                        .mapToInt(Integer::intValue)
                        .toArray();
        int[] topK = java.util.Arrays.copyOf(order, Math.min(3, order.length));
        float margin = expected[order[0]] - expected[order[1]];
        return new FingerprintSample(
                id,
                input,
                FloatTensor.vector(expected),
                order[0],
                topK,
                margin,
                null,
                SampleStats.UNKNOWN);
    }

    /** A sample whose input does not matter (for comparator tests). */
    public static FingerprintSample sample(String id, float... expected) {
        return sample(id, FloatTensor.zeros(INPUT_SHAPE), expected);
    }

    public static Fingerprint fingerprint(
            List<FingerprintSample> samples, ComparisonSettings settings, Preprocessing p) {
        int k = samples.get(0).expected().size();
        ModelInfo info =
                new ModelInfo(
                        "ab".repeat(32),
                        "fake.pt",
                        INPUT_SHAPE.clone(),
                        0f,
                        1f,
                        p,
                        OutputKind.LOGITS,
                        k);
        return new Fingerprint(info, settings, null, null, Instant.EPOCH, samples);
    }
}
