package dev.sensiprint.data;

import static dev.sensiprint.data.DatasetAssertions.assertUnitRange;
import static dev.sensiprint.data.DatasetAssertions.labelCounts;
import static dev.sensiprint.data.DatasetAssertions.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir Path dir;

    @Test
    void mnistTestSetHasTenThousandGreyDigitsWithTheKnownFirstLabels() {
        ImageDataset mnist =
                Datasets.open(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString());

        assertThat(mnist.size()).isEqualTo(10_000);
        assertThat(mnist.imageShape()).isEqualTo(new ImageShape(1, 28, 28));
        assertThat(labels(mnist, 5)).containsExactly(7, 2, 1, 0, 4);
        assertThat(mnist.classNames())
                .containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
    }

    @Test
    void mnistPixelsAreBytesOver255() {
        ImageDataset mnist =
                Datasets.open(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString());

        assertUnitRange(mnist);
        float[] first = mnist.get(0).image().data();
        for (float v : first) {
            assertThat(v * 255f).isEqualTo(Math.round(v * 255f));
        }
        float max = 0;
        for (float v : first) {
            max = Math.max(max, v);
        }
        assertThat(max).as("an MNIST digit has saturated strokes").isEqualTo(1f);
    }

    @Test
    void uncompressedMnistTrainImagesHaveTheCanonicalMd5() throws Exception {
        Path train = SharedFiles.data("mnist-train-images-idx3-ubyte.gz");
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        try (BinaryInput in = BinaryInput.open(train)) {
            byte[] chunk = new byte[1 << 16];
            int n;
            while ((n = in.readSome(chunk)) >= 0) {
                md5.update(chunk, 0, n);
            }
            assertThat(in.isGzip()).isTrue();
            assertThat(in.offset()).isEqualTo(16 + 60_000L * 28 * 28);
        }
        assertThat(HexFormat.of().formatHex(md5.digest()))
                .isEqualTo("6bbc9ace898e44ae57da46a324031adb");
    }

    @Test
    void limitKeepsTheFirstImagesOnly() {
        String t10k = SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz").toString();
        ImageDataset all = Datasets.open(t10k);
        ImageDataset first = Datasets.open(t10k, 100);

        assertThat(first.size()).isEqualTo(100);
        assertThat(first.numClasses()).isEqualTo(10);
        for (int i = 0; i < 100; i++) {
            assertThat(first.get(i)).isEqualTo(all.get(i));
        }
    }

    @Test
    void mnistTrainSetOpensWithALimitOfOneHundred() {
        ImageDataset train =
                Datasets.open(SharedFiles.data("mnist-train-images-idx3-ubyte.gz").toString(), 100);

        assertThat(train.size()).isEqualTo(100);
        assertThat(train.imageShape()).isEqualTo(new ImageShape(1, 28, 28));
        assertThat(labels(train, 5)).containsExactly(5, 0, 4, 1, 9);
    }

    @Test
    void orlFacesAreFortyPeopleWithTenGreyImagesEach() {
        ImageDataset orl =
                Datasets.open(SharedFiles.data("orl-faces-images-idx3-ubyte.gz").toString());

        assertThat(orl.size()).isEqualTo(400);
        assertThat(orl.imageShape()).isEqualTo(new ImageShape(1, 112, 92));
        assertThat(orl.numClasses()).isEqualTo(40);
        int[] tens = new int[40];
        Arrays.fill(tens, 10);
        assertThat(labelCounts(orl)).containsExactly(tens);
        assertUnitRange(orl);
    }

    @Test
    void fashionMnistTestSetReadsLikeMnist() {
        ImageDataset fashion =
                Datasets.open(SharedFiles.fashionMnist("t10k-images-idx3-ubyte.gz").toString());

        assertThat(fashion.size()).isEqualTo(10_000);
        assertThat(fashion.imageShape()).isEqualTo(new ImageShape(1, 28, 28));
        assertThat(labels(fashion, 5)).containsExactly(9, 2, 1, 1, 6);
        assertThat(fashion.numClasses()).isEqualTo(10);
    }

    @Test
    void gzipIsDetectedByContentNotByFileName() throws IOException {
        byte[] images = TestBytes.idx(new int[] {2, 2, 3}, TestBytes.ramp(12, 250));
        byte[] labels = TestBytes.idx(new int[] {2}, new byte[] {1, 0});
        Path gzipWithoutSuffix = write("a-images-idx3-ubyte", TestBytes.gzip(images));
        write("a-labels-idx1-ubyte", labels);
        Path plainWithGzSuffix = write("b-images-idx3-ubyte.gz", images);
        write("b-labels-idx1-ubyte.gz", TestBytes.gzip(labels));

        ImageDataset a = Datasets.open(gzipWithoutSuffix.toString());
        ImageDataset b = Datasets.open(plainWithGzSuffix.toString());

        assertThat(a.get(1)).isEqualTo(b.get(1));
        assertThat(a.get(1).label()).isZero();
        assertThat(a.get(0).image().data()[0]).isEqualTo(250 / 255f);
    }

    @Test
    void rowMajorPixelsBecomeOneChannelHeightWidth() throws IOException {
        byte[] images = TestBytes.idx(new int[] {1, 2, 3}, new byte[] {0, 1, 2, 3, 4, (byte) 255});
        Path file = write("images.idx", images);

        ImageDataset ds = Datasets.idx(file, null, Datasets.ALL);

        assertThat(ds.get(0).image().shape()).containsExactly(1, 2, 3);
        assertThat(ds.get(0).image().data())
                .containsExactly(0f, 1 / 255f, 2 / 255f, 3 / 255f, 4 / 255f, 1f);
        assertThat(ds.get(0).hasLabel()).isFalse();
        assertThat(ds.numClasses()).isZero();
    }

    @Test
    void truncatedImageFileNamesTheOffsetWhereDataEnds() throws IOException {
        byte[] whole = TestBytes.idx(new int[] {3, 2, 2}, TestBytes.ramp(12, 0));
        Path file = write("cut-images-idx3-ubyte", Arrays.copyOf(whole, 16 + 4 + 4 + 2));

        assertThatThrownBy(() -> Datasets.idx(file, null, Datasets.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": truncated at offset 26: expected 4 bytes for image 2 from offset 24");
    }

    @Test
    void truncatedRealMnistGzipReportsTheUncompressedOffset() throws IOException {
        byte[] plain = gunzip(SharedFiles.data("mnist-t10k-images-idx3-ubyte.gz"));
        int cut = plain.length - 100;
        Path file =
                write("mnist-t10k-images-idx3-ubyte.gz", TestBytes.gzip(Arrays.copyOf(plain, cut)));
        int lastImageStart = 16 + 9_999 * 784;

        assertThatThrownBy(() -> Datasets.idx(file, null, Datasets.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": truncated at offset "
                                + cut
                                + ": expected 784 bytes for image 9999 from offset "
                                + lastImageStart);
    }

    @Test
    void cutGzipStreamIsReportedAsTruncated() throws IOException {
        byte[] compressed = TestBytes.gzip(TestBytes.idx(new int[] {50, 20, 20}, noise(50 * 400)));
        Path file = write("cut.gz", Arrays.copyOf(compressed, compressed.length / 2));

        assertThatThrownBy(() -> Datasets.idx(file, null, Datasets.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": truncated at offset ")
                .hasMessageEndingWith("(gzip data ends early)");
    }

    @Test
    void corruptGzipDataIsReportedWithAnOffset() throws IOException {
        byte[] compressed = TestBytes.gzip(TestBytes.idx(new int[] {50, 20, 20}, noise(50 * 400)));
        for (int i = compressed.length / 2; i < compressed.length / 2 + 64; i++) {
            compressed[i] ^= (byte) 0x5A;
        }
        Path file = write("corrupt.gz", compressed);

        assertThatThrownBy(() -> Datasets.idx(file, null, Datasets.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessageMatching(
                        java.util.regex.Pattern.quote(file.toString())
                                + ": corrupt gzip data at offset \\d+ while reading .*");
    }

    @Test
    void wrongMagicNumberIsRejected() throws IOException {
        Path file = write("x-images-idx3-ubyte", TestBytes.ascii("GIF89a and more bytes"));

        assertThatThrownBy(() -> Datasets.idx(file, null, Datasets.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": not an IDX file: magic number 47 49 46 38 at offset 0"
                                + " (expected 00 00, data type, rank)");
    }

    @Test
    void floatIdxDataIsRejectedAsUnsupported() throws IOException {
        byte[] header = TestBytes.idx(new int[] {1, 1, 1}, new byte[4]);
        header[2] = 0x0D;
        Path file = write("floats.idx", header);

        assertThatThrownBy(() -> Datasets.idx(file, null, Datasets.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": IDX data type 0x0d at offset 2 is not supported"
                                + " (only 0x08, unsigned byte)");
    }

    @Test
    void labelFileGivenAsImagesIsRejectedByRank() throws IOException {
        Path file = write("l.idx", TestBytes.idx(new int[] {2}, new byte[2]));

        assertThatThrownBy(() -> Datasets.idx(file, null, Datasets.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": IDX rank 1 at offset 3, but an IDX image file"
                                + " (count, height, width) has rank 3");
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path images = write("s-images-idx3-ubyte", TestBytes.idx(new int[] {3, 1, 1}, new byte[3]));
        Path labels = write("s-labels-idx1-ubyte", TestBytes.idx(new int[] {2}, new byte[2]));

        assertThatThrownBy(() -> Datasets.open(images.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(labels + ": holds 2 labels but " + images + " holds 3 images");
    }

    @Test
    void trailingBytesAfterTheLastImageAreRejected() throws IOException {
        byte[] data =
                TestBytes.concat(
                        TestBytes.idx(new int[] {2, 1, 2}, new byte[4]), new byte[] {9, 9, 9});
        Path file = write("long.idx", data);

        assertThatThrownBy(() -> Datasets.idx(file, null, Datasets.ALL))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": unexpected 3 bytes at offset 20 after 2 images");
    }

    @Test
    void missingConventionalLabelFileIsNamed() throws IOException {
        Path images =
                write("m-images-idx3-ubyte.gz", TestBytes.idx(new int[] {1, 1, 1}, new byte[1]));

        assertThatThrownBy(() -> Datasets.open(images.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining(dir.resolve("m-labels-idx1-ubyte.gz") + " is missing");
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private static byte[] noise(int n) {
        byte[] out = new byte[n];
        new java.util.Random(42).nextBytes(out);
        return out;
    }

    private static byte[] gunzip(Path file) {
        try (BinaryInput in = BinaryInput.open(file)) {
            return in.readAll("test data");
        }
    }
}
