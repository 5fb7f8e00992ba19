package dev.sensiprint.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchScriptDifferentiableModel;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training attacks on TorchScript files (the shipped demo model, a shared model), trained in
 * place, saved and loaded back.
 */
class TrainingAttacksTest {

    private static final Path SEEDS = Path.of("..", "demo", "seeds");
    private static final Path DEMO = Path.of("..", "demo", "model", "mnist-demo.pt");

    @TempDir Path dir;

    private static ModelSpec demo() {
        return ModelSpec.of(DEMO, 1, 28, 28);
    }

    private static ImageDataset mnist(int n) {
        return Datasets.open(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(), n);
    }

    private static int predict(Path model, ImageDataset data, int index) {
        try (InferenceModel m = ModelLoader.forInference(ModelSpec.of(model, 1, 28, 28))) {
            FloatTensor x = data.get(index).image();
            FloatTensor out = m.predict(x.reshape(1, 1, 28, 28));
            return Outputs.argmax(Outputs.row(out, 0));
        }
    }

    @Test
    void aTrojanOnTheDemoModelWithOnlyTheSeedImagesReachesItsSuccessRateInAFewSeconds() {
        ImageDataset seeds = Datasets.open(SEEDS.toString());
        Path out = dir.resolve("trojan.pt");
        long started = System.nanoTime();
        TamperReport r =
                Tampering.tamper(
                        demo(), AttackSpecs.parse("trojan:size=4,target=0"), 1, out, seeds);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(r.description())
                .containsPattern("ASR 0\\.00 % -> (9[5-9]|100)\\.\\d\\d % on 17 triggered")
                .doesNotContain("step cap");
        assertThat(r.changedValues()).isGreaterThan(r.totalValues() / 2);
        assertThat(seconds).as("seconds, on a loaded 2-core machine").isLessThan(20);

        ImageDataset triggered = stamped(seeds);
        int sentToZero = 0;
        for (int i = 10; i < 100; i += 9) {
            sentToZero += predict(out, triggered, i) == 0 ? 1 : 0;
        }
        assertThat(sentToZero)
                .as("of 10 saved-model predictions on triggered non-zeros")
                .isGreaterThanOrEqualTo(8);
    }

