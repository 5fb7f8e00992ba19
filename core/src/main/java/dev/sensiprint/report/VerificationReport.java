package dev.sensiprint.report;

import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.file.FingerprintFile;
import dev.sensiprint.preview.SamplePreview;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import dev.sensiprint.verify.SampleOutcome;
import dev.sensiprint.verify.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything a verification report shows: the verdict and its context, and one {@link SampleReport}
 * per queried sample in query order.
 *
 * @param verdict INTACT, TAMPERED or INCONCLUSIVE
 * @param summary the verdict's one line
 * @param fingerprintPath the fingerprint file as the user named it
 * @param fingerprintSha256 SHA-256 of the whole fingerprint file
 * @param signature unsigned, or the key id that signed the file
 * @param model the fingerprinted model's file name
 * @param modelSha256 the fingerprinted model's SHA-256
 * @param endpoint what was queried, without credentials
 * @param mode the comparison mode used
 * @param comparison what the mode compared, e.g. "top-3 labels"
 * @param settings the fingerprint's top-k, tolerance and measured noise floor
 * @param seed seed of the query order
 * @param fingerprintSamples how many samples the fingerprint holds
 * @param startedAt when the verification started
 * @param wallTime how long the verification took, end to end
 * @param totalLatency the sum of the query latencies
 * @param samples one per queried sample, in query order
 */
public record VerificationReport(
        String verdict,
        String summary,
        String fingerprintPath,
        String fingerprintSha256,
        String signature,
        String model,
        String modelSha256,
        String endpoint,
        ComparisonMode mode,
        String comparison,
        ComparisonSettings settings,
        long seed,
        int fingerprintSamples,
        Instant startedAt,
        Duration wallTime,
        Duration totalLatency,
        List<SampleReport> samples) {

    /** The longest output vector shown class by class; longer ones show their top classes only. */
    public static final int FULL_VECTOR_MAX = 20;

    public VerificationReport {
        samples = List.copyOf(samples);
    }

    /**
     * The report of one verification.
     *
     * @param file the fingerprint file that was verified against
     * @param fingerprintPath how the user named that file
     * @param result what the verification found
     * @param startedAt when it started
     * @param wallTime how long it took
     */
    public static VerificationReport of(
            FingerprintFile file,
            String fingerprintPath,
            VerificationResult result,
            Instant startedAt,
            Duration wallTime) {
        Fingerprint fp = file.fingerprint();
        Map<String, FingerprintSample> byId = new HashMap<>();
        fp.samples().forEach(s -> byId.put(s.id(), s));
        List<SampleReport> samples = new ArrayList<>();
        for (SampleOutcome o : result.outcomes()) {
            FingerprintSample s = byId.get(o.sampleId());
            if (s != null) {
                samples.add(sample(fp, result.mode(), s, o));
            }
        }
        return new VerificationReport(
                result.verdict().name(),
                result.verdict().summary(),
                fingerprintPath,
                file.sha256(),
                file.signer().map(k -> "signed by key " + k).orElse("unsigned"),
                fp.model().fileName(),
                fp.model().sha256(),
                result.endpoint(),
                result.mode(),
                result.comparison(),
                fp.comparison(),
                result.seed(),
                result.fingerprintSamples(),
                startedAt,
                wallTime,
                result.totalLatency(),
                samples);
    }

    public long count(SampleResult r) {
        return samples.stream().filter(s -> s.result() == r).count();
    }

    private static SampleReport sample(
            Fingerprint fp, ComparisonMode mode, FingerprintSample s, SampleOutcome o) {
        float[] expected = s.expected().data();
        FloatTensor answer = o.received();
        float[] received = answer == null ? null : answer.data();
        boolean comparable = received != null && received.length == expected.length;
        int k = Math.min(Math.max(fp.comparison().topK(), 3), expected.length);
        List<RankedValue> expectedTop = top(expected, k);
        List<RankedValue> receivedTop = comparable ? top(received, k) : List.<RankedValue>of();
        Set<Integer> differing =
                comparable
                        ? differing(
                                mode, fp.comparison(), expected, received, expectedTop, receivedTop)
                        : Set.of();
        SampleResult result;
        String detail;
        if (o instanceof SampleOutcome.Differed d) {
            result = SampleResult.DIFFERS;
            detail =
                    d.mismatch().what()
                            + ": expected "
                            + d.mismatch().expected()
                            + ", received "
                            + d.mismatch().received();
        } else if (o instanceof SampleOutcome.Failed f) {
            result = SampleResult.FAILED;
            detail = f.failure().reason();
        } else {
            result = SampleResult.MATCHED;
            detail = "";
        }
        return new SampleReport(
                s.id(),
                result,
                o.latency(),
                detail,
                expected,
                received,
                expectedTop,
                receivedTop,
                differing,
                preview(fp, s));
    }

    private static List<RankedValue> top(float[] v, int k) {
        List<RankedValue> out = new ArrayList<>(k);
        for (int label : Outputs.topK(v, k)) {
            out.add(new RankedValue(label, v[label]));
        }
        return out;
    }

    /**
     * Classes to highlight. By value (EXACT: other bits; PROBS: beyond the tolerance, in the raw
     * space the server answered in) or, for the rank modes, the classes whose rank in the top-k
     * moved.
     */
    private static Set<Integer> differing(
            ComparisonMode mode,
            ComparisonSettings settings,
            float[] e,
            float[] r,
            List<RankedValue> expectedTop,
            List<RankedValue> receivedTop) {
        Set<Integer> out = new TreeSet<>();
        switch (mode) {
            case EXACT -> {
                for (int i = 0; i < e.length; i++) {
                    if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(r[i])) {
                        out.add(i);
                    }
                }
            }
            case PROBS -> {
                for (int i = 0; i < e.length; i++) {
                    if (!(Math.abs((double) e[i] - r[i]) <= settings.tolerance())) {
                        out.add(i);
                    }
                }
            }
            case LABEL, TOPK -> {
                int k = mode == ComparisonMode.LABEL ? 1 : Math.min(settings.topK(), e.length);
                for (int i = 0; i < k && i < expectedTop.size() && i < receivedTop.size(); i++) {
                    int want = expectedTop.get(i).label();
                    int got = receivedTop.get(i).label();
                    if (want != got) {
                        out.add(want);
                        out.add(got);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The preview the fingerprint file stores, redrawn from the sample tensors: {@link
     * SamplePreview#png} is deterministic and is what the writer stored.
     */
    private static byte[] preview(Fingerprint fp, FingerprintSample s) {
        try {
            return SamplePreview.png(
                    s.input(), s.seed(), fp.model().valueMin(), fp.model().valueMax());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Milliseconds with three decimals, for humans. */
    static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e6);
    }
}
