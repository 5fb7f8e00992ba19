package dev.sensiprint.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.local.LocalEndpoint;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.select.CoverLayers;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import dev.sensiprint.testing.SharedFiles;
import dev.sensiprint.verify.Verdict;
import dev.sensiprint.verify.Verifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Generation end to end on the real MLP: samples more sensitive than seeds, verifiable, repeatable.
 */
class FingerprintGeneratorTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC);

    private static GenerationRequest request(int candidates, int count) {
        return request(
                new PipelineSettings(
                        candidates, count, GeneratorSettings.defaults().withSteps(40), 10));
    }

    private static GenerationRequest request(PipelineSettings settings) {
        return request(settings, CoverLayers.PENULTIMATE);
    }

    private static GenerationRequest request(PipelineSettings settings, CoverLayers cover) {
        int candidates = settings.candidates();
        ImageDataset images =
                Datasets.idx(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"), candidates);
        List<FloatTensor> seeds = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            seeds.add(images.get(i).image());
        }
        return new GenerationRequest(
                ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28),
                null,
                seeds,
                "first MNIST test images",
                settings,
                WeightSelection.all(),
                ClassSelection.top1(),
                cover,
                ComparisonMode.LABEL,
                1,
                7);
    }

    private static Fingerprint generate(GenerationRequest r) {
        return new FingerprintGenerator(CLOCK)
                .generate(r, FingerprintPipeline.Listener.NONE)
                .fingerprint();
    }

    @Test
    void samplesAreMoreSensitiveThanTheirSeedsAndVerifyIntactOnTheSameModel() {
        GenerationRequest r = request(8, 4);
        Fingerprint fp = generate(r);
        assertThat(fp.samples()).hasSize(4);
        for (FingerprintSample s : fp.samples()) {
            assertThat(s.stats().gain()).as(s.id()).isGreaterThan(10);
            assertThat(s.stats().rmsChange()).isLessThanOrEqualTo(10 / 255.0 + 1e-6);
        }
        assertThat(fp.generation())
                .containsEntry("weights", "all (8180 values)")
                .containsKey("coveredFraction");
        try (LocalEndpoint clean = LocalEndpoint.open(r.model().path(), fp.model())) {
            Verdict v =
                    Verifier.builder(clean)
                            .mode(ComparisonMode.EXACT)
                            .seed(1)
                            .build()
                            .verify(fp)
                            .verdict();
            assertThat(v).isInstanceOf(Verdict.Intact.class);
        }
        try (LocalEndpoint trojan =
                LocalEndpoint.open(SharedFiles.model("mnist_mlp_trojan.pt"), fp.model())) {
            Verdict v =
                    Verifier.builder(trojan)
                            .mode(ComparisonMode.PROBS)
                            .seed(1)
                            .build()
                            .verify(fp)
                            .verdict();
            assertThat(v).isInstanceOf(Verdict.Tampered.class);
        }
    }

    @Test
    void theManifestNamesTheCoverTheSamplesWereChosenBy() {
        PipelineSettings settings =
                new PipelineSettings(4, 2, GeneratorSettings.defaults().withSteps(5), 10);
        Fingerprint penultimate = generate(request(settings));
        Fingerprint all = generate(request(settings, CoverLayers.ALL));

        assertThat(penultimate.generation())
                .containsEntry("selection", "manc:penultimate")
                .containsEntry("mancLayers", "penultimate");
        assertThat(all.generation())
                .containsEntry("selection", "manc:all")
                .containsEntry("mancLayers", "all")
                .containsKey("coveredFraction");
    }

    @Test
    void twoRunsWithTheSameSeedGiveBitIdenticalSamples() {
        Fingerprint a = generate(request(4, 2));
        Fingerprint b = generate(request(4, 2));
        assertThat(a.samples()).isEqualTo(b.samples());
    }

    @Test
    void marginTuningHoldsEverySampleInTheBandWithItsSeedsLabelAndVerifiesIntact() {
        for (Objective objective : Objective.values()) {
            PipelineSettings settings =
                    new PipelineSettings(
                            8,
                            4,
                            GeneratorSettings.defaults().withSteps(40).withKeepLabel(true, 1e-3),
                            10,
                            objective,
                            Optional.of(new MarginTuning(30, OptionalDouble.empty())),
                            Optional.empty());
            GenerationRequest r = request(settings);
            FingerprintGenerator.Generation g =
                    new FingerprintGenerator(CLOCK).generate(r, FingerprintPipeline.Listener.NONE);
            FingerprintPipeline.TuningReport t = g.details().tuning().orElseThrow();
            assertThat(t.measured()).isTrue();
            assertThat(t.band().low()).isEqualTo(30 * t.noiseFloor());
            Fingerprint fp = g.fingerprint();
            assertThat(fp.samples()).hasSize(4);
            for (FingerprintSample s : fp.samples()) {
                assertThat((double) s.margin())
                        .as(objective + " " + s.id())
                        .isBetween(t.band().low(), t.band().high());
                assertThat(s.label()).isEqualTo(labelOf(r, s.seed()));
                assertThat(s.stats().rmsChange()).isLessThanOrEqualTo(10 / 255.0 + 1e-6);
            }
            assertThat(fp.generation())
                    .containsEntry("objective", objective.id())
                    .containsKey("marginBand");
            try (LocalEndpoint clean = LocalEndpoint.open(r.model().path(), fp.model())) {
                Verdict v = Verifier.builder(clean).seed(1).build().verify(fp).verdict();
                assertThat(v).as(objective.id()).isInstanceOf(Verdict.Intact.class);
            }
        }
    }

    private static int labelOf(GenerationRequest r, FloatTensor seed) {
        try (InferenceModel m = ModelLoader.forInference(r.model())) {
            int[] shape = {1, 1, 28, 28};
            return Outputs.argmax(m.predict(new FloatTensor(shape, seed.data())).data());
        }
    }
}
