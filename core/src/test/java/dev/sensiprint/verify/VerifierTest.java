package dev.sensiprint.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.error.EndpointException;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.ComparisonSettings;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.FakeModel;
import dev.sensiprint.testing.TestFingerprints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class VerifierTest {

    private final FakeModel model = new FakeModel(7, 12, TestFingerprints.CLASSES);
    private final Fingerprint fingerprint = TestFingerprints.of(model, 5, ComparisonMode.PROBS);

    /** An in-memory endpoint: records each input, answers through a function. */
    private static final class Recording implements InferenceEndpoint {
        final List<float[]> inputs = new ArrayList<>();
        private final UnaryOperator<float[]> answer;

        Recording(UnaryOperator<float[]> answer) {
            this.answer = answer;
        }

        @Override
        public FloatTensor infer(FloatTensor input) {
            inputs.add(input.data().clone());
            return FloatTensor.vector(answer.apply(input.data()));
        }

        @Override
        public String describe() {
            return "in-memory";
        }
    }

    private String idOf(float[] input) {
        for (FingerprintSample s : fingerprint.samples()) {
            if (Arrays.equals(s.input().data(), input)) {
                return s.id();
            }
        }
        return "?";
    }

    private List<String> queryOrder(long seed) {
        Recording ep = new Recording(model::apply);
        Verifier.builder(ep).seed(seed).build().verify(fingerprint);
        return ep.inputs.stream().map(this::idOf).toList();
    }

    @Test
    void everySampleIsQueriedOnceInASeededRandomOrder() {
        List<String> order = queryOrder(3);

        assertThat(order).containsExactlyInAnyOrder("s0", "s1", "s2", "s3", "s4");
        assertThat(queryOrder(3)).isEqualTo(order);
        List<List<String>> others = List.of(queryOrder(4), queryOrder(5), queryOrder(6));
        assertThat(others).anySatisfy(o -> assertThat(o).isNotEqualTo(order));
    }

    @Test
    void resultRecordsTheSeedModeAndOneOutcomePerQueryInQueryOrder() {
        Recording ep = new Recording(model::apply);

        VerificationResult r = Verifier.builder(ep).seed(11).build().verify(fingerprint);

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
        assertThat(r.seed()).isEqualTo(11);
        assertThat(r.mode()).isEqualTo(ComparisonMode.PROBS);
        assertThat(r.endpoint()).isEqualTo("in-memory");
        assertThat(r.outcomes())
                .extracting(SampleOutcome::sampleId)
                .containsExactlyElementsOf(ep.inputs.stream().map(this::idOf).toList());
        assertThat(r.outcomes()).allSatisfy(o -> assertThat(o.latency().isNegative()).isFalse());
    }

    @Test
    void subsetQueriesThatManyDistinctSamples() {
        Recording ep = new Recording(model::apply);

        VerificationResult r = Verifier.builder(ep).subset(2).seed(1).build().verify(fingerprint);

        assertThat(ep.inputs).hasSize(2);
        assertThat(r.outcomes())
                .extracting(SampleOutcome::sampleId)
                .doesNotHaveDuplicates()
                .hasSize(2);
        assertThat(r.fingerprintSamples()).isEqualTo(5);
    }

    @Test
    void subsetBelowOneIsRefused() {
        assertThatThrownBy(() -> Verifier.builder(new Recording(model::apply)).subset(0))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void modeDefaultsToTheFingerprintsAndCanBeOverridden() {
        // Every value shifted by 0.01: far beyond the 1e-4 tolerance, yet the same ranking.
        UnaryOperator<float[]> shifted =
                x -> {
                    float[] y = model.apply(x);
                    for (int i = 0; i < y.length; i++) {
                        y[i] += 0.01f;
                    }
                    return y;
                };

        Verdict byDefault =
                Verifier.builder(new Recording(shifted))
                        .seed(1)
                        .build()
                        .verify(fingerprint)
                        .verdict();
        Verdict byLabel =
                Verifier.builder(new Recording(shifted))
                        .mode(ComparisonMode.TOPK)
                        .seed(1)
                        .build()
                        .verify(fingerprint)
                        .verdict();

        assertThat(byDefault).isInstanceOf(Verdict.Tampered.class);
        assertThat(byLabel).isInstanceOf(Verdict.Intact.class);
    }

    @Test
    void endpointFailureBecomesAFailedOutcomeWithItsReason() {
        InferenceEndpoint failing =
                new Recording(
                        x -> {
                            throw new EndpointException(
                                    "POST http://h/v2/models/m/infer: HTTP 503");
                        });

        VerificationResult r = Verifier.builder(failing).seed(1).build().verify(fingerprint);

        assertThat(r.verdict()).isInstanceOf(Verdict.Inconclusive.class);
        assertThat(r.failedCount()).isEqualTo(5);
        assertThat(((Verdict.Inconclusive) r.verdict()).failures())
                .allSatisfy(f -> assertThat(f.reason()).endsWith("HTTP 503"));
    }

    @Test
    void inputsAreNormalisedWhenTheServedModelDoesNotNormalise() {
        Preprocessing outside =
                new Preprocessing(
                        new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.25f, 0.2f, 0.1f}, false);
        Fingerprint fp =
                TestFingerprints.of(
                        model, 3, new ComparisonSettings(ComparisonMode.EXACT, 1, 0, 0), outside);
        Recording ep = new Recording(model::apply);

        VerificationResult r = Verifier.builder(ep).seed(1).build().verify(fp);

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
        FingerprintSample first =
                fp.samples().stream()
                        .filter(s -> s.id().equals(r.outcomes().get(0).sampleId()))
                        .findFirst()
                        .orElseThrow();
        float sent = ep.inputs.get(0)[4]; // channel 1, first pixel
        assertThat(sent).isEqualTo((first.input().data()[4] - 0.4f) / 0.2f);
    }

    @Test
    void inputsAreSentAsPixelsWhenTheServedModelNormalisesItself() {
        Preprocessing inside =
                new Preprocessing(
                        new float[] {0.5f, 0.4f, 0.3f}, new float[] {0.25f, 0.2f, 0.1f}, true);
        Fingerprint fp =
                TestFingerprints.of(
                        model, 2, new ComparisonSettings(ComparisonMode.EXACT, 1, 0, 0), inside);
        Recording ep = new Recording(model::apply);

        Verifier.builder(ep).seed(1).build().verify(fp);

        assertThat(fp.samples())
                .anySatisfy(s -> assertThat(s.input().data()).isEqualTo(ep.inputs.get(0)));
    }
}
