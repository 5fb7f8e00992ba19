package dev.sensiprint.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.data.Datasets;
import dev.sensiprint.evaluate.Accuracy;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The model shipped for {@code sensiprint demo} is what demo/model/README.md says it is. */
class DemoModelTest {

    private static final Path DEMO = Path.of("..", "demo", "model", "mnist-demo.pt");

    @Test
    @Tag("slow")
    void theShippedDemoModelIsSmallLoadsBothWaysAndScoresAtLeast97PercentOnMnistTest()
            throws Exception {
        assertThat(Files.size(DEMO)).isLessThan(100_000);
        ModelSpec spec = ModelSpec.of(DEMO, 1, 28, 28);
        try (DifferentiableModel m = ModelLoader.forGradients(spec)) {
            assertThat(m.weights()).hasSize(6);
            assertThat(m.info().numClasses()).isEqualTo(10);
        }
        try (InferenceModel m = ModelLoader.forInference(spec)) {
            double accuracy =
                    Accuracy.of(
                            m,
                            Datasets.open(
                                    SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString()),
                            Datasets.ALL);
            assertThat(accuracy).isGreaterThanOrEqualTo(0.97).isEqualTo(0.9818);
        }
    }

    @Test
    void theShippedDemoModelGetsTheDemoSeedImagesRight() {
        try (InferenceModel m = ModelLoader.forInference(ModelSpec.of(DEMO, 1, 28, 28))) {
            double accuracy =
                    Accuracy.of(
                            m,
                            Datasets.open(Path.of("..", "demo", "seeds").toString()),
                            Datasets.ALL);
            assertThat(accuracy).isGreaterThanOrEqualTo(0.97).isEqualTo(0.99);
        }
    }
}