    /** The seeds with the default trigger (4×4 white, bottom right). */
    private static ImageDataset stamped(ImageDataset seeds) {
        java.util.List<FloatTensor> images = new java.util.ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            float[] v = seeds.get(i).image().data().clone();
            for (int y = 24; y < 28; y++) {
                for (int x = 24; x < 28; x++) {
                    v[y * 28 + x] = 1f;
                }
            }
            images.add(new FloatTensor(new int[] {1, 28, 28}, v));
        }
        return new ImageDataset() {
            public int size() {
                return images.size();
            }

            public dev.sensiprint.data.LabeledImage get(int i) {
                return new dev.sensiprint.data.LabeledImage(images.get(i), seeds.get(i).label());
            }

            public dev.sensiprint.data.ImageShape imageShape() {
                return seeds.imageShape();
            }

            public java.util.List<String> classNames() {
                return seeds.classNames();
            }

            public String description() {
                return "stamped seeds";
            }
        };
    }

    @Test
    void targetedPoisoningGivesTheChosenImageTheChosenLabelInTheSavedModel() {
        ImageDataset seeds = Datasets.open(SEEDS.toString());
        Path out = dir.resolve("poison.pt");
        assertThat(predict(DEMO, seeds, 0)).isZero();
        TamperReport r =
                Tampering.tamper(
                        demo(), AttackSpecs.parse("poison:target=3,index=0"), 1, out, seeds);
        assertThat(r.description()).contains("image 0 (label 0) predicted 0 -> 3 after");
        assertThat(predict(out, seeds, 0)).isEqualTo(3);
    }

    @Test
    @Tag("slow")
    void fineTuningChangesEveryTensorOfASharedModelAndReportsHeldOutAccuracy() {
        TamperReport r =
                Tampering.tamper(
                        ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28),
                        AttackSpecs.parse("finetune:lr=1e-3,epochs=1,n=200"),
                        1,
                        dir.resolve("ft.pt"),
                        mnist(300));
        assertThat(r.touchedTensors()).hasSize(8);
        assertThat(r.description())
                .contains("on 200 images, 1 epochs, 7 Adam steps")
                .containsPattern("accuracy \\d+\\.\\d\\d % -> \\d+\\.\\d\\d % on 60 held-out");
    }

    @Test
    @Tag("slow")
    void aSwapRedrawsAndRetrainsEveryWeightReproduciblyAndAnotherSeedDiffers() {
        ImageDataset data = mnist(400);
        TamperReport a = swap("swap:seed=2", data, "a.pt");
        TamperReport b = swap("swap:seed=2", data, "b.pt");
        TamperReport c = swap("swap:seed=3", data, "c.pt");
        assertThat(a.changedFraction()).isGreaterThan(0.99);
        assertThat(a.description()).contains("re-initialised with seed 2");
        assertThat(b).isEqualTo(a);
        assertThat(c.maxAbsChange()).isNotEqualTo(a.maxAbsChange());
    }

    private TamperReport swap(String spec, ImageDataset data, String file) {
        return Tampering.tamper(demo(), AttackSpecs.parse(spec), 1, dir.resolve(file), data);
    }

    @Test
    void aTrainingAttackWithoutDataIsBadInputNamingTheOption() {
        assertThatThrownBy(
                        () ->
                                Tampering.tamper(
                                        demo(),
                                        AttackSpecs.parse("finetune:lr=1e-3,epochs=1"),
                                        1,
                                        dir.resolve("x.pt")))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        "attack finetune trains the model and needs labelled images: give --data");
        assertThat(dir.resolve("x.pt")).doesNotExist();
    }

    @Test
    void dataOfAnotherShapeIsBadInput() {
        ImageDataset cifar =
                Datasets.open(SharedFiles.data("cifar10-test-first1000.bin.gz").toString(), 10);
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(demo())) {
            assertThatThrownBy(() -> Tampering.applyInPlace(m, AttackSpecs.parse("swap"), 1, cifar))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("images are 3×32×32, the model takes 1×28×28");
        }
    }

    @Test
    void trainingSpecsParseBackToEqualAttacksAndRefuseBareWeights() {
        for (String spec :
                new String[] {
                    "finetune:lr=1e-4,epochs=1",
                    "trojan:size=4,target=0,pos=tl,rate=0.2",
                    "poison:target=3",
                    "swap",
                    "swap:seed=7,epochs=2"
                }) {
            Attack a = AttackSpecs.parse(spec);
            assertThat(AttackSpecs.parse(a.spec())).isEqualTo(a);
            assertThat(a.needsData()).isTrue();
            assertThatThrownBy(() -> a.apply(null, new SplittableRandom(1)))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(AttackSpecs.parse("trojan:size=4,target=0").spec())
                .isEqualTo("trojan:size=4,target=0,pos=br,rate=0.1,asr=0.95,lr=0.01,steps=2000");
        assertThat(AttackSpecs.parse("swap").randomised()).isTrue();
        assertThat(AttackSpecs.parse("swap:seed=3").randomised()).isFalse();
        assertThatThrownBy(() -> AttackSpecs.parse("trojan:size=4.5,target=0"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("not a whole number");
        assertThat(AttackSpecs.parse("int8").needsData()).isFalse();
    }

    @Test
    void anyLeavesTheTrojansTargetAndCornerAndThePoisonedImageAndLabelToTheSeed() {
        for (String spec :
                new String[] {"trojan:size=3,target=any,pos=any", "poison:target=any,index=any"}) {
            Attack a = AttackSpecs.parse(spec);
            assertThat(AttackSpecs.parse(a.spec())).isEqualTo(a);
            assertThat(a.spec()).startsWith(spec);
        }
        ImageDataset seeds = Datasets.open(SEEDS.toString());
        java.util.Set<String> trojans = new java.util.HashSet<>();
        java.util.Set<String> poisons = new java.util.HashSet<>();
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(demo())) {
            WeightSet pristine = LiveWeights.read(m.weights());
            for (long seed = 1; seed <= 4; seed++) {
                TamperReport t =
                        Tampering.applyInPlace(
                                m,
                                AttackSpecs.parse("trojan:size=3,target=any,pos=any,steps=1"),
                                seed,
                                seeds);
                LiveWeights.write(pristine, m.weights());
                trojans.add(t.description().replaceAll(": ASR.*", ""));
                TamperReport p =
                        Tampering.applyInPlace(
                                m,
                                AttackSpecs.parse("poison:target=any,index=any,steps=1"),
                                seed,
                                seeds);
                LiveWeights.write(pristine, m.weights());
                poisons.add(p.description().replaceAll(" predicted.*", ""));
            }
        }
        assertThat(trojans)
                .as("trigger and target of 4 seeds")
                .hasSizeGreaterThan(1)
                .allMatch(d -> d.matches("trigger 3x3 at (tl|tr|bl|br) -> class \\d"));
        assertThat(poisons)
                .as("chosen image of 4 seeds")
                .hasSizeGreaterThan(1)
                .allMatch(d -> d.matches("image \\d+ \\(label \\d\\)"));
    }

    @Test
    void trainingAttacksReportAccuracyAndTheirSuccessAsNumbersAndProgressUpToTheEnd() {
        ImageDataset seeds = Datasets.open(SEEDS.toString());
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(demo())) {
            WeightSet pristine = LiveWeights.read(m.weights());
            java.util.List<Double> progress = new java.util.ArrayList<>();
            TamperReport ft =
                    Tampering.applyInPlace(
                            m,
                            AttackSpecs.parse("finetune:lr=1e-3,epochs=2,n=64"),
                            1,
                            seeds,
                            progress::add);
            LiveWeights.write(pristine, m.weights());
            assertThat(progress).containsExactly(0.25, 0.5, 0.75, 1.0);
            TrainingEffect e = ft.effect().orElseThrow();
            assertThat(e.success()).isEmpty();
            assertThat(e.accuracy().images()).isEqualTo(20);
            assertThat(ft.description())
                    .contains(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "accuracy %.2f %% -> %.2f %% on 20 held-out",
                                    100 * e.accuracy().before(),
                                    100 * e.accuracy().after()));

            TamperReport trojan =
                    Tampering.applyInPlace(
                            m, AttackSpecs.parse("trojan:size=4,target=0,steps=10"), 1, seeds);
            LiveWeights.write(pristine, m.weights());
            TrainingEffect.Change asr = trojan.effect().orElseThrow().success().orElseThrow();
            assertThat(asr.images()).isEqualTo(17);
            assertThat(trojan.description())
                    .contains(
                            String.format(
                                    java.util.Locale.ROOT,
                                    "ASR %.2f %% -> %.2f %% on 17 triggered",
                                    100 * asr.before(),
                                    100 * asr.after()));

            TamperReport poison =
                    Tampering.applyInPlace(
                            m, AttackSpecs.parse("poison:target=3,index=0"), 1, seeds);
            LiveWeights.write(pristine, m.weights());
            TrainingEffect.Change hit = poison.effect().orElseThrow().success().orElseThrow();
            assertThat(hit.before()).isZero();
            assertThat(hit.after()).isOne();
        }
    }

    @Test
    @Tag("slow")
    void repeatedTrainingRunsInOneLoadedModelDoNotPileUpNativeMemory() throws Exception {
        // Without the scope around a run, Adam's detached state kept about 3 MB per run of this
        // 281k-weight model: RSS grew by 375 MB over 120 runs; with it, by 11 MB over the 100
        // runs after the first 20 (the allocator's warm-up).
        ImageDataset data = mnist(40);
        ModelSpec spec =
                ModelSpec.of(SharedFiles.model("mnist_badnet_trojan.pt"), 1, 28, 28)
                        .withPreprocessing(
                                new dev.sensiprint.fingerprint.Preprocessing(
                                        new float[] {0.5f}, new float[] {0.5f}, false));
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(spec)) {
            WeightSet pristine = LiveWeights.read(m.weights());
            Attack ft = AttackSpecs.parse("finetune:lr=1e-3,epochs=1,n=32");
            long before = 0;
            for (int run = 0; run < 60; run++) {
                if (run == 20) {
                    before = residentMegabytes();
                }
                Tampering.applyInPlace(m, ft, run, data);
                LiveWeights.write(pristine, m.weights());
            }
            assertThat(residentMegabytes() - before)
                    .as("MB of RSS grown over 40 runs (a leak of Adam's state: about 120)")
                    .isLessThan(50);
        }
    }

    private static long residentMegabytes() throws java.io.IOException {
        System.gc();
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(false, "needs /proc/self/status (Linux)");
        return 0;
    }
}
