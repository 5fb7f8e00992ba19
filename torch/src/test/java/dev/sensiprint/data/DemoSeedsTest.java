package dev.sensiprint.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.testing.SharedFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The seed images shipped for the demo are exactly the MNIST test images they claim to be. */
class DemoSeedsTest {

    private static final Path SEEDS = Path.of("..", "demo", "seeds");

    @Test
    void holdTenImagesPerDigitInLabelledFolders() {
        ImageDataset d = Datasets.open(SEEDS.toString());
        assertThat(d.size()).isEqualTo(100);
        assertThat(d.classNames())
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(d.imageShape().toArray()).containsExactly(1, 28, 28);
        int[] perClass = new int[10];
        for (int i = 0; i < d.size(); i++) {
            perClass[d.get(i).label()]++;
        }
        assertThat(perClass).containsOnly(10);
    }

    @Test
    void areByteForByteTheNamedMnistTestImages() {
        ImageDataset mnist =
                Datasets.idx(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"), 10_000);
        // Test image 3 is the first 0 of the test set.
        ImageDataset one =
                Datasets.open(SEEDS.resolve("0").resolve("mnist-test-00003.png").toString());
        assertThat(one.get(0).image()).isEqualTo(mnist.get(3).image());
        assertThat(mnist.get(3).label()).isZero();
    }
}
