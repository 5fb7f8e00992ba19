package dev.sensiprint.data;

import static dev.sensiprint.data.DatasetAssertions.assertUnitRange;
import static dev.sensiprint.data.DatasetAssertions.labels;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordFileReaderTest {

    private static final int CIFAR_RECORD = 1 + 3 * 32 * 32;

    @TempDir Path dir;

    @Test
    void cifarTestSubsetStartsWithTheKnownLabels() {
        ImageDataset cifar =
                Datasets.open("cifar10:" + SharedFiles.data("cifar10-test-first1000.bin.gz"));

        assertThat(cifar.size()).isEqualTo(1000);
        assertThat(cifar.imageShape()).isEqualTo(new ImageShape(3, 32, 32));
        assertThat(labels(cifar, 10)).containsExactly(3, 8, 8, 0, 6, 6, 1, 6, 3, 1);
        assertThat(cifar.classNames()).hasSize(10).startsWith("airplane", "automobile");
        assertUnitRange(cifar);
    }

    @Test
    void cifarTrainSubsetStartsWithTheKnownLabels() {
        ImageDataset cifar =
                Datasets.open("cifar10:" + SharedFiles.data("cifar10-train-first4000.bin.gz"));

        assertThat(cifar.size()).isEqualTo(4000);
        assertThat(labels(cifar, 10)).containsExactly(6, 9, 9, 4, 1, 1, 2, 7, 8, 3);
    }

    @Test
    void cifarFileIsRecognisedByItsLength() {
        Path file = SharedFiles.data("cifar10-test-first1000.bin.gz");

        ImageDataset auto = Datasets.open(file.toString());

        assertThat(auto.description()).contains("cifar10");
        assertThat(auto.size()).isEqualTo(1000);
        assertThat(auto.get(999)).isEqualTo(Datasets.open("cifar10:" + file).get(999));
    }

    @Test
    void gtsrbHasItsRecordsOfThirtyFiveSquareRgbWithFortyThreeClasses() {
        ImageDataset gtsrb = Datasets.open(SharedFiles.data("gtsrb35-7949.bin.gz").toString());

        assertThat(gtsrb.description()).contains("gtsrb");
        assertThat(gtsrb.size()).isEqualTo(7949);
        assertThat(gtsrb.imageShape()).isEqualTo(new ImageShape(3, 35, 35));
        assertThat(gtsrb.numClasses()).isEqualTo(43);
        IntSummaryStatistics stats =
                IntStream.range(0, gtsrb.size()).map(i -> gtsrb.get(i).label()).summaryStatistics();
        assertThat(stats.getMin()).isGreaterThanOrEqualTo(0);
        assertThat(stats.getMax()).isLessThanOrEqualTo(42);
        assertUnitRange(gtsrb);
    }

    @Test
    void limitStopsReadingAfterTheFirstRecords() {
        Path file = SharedFiles.data("gtsrb35-7949.bin.gz");
        ImageDataset first = Datasets.open("gtsrb:" + file, 10);
        ImageDataset all = Datasets.open("gtsrb:" + file);

        assertThat(first.size()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(first.get(i)).isEqualTo(all.get(i));
        }
    }

    @Test
    void recordBytesAreChannelPlanar() throws IOException {
        byte[] record = new byte[CIFAR_RECORD];
        record[0] = 7;
        Arrays.fill(record, 1, 1 + 1024, (byte) 10);
        Arrays.fill(record, 1 + 1024, 1 + 2048, (byte) 20);
        Arrays.fill(record, 1 + 2048, CIFAR_RECORD, (byte) 30);
        record[1 + 2 * 1024 + 1 * 32 + 3] = (byte) 200; // blue, row 1, column 3
        Path file = Files.write(dir.resolve("one.bin"), record);

        LabeledImage image = Datasets.records(file, RecordFormat.CIFAR10, Datasets.ALL).get(0);

        assertThat(image.label()).isEqualTo(7);
        assertThat(image.image().shape()).containsExactly(3, 32, 32);
        float[] v = image.image().data();
        assertThat(v[0]).isEqualTo(10 / 255f);
        assertThat(v[1024 + 31 * 32 + 31]).isEqualTo(20 / 255f);
        assertThat(v[2 * 1024]).isEqualTo(30 / 255f);
        assertThat(v[2 * 1024 + 1 * 32 + 3]).isEqualTo(200 / 255f);
        assertThat(v[2 * 1024 + 1 * 32 + 4]).isEqualTo(30 / 255f);
    }

    @Test
    void oneReaderServesAnyRecordGeometry() throws IOException {
        RecordFormat tiny =
                new RecordFormat("tiny", new ImageShape(2, 1, 2), List.of("a", "b", "c"));
        byte[] data = {2, 0, 51, 102, (byte) 255, 1, 5, 6, 7, 8};
        Path file = Files.write(dir.resolve("tiny.bin"), TestBytes.gzip(data));

        ImageDataset ds = Datasets.records(file, tiny, Datasets.ALL);

        assertThat(ds.size()).isEqualTo(2);
        assertThat(ds.classNames()).containsExactly("a", "b", "c");
        assertThat(ds.get(0).label()).isEqualTo(2);
        assertThat(ds.get(0).image().data()).containsExactly(0f, 0.2f, 0.4f, 1f);
        assertThat(ds.get(1).label()).isEqualTo(1);
    }

    @Test
    void labelOutOfRangeNamesRecordAndOffset() throws IOException {
        byte[] data = new byte[2 * CIFAR_RECORD];
        data[CIFAR_RECORD] = 10;
        Path file = Files.write(dir.resolve("bad-label.bin"), data);

        assertThatThrownBy(() -> Datasets.open("cifar10:" + file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": label 10 at offset 3073 (record 1) is out of range 0..9"
                                + " for cifar10");
    }

    @Test
    void partialLastRecordIsReportedAsTruncated() throws IOException {
        Path file =
                Files.write(
                        dir.resolve("half.bin.gz"),
                        TestBytes.gzip(new byte[CIFAR_RECORD + 1 + 1536]));

        assertThatThrownBy(() -> Datasets.open("cifar10:" + file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": truncated at offset 4610: expected 3072 bytes for the image"
                                + " of record 1 from offset 3074");
    }

    @Test
    void emptyRecordFileIsRejected() throws IOException {
        Path file = Files.write(dir.resolve("empty.bin"), new byte[0]);

        assertThatThrownBy(() -> Datasets.open("gtsrb:" + file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": holds no gtsrb records");
    }

    @Test
    void lengthThatFitsNoKnownRecordAsksForTheFormat() throws IOException {
        Path file = Files.write(dir.resolve("odd.bin"), new byte[100]);

        assertThatThrownBy(() -> Datasets.open(file.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": unknown format: 100 bytes is not a whole number of records of"
                                + " any known size (cifar10 3073, gtsrb 3676 bytes);"
                                + " name the format as FORMAT:FILE");
    }

    @Test
    void lengthThatFitsBothRecordSizesIsAmbiguous() throws IOException {
        Path file = Files.write(dir.resolve("both.bin.gz"), TestBytes.gzip(new byte[3073 * 3676]));

        assertThatThrownBy(() -> Datasets.open(file.toString()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        file
                                + ": ambiguous format: 11296348 bytes fits cifar10 and gtsrb"
                                + " records; name the format as FORMAT:FILE");
    }
}
