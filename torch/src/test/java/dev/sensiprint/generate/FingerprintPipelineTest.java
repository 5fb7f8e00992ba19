package dev.sensiprint.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.calibrate.Variation;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The pipeline on a toy model of 4 pixels: S(x) = exp(Σx), output [x0 + x1 + margin_i, x2 + x3],
 * and neuron j active when pixel j > 0.5. Seeds differ in which pixels are bright and in margin.
 */
class FingerprintPipelineTest {

    private static final int[] SHAPE = {1, 2, 2};

    private static FloatTensor seed(float... px) {
        return new FloatTensor(SHAPE, px);
    }

    private static final List<FloatTensor> SEEDS =
            List.of(
                    seed(0.9f, 0.1f, 0.1f, 0.1f),
                    seed(0.1f, 0.9f, 0.9f, 0.1f),
                    seed(0.1f, 0.1f, 0.1f, 0.9f),
                    seed(0.9f, 0.9f, 0.1f, 0.1f));

    /**
     * Toy model; {@code drift} is added to output 0 of the sample at index {@code driftOn}, and a
     * sample {@code flips} accepts flips its label under every simulated change.
     */
    private record Toy(int driftOn, float drift, Predicate<FloatTensor> flips)
            implements FingerprintPipeline.Model {

        Toy(int driftOn, float drift) {
            this(driftOn, drift, x -> false);
        }

        @Override
        public boolean[][] labelFlips(
                List<FloatTensor> samples, List<JointSelection.SimulatedChange> changes) {
            boolean[][] out = new boolean[samples.size()][changes.size()];
            for (int i = 0; i < samples.size(); i++) {
                java.util.Arrays.fill(out[i], flips.test(samples.get(i)));
            }
            return out;
        }

        private static FloatTensor out(FloatTensor x) {
            float[] v = x.data();
            return FloatTensor.vector(v[0] + v[1] + 0.5f, v[2] + v[3]);
        }

        @Override
        public SensitivityProbe probeFor(FloatTensor seed) {
            return x -> {
                double sum = 0;
                for (float v : x.data()) {
                    sum += v;
                }
                double s = Math.exp(sum);
                float[] g = new float[x.size()];
                java.util.Arrays.fill(g, (float) s);
                return new SensitivityProbe.Probe(s, new FloatTensor(SHAPE, g), out(x));
            };
        }

        @Override
        public BitSet activeNeurons(FloatTensor sample) {
            BitSet b = new BitSet();
            for (int j = 0; j < sample.size(); j++) {
                if (sample.data()[j] > 0.5f) {
                    b.set(j);
                }
            }
            return b;
        }

        @Override
        public int neuronCount() {
            return 4;
        }

        @Override
        public List<FloatTensor> outputs(List<FloatTensor> samples) {
            return samples.stream().map(Toy::out).toList();
        }

        @Override
        public List<Variation> variations() {
            Toy self = this;
            return List.of(
                    new Variation() {
                        @Override
                        public String name() {
                            return "toy-drift";
                        }

                        @Override
                        public List<FloatTensor> outputs(List<FloatTensor> samples) {
                            List<FloatTensor> outs = new ArrayList<>(self.outputs(samples));
                            float[] v = outs.get(driftOn).data().clone();
                            v[0] -= drift;
                            outs.set(driftOn, FloatTensor.vector(v));
                            return outs;
                        }
                    });
        }

        @Override
        public double peak() {
            return 1;
        }

        @Override
        public MarginProbe marginProbe() {
            return (x, label) -> {
                float[] z = out(x).data();
                float sign = label == 0 ? 1 : -1;
                float[] g = {sign, sign, -sign, -sign};
                return new MarginProbe.Reading(
                        (double) z[label] - z[1 - label],
                        new FloatTensor(SHAPE, g),
                        FloatTensor.vector(z));
            };
        }
    }

    /**
     * Boundary pairs from the four seeds, walked (no ascent) into the band [0.03, 0.06], chosen by
     * MANC or by {@code joint} selection.
     */
    private static PipelineSettings pairSettings(
            int count, java.util.Optional<JointSelection> joint) {
        return new PipelineSettings(
                4,
                count,
                GeneratorSettings.defaults().withSteps(0).withEps(1.0, Ball.RMS),
                10,
                Objective.MARGIN,
                java.util.Optional.of(new MarginTuning(30, java.util.OptionalDouble.of(1e-3))),
                joint,
                true);
    }

    private static PipelineSettings settings(int candidates, int count) {
        return new PipelineSettings(
                candidates, count, GeneratorSettings.defaults().withSteps(20), 10);
    }

