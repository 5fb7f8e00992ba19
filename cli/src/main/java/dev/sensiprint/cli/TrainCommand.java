package dev.sensiprint.cli;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.train.DataSplit;
import dev.sensiprint.train.Recipe;
import dev.sensiprint.train.RecipeTrainer;
import dev.sensiprint.train.Recipes;
import dev.sensiprint.train.TrainingListener;
import dev.sensiprint.train.TrainingResult;
import dev.sensiprint.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensiprint train}: a small model from a named recipe, written as TorchScript. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Train a small model from a named recipe and write it as TorchScript (.pt).",
            "Recipes: mnist-demo, mnist-cnn, gtsrb-cnn, orl-cnn. --data is a folder with the"
                    + " recipe's files as in ../shared/data.",
            "The same recipe, seed and thread count give the same weights bit for bit."
        })
final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
            names = "--recipe",
            required = true,
            paramLabel = "NAME",
            description = "mnist-demo, mnist-cnn, gtsrb-cnn or orl-cnn.")
    String recipe;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DIR",
            description = "Folder holding the recipe's data files (e.g. ../shared/data).")
    Path data;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "M.pt",
            description = "Where to write the trained model.")
    Path out;

    @Option(
            names = "--epochs",
            paramLabel = "N",
            description = "Passes over the training images (default: the recipe's).")
    Integer epochs;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description =
                    "Seed of the initial weights and the batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            // One thread: as fast as two for these small nets (mnist-demo 14 s against 22 s on 2
            // cores), and the same weights on any machine with the same libtorch.
            defaultValue = "1",
            description =
                    "libtorch threads; results are reproducible per thread count (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;

    @Option(names = "--quiet", description = "No progress, only the final lines.")
    boolean quiet;

    @Override
    public Integer call() {
        Recipe r = Recipes.named(recipe);
        OutputFile.requireWritable("--out", out, force);
        if (epochs != null && epochs < 1) {
            throw new BadInputException("--epochs must be at least 1, got " + epochs);
        }
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
        TrainingRun run = new TrainingRun(r, epochs == null ? r.epochs() : epochs, seed, threads);
        DataSplit.TrainTest split = r.data().open(data);
        var o = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        TrainingResult result;
        try (RecipeTrainer trainer = RecipeTrainer.start(run);
                TrainProgress progress =
                        new TrainProgress(err, !quiet && System.console() != null)) {
            result = trainer.train(split, quiet ? TrainingListener.NONE : progress);
            trainer.export(out);
        }
        o.printf(
                Locale.ROOT,
                "%s: test accuracy %.2f %% on %d images; trained on %d images, %d epochs, %.1f s"
                        + " (seed %d, %d threads)%n",
                r.name(),
                100 * result.testAccuracy(),
                result.testImages(),
                result.trainImages(),
                run.epochs(),
                result.trainTime().toMillis() / 1000.0,
                seed,
                threads);
        o.printf(
                Locale.ROOT,
                "written %s (%d weights, %s bytes)%n",
                out,
                result.parameters(),
                size(out));
        o.flush();
        return ExitCode.OK;
    }

    private static String size(Path p) {
        try {
            return Long.toString(Files.size(p));
        } catch (IOException e) {
            return "?";
        }
    }
}
