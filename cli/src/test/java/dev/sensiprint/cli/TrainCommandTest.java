package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir Path dir;

    @Test
    @Tag("slow")
    void trainsARecipeWritesAModelThatTheOtherCommandsLoadAndReportsAccuracy() throws IOException {
        Path data = SmallMnist.write(dir.resolve("data"), 2000, 300);
        Path model = dir.resolve("demo.pt");
        CliRun run =
                CliRun.of(
                        "train",
                        "--recipe",
                        "mnist-demo",
                        "--data",
                        data.toString(),
                        "--out",
                        model.toString(),
                        "--epochs",
                        "1",
                        "--threads",
                        "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("epoch 1/1: loss");
        assertThat(run.out())
                .containsPattern("mnist-demo: test accuracy \\d+\\.\\d\\d % on 300 images")
                .contains("trained on 2000 images, 1 epochs")
                .contains("(seed 1, 1 threads)")
                .contains("written " + model + " (9098 weights");
        assertThat(model).isRegularFile();

        Path tampered = dir.resolve("t.pt");
        CliRun tamper =
                CliRun.of(
                        "tamper",
                        "--model",
                        model.toString(),
                        "--input-shape",
                        "1,28,28",
                        "--attack",
                        "int8",
                        "--out",
                        tampered.toString(),
                        "--data",
                        data.resolve("mnist-t10k-images-idx3-ubyte.gz").toString(),
                        "--limit",
                        "300");
        assertThat(tamper.exitCode()).as(tamper.err()).isZero();
        assertThat(tamper.out()).contains("int8: ").contains("on 300 images");
    }

    @Test
    void anUnknownRecipeIsOneLineOfBadInput() {
        CliRun run =
                CliRun.of(
                        "train",
                        "--recipe",
                        "imagenet",
                        "--data",
                        dir.toString(),
                        "--out",
                        dir.resolve("m.pt").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err().strip())
                .isEqualTo(
                        "sensiprint train: unknown recipe 'imagenet' (known: [mnist-demo,"
                                + " mnist-cnn, gtsrb-cnn, orl-cnn])");
    }

    @Test
    void anExistingOutputIsKeptWithoutForce() throws IOException {
        Path out = Files.writeString(dir.resolve("m.pt"), "keep me");
        CliRun run =
                CliRun.of(
                        "train",
                        "--recipe",
                        "mnist-demo",
                        "--data",
                        dir.toString(),
                        "--out",
                        out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("exists; pass --force").hasLineCount(1);
        assertThat(Files.readString(out)).isEqualTo("keep me");
    }

    @Test
    void aDataFolderWithoutTheRecipesFilesIsBadInputAndWritesNothing() {
        Path out = dir.resolve("m.pt");
        CliRun run =
                CliRun.of(
                        "train",
                        "--recipe",
                        "gtsrb-cnn",
                        "--data",
                        dir.toString(),
                        "--out",
                        out.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(run.err()).contains("lacks gtsrb35-7949.bin.gz").hasLineCount(1);
        assertThat(out).doesNotExist();
    }
}