    @Test
    void choosesByNeuronCoverAmongCandidatesThatSurviveDrift() {
        // Candidate 1 (bright pixels 1 and 2) would be MANC's first choice, but its label flips
        // under the toy drift, so it must not be chosen.
        var result =
                new FingerprintPipeline(new Toy(1, 10f), settings(4, 2))
                        .run(SEEDS, FingerprintPipeline.Listener.NONE);
        assertThat(result.calibration().samples().get(1).kept()).isFalse();
        assertThat(result.samples()).extracting(FingerprintSample::id).doesNotContain("s001");
        assertThat(result.samples()).hasSize(2);
        assertThat(result.candidates()).hasSize(4);
    }

    @Test
    void recordsTheReferenceOutputLabelMarginAndStatistics() {
        var result =
                new FingerprintPipeline(new Toy(0, 0f), settings(4, 4))
                        .run(SEEDS, FingerprintPipeline.Listener.NONE);
        FingerprintSample s = result.samples().get(0);
        float[] out = s.expected().data();
        assertThat(s.label()).isEqualTo(out[0] > out[1] ? 0 : 1);
        assertThat(s.margin()).isEqualTo(Math.abs(out[0] - out[1]));
        assertThat(s.stats().sensitivity()).isGreaterThan(s.stats().seedSensitivity());
        assertThat(s.stats().rmsChange()).isPositive().isLessThanOrEqualTo(10 / 255.0 + 1e-6);
        assertThat(s.seed()).isNotNull();
        assertThat(result.selection().coveredFraction()).isEqualTo(1.0);
    }

    @Test
    void failsWhenTooFewCandidatesAreSafe() {
        var pipeline = new FingerprintPipeline(new Toy(1, 10f), settings(4, 4));
        assertThatThrownBy(() -> pipeline.run(SEEDS, FingerprintPipeline.Listener.NONE))
                .hasMessageContaining("only 3 of 4 candidates are safe");
    }

    @Test
    void boundaryPairsFollowEachChosenCandidateWithItsTwinAcrossTheBoundaryInTheBand() {
        PipelineSettings pairs = pairSettings(4, java.util.Optional.empty());

        var result =
                new FingerprintPipeline(new Toy(0, 0f), pairs)
                        .run(SEEDS, FingerprintPipeline.Listener.NONE);

        assertThat(result.samples()).hasSize(4);
        for (int k = 0; k < 4; k += 2) {
            FingerprintSample a = result.samples().get(k);
            FingerprintSample b = result.samples().get(k + 1);
            assertThat(b.id()).isEqualTo(a.id() + "b");
            assertThat(b.label()).isEqualTo(1 - a.label());
            assertThat(b.seed()).isEqualTo(a.seed());
            for (FingerprintSample s : List.of(a, b)) {
                assertThat((double) s.margin()).as(s.id()).isBetween(0.03 - 1e-6, 0.06 + 1e-6);
            }
            assertThat(dev.sensiprint.quality.ImageQuality.rms(a.input(), b.input()))
                    .isLessThan(0.1);
        }
    }

    @Test
    void jointPairsChooseThePairThatCatchesTheSimulatedChangesThroughItsTwinAlone() {
        // Only the twin of seed 3 flips: its anchor never does, so only a choice pair by pair sees
        // that pair's worth. The margin gradient moves every pixel alike, so seed 3's walked
        // samples keep its symmetry (x0 = x1, x2 = x3), which no other seed has; the twin is the
        // one of label 1.
        Predicate<FloatTensor> twinOfSeed3 =
                x -> {
                    float[] v = x.data();
                    float[] z = Toy.out(x).data();
                    return Math.abs(v[0] - v[1]) < 1e-4
                            && Math.abs(v[2] - v[3]) < 1e-4
                            && z[1] > z[0];
                };
        PipelineSettings jointPairs =
                pairSettings(
                        2, java.util.Optional.of(JointSelection.parse("noise:r=1e-3,q=0.1", 3)));

        var result =
                new FingerprintPipeline(new Toy(0, 0f, twinOfSeed3), jointPairs)
                        .run(SEEDS, FingerprintPipeline.Listener.NONE);

        assertThat(result.samples())
                .extracting(FingerprintSample::id)
                .containsExactly("s003", "s003b");
        assertThat(result.joint().orElseThrow().caught()).isEqualTo(1.0);
    }

    @Test
    void boundaryPairsNeedMarginTuningAndAnEvenCount() {
        MarginTuning tuning = new MarginTuning(30, java.util.OptionalDouble.of(1e-3));
        GeneratorSettings g = GeneratorSettings.defaults();
        assertThatThrownBy(
                        () ->
                                new PipelineSettings(
                                        4,
                                        3,
                                        g,
                                        10,
                                        Objective.MARGIN,
                                        java.util.Optional.of(tuning),
                                        java.util.Optional.empty(),
                                        true))
                .hasMessageContaining("even count");
        assertThatThrownBy(
                        () ->
                                new PipelineSettings(
                                        4,
                                        4,
                                        g,
                                        10,
                                        Objective.MARGIN,
                                        java.util.Optional.empty(),
                                        java.util.Optional.empty(),
                                        true))
                .hasMessageContaining("margin tuning");
    }
}
