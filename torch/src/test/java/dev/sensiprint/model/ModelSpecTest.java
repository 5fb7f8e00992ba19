package dev.sensiprint.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelSpecTest {

    private static final Path P = Path.of("m.pt");
    private static final Preprocessing RGB =
            new Preprocessing(
                    new float[] {0.485f, 0.456f, 0.406f},
                    new float[] {0.229f, 0.224f, 0.225f},
                    false);

    @Test
    void ofGivesUnitRangeNoPreprocessingAndDetection() {
        ModelSpec s = ModelSpec.of(P, 1, 28, 28);
        assertThat(s.valueMin()).isZero();
        assertThat(s.valueMax()).isEqualTo(1f);
        assertThat(s.preprocessing()).isEqualTo(Preprocessing.NONE);
        assertThat(s.declaredOutputKind()).isEmpty();
    }

    @Test
    void inputShapeMustHaveThreeDimensions() {
        assertThatThrownBy(
                        () ->
                                new ModelSpec(
                                        P,
                                        new int[] {784},
                                        0,
                                        1,
                                        Preprocessing.NONE,
                                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[784]");
    }

    @Test
    void inputDimensionsMustBePositive() {
        assertThatThrownBy(() -> ModelSpec.of(P, 1, 0, 28))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1, 0, 28]");
    }

    @Test
    void valueRangeMustNotBeEmpty() {
        assertThatThrownBy(() -> ModelSpec.of(P, 1, 28, 28).withValueRange(1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[1.0, 1.0]");
    }

    @Test
    void preprocessingChannelsMustMatchInputChannels() {
        assertThatThrownBy(() -> ModelSpec.of(P, 1, 28, 28).withPreprocessing(RGB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 channels");
    }

    @Test
    void inputShapeIsCopiedInAndOut() {
        int[] shape = {3, 32, 32};
        ModelSpec s = new ModelSpec(P, shape, 0, 1, Preprocessing.NONE, Optional.empty());
        shape[0] = 1;
        s.inputShape()[1] = 5;
        assertThat(s.inputShape()).containsExactly(3, 32, 32);
    }

    @Test
    void loaderNormalisesOnlyWhenTheFileDoesNot() {
        ModelSpec byLoader = ModelSpec.of(P, 3, 32, 32).withPreprocessing(RGB);
        ModelSpec inFile =
                byLoader.withPreprocessing(new Preprocessing(RGB.mean(), RGB.std(), true));
        assertThat(byLoader.normalisesBeforeNetwork()).isTrue();
        assertThat(inFile.normalisesBeforeNetwork()).isFalse();
        assertThat(ModelSpec.of(P, 3, 32, 32).normalisesBeforeNetwork()).isFalse();
    }

    @Test
    void declaredOutputKindIsKept() {
        assertThat(
                        ModelSpec.of(P, 1, 28, 28)
                                .withOutputKind(OutputKind.LOGITS)
                                .declaredOutputKind())
                .contains(OutputKind.LOGITS);
    }

    @Test
    void equalSpecsAreEqual() {
        assertThat(ModelSpec.of(P, 3, 32, 32).withPreprocessing(RGB))
                .isEqualTo(ModelSpec.of(P, 3, 32, 32).withPreprocessing(RGB))
                .isNotEqualTo(ModelSpec.of(P, 3, 32, 32));
    }
}
