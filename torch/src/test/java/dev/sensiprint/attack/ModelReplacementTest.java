package dev.sensiprint.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchScriptDifferentiableModel;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code model:path=FILE}: another file's weights in the live model (the real trojaned twin). */
class ModelReplacementTest {

    private static ModelSpec mlp(String name) {
        return ModelSpec.of(SharedFiles.model(name), 1, 28, 28);
    }

    @Test
    void theSpecNamesTheFileAndParsesBackToAnEqualDeterministicAttack() {
        Attack a = AttackSpecs.parse("model:path=../shared/models/mnist_mlp_trojan.pt");
        assertThat(a)
                .isEqualTo(new ModelReplacement(Path.of("../shared/models/mnist_mlp_trojan.pt")));
        assertThat(a.spec()).isEqualTo("model:path=../shared/models/mnist_mlp_trojan.pt");
        assertThat(AttackSpecs.parse(a.spec())).isEqualTo(a);
        assertThat(a.randomised()).isFalse();
        assertThat(a.needsData()).isFalse();
        assertThatThrownBy(() -> AttackSpecs.parse("model"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("lacks path");
    }

    @Test
    void theTwinsWeightsGoIntoTheLiveModelAndItThenAnswersAsTheTwin() {
        Path twin = SharedFiles.model("mnist_mlp_trojan.pt");
        try (TorchScriptDifferentiableModel clean =
                        TorchScriptDifferentiableModel.load(mlp("mnist_mlp_clean.pt"));
                TorchScriptDifferentiableModel trojan =
                        TorchScriptDifferentiableModel.load(mlp("mnist_mlp_trojan.pt"))) {
            WeightSet pristine = LiveWeights.read(clean.weights());
            Attack a = AttackSpecs.parse("model:path=" + twin);
            Tampering.check(clean, a, null);
            assertThat(LiveWeights.read(clean.weights())).isEqualTo(pristine);

            TamperReport r = Tampering.applyInPlace(clean, a, 1);
            assertThat(LiveWeights.read(clean.weights()))
                    .isEqualTo(LiveWeights.read(trojan.weights()));
            assertThat(r.touchedTensors()).hasSize(8);
            assertThat(r.changedFraction()).isGreaterThan(0.9);
            assertThat(r.description())
                    .startsWith("weights of mnist_mlp_trojan.pt (sha256 ")
                    .contains("answers as that file on 8 random inputs");
            assertThat(r.effect()).isEmpty();
        }
    }

    @Test
    void aFileOfAnotherArchitectureIsBadInputInOneLineBeforeAnythingChanges() {
        Path other = SharedFiles.model("mnist_convnet.pt");
        try (TorchScriptDifferentiableModel clean =
                TorchScriptDifferentiableModel.load(mlp("mnist_mlp_clean.pt"))) {
            WeightSet pristine = LiveWeights.read(clean.weights());
            Attack a = AttackSpecs.parse("model:path=" + other);
            for (Runnable r :
                    new Runnable[] {
                        () -> Tampering.check(clean, a, null),
                        () -> Tampering.applyInPlace(clean, a, 1)
                    }) {
                assertThatThrownBy(r::run)
                        .isInstanceOf(BadInputException.class)
                        .hasMessageStartingWith("model:path=" + other + ": it has 4 weight tensors")
                        .hasMessageEndingWith("the file must have the model's architecture")
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            }
            assertThat(LiveWeights.read(clean.weights())).isEqualTo(pristine);
        }
    }

    @Test
    void aMissingFileIsBadInputNamingIt() {
        try (TorchScriptDifferentiableModel clean =
                TorchScriptDifferentiableModel.load(mlp("mnist_mlp_clean.pt"))) {
            Attack a = AttackSpecs.parse("model:path=/nonexistent/twin.pt");
            assertThatThrownBy(() -> Tampering.check(clean, a, null))
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining("/nonexistent/twin.pt");
        }
    }
}
