package dev.sensiprint.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.attack.AttackSpecs;
import dev.sensiprint.attack.TrainingEffect;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.generate.GeneratorSettings;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training attacks and a model file as tampered copies in an evaluation of mnist_mlp_clean, with
 * tiny pools and step counts: what matters is that they run, report, restore and are detected.
 */
class TrainingAttackEvaluationTest {

    private static final int POOL = 12;

    private static ModelSpec mlp() {
        return ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28);
    }

    private static List<FloatTensor> seeds() {
        ImageDataset d =
                Datasets.open(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString(), POOL);
        List<FloatTensor> out = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            out.add(d.get(i).image());
        }
        return out;
    }

    private static ImageDataset train(int n) {
        return Datasets.open(SharedFiles.data("mnist-train-images-idx3-ubyte.gz").toString(), n);
    }

    private static EvaluationSettings settings(String... specs) {
        List<Attack> attacks = new ArrayList<>();
        for (String s : specs) {
            attacks.add(AttackSpecs.parse(s));
        }
        GeneratorSettings g = GeneratorSettings.defaults().withSteps(30).withKeepLabel(true, 1e-3);
        return new EvaluationSettings(attacks, 2, POOL, POOL, g, 10, 1, 42);
    }

    /** Every call the evaluation makes to its listener. */
    private static final class Recording implements EvaluationListener {
        long total;
        long done;
        final List<Long> work = new ArrayList<>();
        final List<String> messages = new ArrayList<>();

        @Override
        public void started(long totalWork) {
            total = totalWork;
        }

        @Override
        public void advanced(long w, String message) {
            done += w;
            work.add(w);
            messages.add(message);
        }
    }

    @Test
    void fineTunedCopiesAndTheTrojanedTwinAreMeasuredAndNoneAfterThemDetectsNothing() {
        String twin = "model:path=" + SharedFiles.model("mnist_mlp_trojan.pt");
        EvaluationSettings s = settings("finetune:lr=1e-3,epochs=1,n=64", twin, "none");
        Recording listener = new Recording();
        EvaluationResult r =
                Evaluation.run(
                        new EvaluationRequest(mlp(), seeds(), "t10k", s, train(200)), listener);

        AttackResult ft = r.attacks().get(0);
        assertThat(ft.copies()).isEqualTo(2);
        assertThat(ft.reports()).hasSize(2);
        assertThat(ft.reports().get(0).description())
                .as("copies differ by seed: their training images")
                .isNotEqualTo(ft.reports().get(1).description());
        TrainingEffect mean = ft.meanEffect().orElseThrow();
        assertThat(mean.accuracy().images()).isEqualTo(40);
        assertThat(mean.success()).isEmpty();
        assertThat(ft.meanChangedFraction()).isGreaterThan(0.5);

        AttackResult twinResult = r.attacks().get(1);
        assertThat(twinResult.copies()).isOne();
        assertThat(twinResult.example()).contains("weights of mnist_mlp_trojan.pt");
        assertThat(twinResult.meanEffect()).isEmpty();
        assertThat(
                        Math.max(
                                twinResult.pool(PoolKind.SENSITIVE).label().anyDetected(),
                                twinResult.pool(PoolKind.NATURAL).label().anyDetected()))
                .as("the twin, in label mode, by the sensitive or the natural pool")
                .isOne();

        AttackResult none = r.attacks().get(2);
        assertThat(none.spec()).isEqualTo("none");
        for (PoolDetection p : none.pools()) {
            assertThat(p.label().anyDetected()).as(p.kind().id() + " label").isZero();
            assertThat(p.probs().anyDetected()).as(p.kind().id() + " probs").isZero();
        }

        assertThat(listener.done).isEqualTo(listener.total).isEqualTo(Evaluation.totalWork(s));
        int firstCopyLine = firstMessage(listener, "copy 1 of 2");
        assertThat(listener.messages.get(firstCopyLine))
                .startsWith("finetune:lr=0.001,epochs=1,n=64 copy 1 of 2: accuracy ");
        int before = firstCopyLine - 1;
        assertThat(listener.messages.get(before))
                .as("a step reported while the copy trained, before its line")
                .isNull();
        assertThat(listener.work.get(before)).isPositive();
    }

    private static int firstMessage(Recording r, String part) {
        for (int i = 0; i < r.messages.size(); i++) {
            if (r.messages.get(i) != null && r.messages.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no message with '" + part + "' in " + r.messages);
    }

    @Test
    void aTrainingAttackWithoutDataIsRefusedBeforeAnythingRuns() {
        EvaluationSettings s = settings("none", "trojan:size=3,target=any");
        // Resolved outside the lambda, so that without ../shared the test skips rather than fails.
        ModelSpec model = mlp();
        List<FloatTensor> seeds = seeds();
        assertThatThrownBy(() -> new EvaluationRequest(model, seeds, "t10k", s))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trojan:size=3,target=any");
    }

    @Test
    void trainingDataThatDoesNotFitIsBadInputBeforeThePoolsAreBuilt() {
        EvaluationSettings s = settings("finetune:lr=1e-3,epochs=1");
        ImageDataset cifar =
                Datasets.open(SharedFiles.data("cifar10-test-first1000.bin.gz").toString(), 10);
        Recording listener = new Recording();
        assertThatThrownBy(
                        () ->
                                Evaluation.run(
                                        new EvaluationRequest(mlp(), seeds(), "t10k", s, cifar),
                                        listener))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("images are 3×32×32, the model takes 1×28×28");
        assertThat(listener.done).as("work done before the refusal").isZero();
    }
}
