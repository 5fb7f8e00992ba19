package dev.sensiprint.cli;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.OutputKind;
import dev.sensiprint.fingerprint.Preprocessing;
import dev.sensiprint.model.ModelSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A model file and what the user says about it: the options of every command that loads one. */
final class ModelOptions {

    @Option(
            names = "--model",
            required = true,
            paramLabel = "M.pt",
            description =
                    "TorchScript model file (.pt), or ONNX (.onnx) where only inference is needed.")
    Path model;

    @Option(
            names = "--input-shape",
            required = true,
            paramLabel = "C,H,W",
            description = "One input without the batch dimension, e.g. 1,28,28 or 3,32,32.")
    String inputShape;

    @Option(
            names = "--mean",
            paramLabel = "M1,M2,..",
            description =
                    "Per-channel mean the model expects: its input is (x - mean) / std on [0,1] pixels.")
    String mean;

    @Option(names = "--std", paramLabel = "S1,S2,..", description = "Per-channel std, with --mean.")
    String std;

    @Option(
            names = "--normalized-by-model",
            description =
                    "The model file applies --mean/--std itself: servers are sent raw pixels.")
    boolean normalizedByModel;

    @Option(
            names = "--output-kind",
            defaultValue = "auto",
            paramLabel = "KIND",
            description =
                    "logits, probabilities, or auto (detected: rows that are >= 0 and sum to 1) (default: ${DEFAULT-VALUE}).")
    String outputKind;

    ModelSpec spec() {
        int[] shape = ints("--input-shape", inputShape);
        if (shape.length != 3) {
            throw new BadInputException(
                    "--input-shape must be C,H,W (three numbers), got " + inputShape);
        }
        if ((mean == null) != (std == null)) {
            throw new BadInputException("give --mean and --std together");
        }
        Preprocessing p = Preprocessing.NONE;
        if (mean != null) {
            float[] m = floats("--mean", mean);
            float[] s = floats("--std", std);
            if (m.length != shape[0] || s.length != shape[0]) {
                throw new BadInputException(
                        "--mean and --std need one value per channel ("
                                + shape[0]
                                + "), got "
                                + m.length
                                + " and "
                                + s.length);
            }
            try {
                p = new Preprocessing(m, s, normalizedByModel);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
        }
        Optional<OutputKind> kind =
                switch (outputKind.toLowerCase(Locale.ROOT)) {
                    case "auto" -> Optional.empty();
                    case "logits" -> Optional.of(OutputKind.LOGITS);
                    case "probabilities", "probs" -> Optional.of(OutputKind.PROBABILITIES);
                    default ->
                            throw new BadInputException(
                                    "--output-kind must be logits, probabilities or auto, got "
                                            + outputKind);
                };
        try {
            return new ModelSpec(model, shape, 0f, 1f, p, kind);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static int[] ints(String option, String text) {
        try {
            int[] v =
                    Arrays.stream(text.split(","))
                            .map(String::trim)
                            .mapToInt(Integer::parseInt)
                            .toArray();
            for (int i : v) {
                if (i <= 0) {
                    throw new NumberFormatException();
                }
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(
                    option
                            + " must be positive whole numbers separated by commas, got '"
                            + text
                            + "'");
        }
    }

    static float[] floats(String option, String text) {
        try {
            String[] parts = text.split(",");
            float[] v = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Float.parseFloat(parts[i].trim());
                if (!Float.isFinite(v[i])) {
                    throw new NumberFormatException();
                }
            }
            return v;
        } catch (NumberFormatException e) {
            throw new BadInputException(
                    option + " must be numbers separated by commas, got '" + text + "'");
        }
    }
}
