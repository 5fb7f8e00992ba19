package dev.sensiprint.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir Path dir;

    @Test
    void labelFileIsNamedByTheMnistConvention() {
        Path images = Path.of("data", "mnist-t10k-images-idx3-ubyte.gz");

        assertThat(Datasets.conventionalLabelFile(images))
                .contains(Path.of("data", "mnist-t10k-labels-idx1-ubyte.gz"));
    }

    @Test
    void labelFileIsNamedByTheDottedConventionToo() {
        assertThat(Datasets.conventionalLabelFile(Path.of("train-images.idx3-ubyte")))
                .contains(Path.of("train-labels.idx1-ubyte"));
    }

    @Test
    void imageFileNamedOtherwiseHasNoConventionalLabelFile() {
        assertThat(Datasets.conventionalLabelFile(Path.of("digits.idx"))).isEmpty();
    }

    @Test
    void idxImageFileNamedOtherwiseOpensUnlabelled() throws IOException {
        Path file =
                Files.write(dir.resolve("digits"), TestBytes.idx(new int[] {1, 1, 1}, new byte[1]));

        ImageDataset ds = Datasets.open(file.toString());

        assertThat(ds.size()).isEqualTo(1);
        assertThat(ds.get(0).hasLabel()).isFalse();
    }

    @Test
    void explicitFormatOverridesDetection() throws IOException {
        // Starts like an IDX image header, but the user says it is CIFAR-10.
        byte[] data = new byte[3073];
        data[2] = 8;
        data[3] = 3;
        Path file = Files.write(dir.resolve("looks-like-idx.bin"), data);

        ImageDataset ds = Datasets.open("cifar10:" + file);

        assertThat(ds.imageShape()).isEqualTo(new ImageShape(3, 32, 32));
        assertThat(ds.get(0).image().data()[1]).isEqualTo(8 / 255f);
    }

    @Test
    void singleImageFileIsADatasetOfOne() throws IOException {
        Path file = dir.resolve("one.png");
        ImageIO.write(new BufferedImage(5, 2, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());

        ImageDataset ds = Datasets.open(file.toString());

        assertThat(ds.size()).isEqualTo(1);
        assertThat(ds.imageShape()).isEqualTo(new ImageShape(1, 2, 5));
    }

    @Test
    void gzippedPgmFileIsReadAsOneImage() throws IOException {
        byte[] pgm = TestBytes.concat(TestBytes.ascii("P5 2 1 255\n"), new byte[] {0, 51});
        Path file = Files.write(dir.resolve("small.pgm.gz"), TestBytes.gzip(pgm));

        ImageDataset ds = Datasets.open(file.toString());

        assertThat(ds.get(0).image().data()).containsExactly(0f, 0.2f);
    }

    @Test
    void idxLabelFileGivenAsImagesIsRejected() throws IOException {
        Path file =
                Files.write(
                        dir.resolve("t-labels-idx1-ubyte"),
                        TestBytes.idx(new int[] {2}, new byte[2]));

        assertThatThrownBy(() -> Datasets.open(file.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": is an IDX label file; give the image file (-images-idx3-)");
    }

    @Test
    void unknownFormatNameIsListedWithTheKnownOnes() {
        assertThatThrownBy(() -> Datasets.open("svhn:train.bin"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        "unknown dataset format 'svhn' in 'svhn:train.bin'"
                                + " (known: idx, cifar10, gtsrb, folder, image)");
    }

    @Test
    void missingPathIsNamed() {
        Path missing = dir.resolve("nothing-here");

        assertThatThrownBy(() -> Datasets.open(missing.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": no such file or folder");
    }

    @Test
    void missingFileWithAnExplicitFormatIsNamed() {
        Path missing = dir.resolve("gone.bin");

        assertThatThrownBy(() -> Datasets.open("gtsrb:" + missing))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void limitBelowOneIsRejected() {
        assertThatThrownBy(() -> Datasets.open(dir.toString(), 0))
                .isInstanceOf(BadInputException.class)
                .hasMessage("image limit must be at least 1, got 0");
    }

    @Test
    void emptyDescriptionIsRejected() {
        assertThatThrownBy(() -> Datasets.open(" "))
                .isInstanceOf(BadInputException.class)
                .hasMessage("dataset description is empty");
    }
}
