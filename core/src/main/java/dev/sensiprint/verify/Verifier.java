package dev.sensiprint.verify;

import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.error.EndpointException;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.tensor.FloatTensor;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Queries a served model with a fingerprint's samples and gives the verdict (method.md §5).
 *
 * <p>Samples are sent one at a time in a random order, so that a server cannot tell from the
 * position of a query which sample it is; with {@link Builder#subset(int)} a random subset is sent.
 * Every sample sent is judged: answered and matched, answered and differed, or failed (query error
 * or an answer that cannot be compared). See {@link Verdict#of} for the rule.
 *
 * <pre>{@code
 * VerificationResult r = Verifier.builder(endpoint).mode(ComparisonMode.TOPK).seed(7).build()
 *         .verify(fingerprint);
 * }</pre>
 */
public final class Verifier {

    private final InferenceEndpoint endpoint;
    private final ComparisonMode mode;
    private final Integer subset;
    private final Long seed;

    private Verifier(Builder b) {
        this.endpoint = b.endpoint;
        this.mode = b.mode;
        this.subset = b.subset;
        this.seed = b.seed;
    }

    public static Builder builder(InferenceEndpoint endpoint) {
        return new Builder(endpoint);
    }

    /**
     * Verifies the endpoint against the fingerprint.
     *
     * @throws BadInputException when a sample cannot be sent at all (e.g. a layout that does not
     *     fit its shape); server trouble never throws, it makes the verdict INCONCLUSIVE
     */
    public VerificationResult verify(Fingerprint fingerprint) {
        ComparisonMode m = mode != null ? mode : fingerprint.comparison().mode();
        OutputComparator comparator =
                OutputComparator.forMode(
                        m, fingerprint.comparison(), fingerprint.model().outputKind());
        long s = seed != null ? seed : new SecureRandom().nextLong();
        List<FingerprintSample> chosen = choose(fingerprint.samples(), new SplittableRandom(s));
        List<SampleOutcome> outcomes = new ArrayList<>(chosen.size());
        for (FingerprintSample sample : chosen) {
            outcomes.add(query(sample, fingerprint, comparator));
        }
        return new VerificationResult(
                Verdict.of(outcomes),
                m,
                comparator.describe(),
                endpoint.describe(),
                s,
                fingerprint.samples().size(),
                outcomes);
    }

    private SampleOutcome query(
            FingerprintSample sample, Fingerprint fingerprint, OutputComparator comparator) {
        FloatTensor input = ServedInput.of(fingerprint.model(), sample.input());
        long start = System.nanoTime();
        FloatTensor output;
        try {
            output = endpoint.infer(input);
        } catch (EndpointException e) {
            return new SampleOutcome.Failed(new Failure(sample.id(), e.getMessage()), since(start));
        }
        Duration latency = since(start);
        Comparison c = comparator.compare(sample, output);
        if (c instanceof Comparison.Differed d) {
            return new SampleOutcome.Differed(d.mismatch(), latency, output);
        }
        if (c instanceof Comparison.NotComparable n) {
            return new SampleOutcome.Failed(new Failure(sample.id(), n.reason()), latency, output);
        }
        return new SampleOutcome.Matched(sample.id(), latency, output);
    }

    /** A random order of all samples, or of a random subset. */
    private List<FingerprintSample> choose(List<FingerprintSample> all, RandomGenerator random) {
        List<FingerprintSample> order = new ArrayList<>(all);
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            FingerprintSample t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        int n = subset == null ? order.size() : Math.min(subset, order.size());
        return order.subList(0, n);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - start));
    }

    /** Builds a {@link Verifier}. */
    public static final class Builder {
        private final InferenceEndpoint endpoint;
        private ComparisonMode mode;
        private Integer subset;
        private Long seed;

        private Builder(InferenceEndpoint endpoint) {
            if (endpoint == null) {
                throw new IllegalArgumentException("an endpoint is required");
            }
            this.endpoint = endpoint;
        }

        /** The comparison mode; null (the default) uses the fingerprint's. */
        public Builder mode(ComparisonMode m) {
            this.mode = m;
            return this;
        }

        /**
         * Query only this many samples, chosen at random (all when larger than the fingerprint).
         */
        public Builder subset(int n) {
            if (n < 1) {
                throw new BadInputException(
                        "the number of samples to query must be at least 1, got " + n);
            }
            this.subset = n;
            return this;
        }

        /** Seed of the random order; without one a fresh seed is drawn and reported. */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Verifier build() {
            return new Verifier(this);
        }
    }
}
