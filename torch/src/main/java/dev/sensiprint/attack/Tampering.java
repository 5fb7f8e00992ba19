package dev.sensiprint.attack;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchScriptDifferentiableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Tampers with a model: read W, attack it with a seeded generator, write it back, and for a file,
 * save the result as a new TorchScript file.
 *
 * <p>The same model, attack and seed always give the same tampered weights ({@link
 * SplittableRandom} seeded with the seed; nothing reads the clock).
 */
public final class Tampering {

    private Tampering() {}

    /**
     * Applies {@code attack} to the weights of the model {@code spec} names and saves the result to
     * {@code out}. A model whose weights are graph constants is loaded with them promoted to
     * parameters, and saved so.
     *
     * @throws BadInputException if the model cannot be loaded, {@code out} is the model file
     *     itself, or {@code out} cannot be written
     */
    public static TamperReport tamper(ModelSpec spec, Attack attack, long seed, Path out) {
        if (sameFile(spec.path(), out)) {
            throw new BadInputException(
                    "output "
                            + out
                            + " is the model file itself; write the tampered copy elsewhere");
        }
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(spec)) {
            TamperReport report = applyInPlace(m, attack, seed);
            m.save(out);
            return report;
        }
    }

    /**
     * Applies {@code attack} to the live weights of a loaded model. To undo it, keep {@code
     * LiveWeights.read(model.weights())} from before and write it back with {@link
     * LiveWeights#write}.
     */
    public static TamperReport applyInPlace(DifferentiableModel model, Attack attack, long seed) {
        WeightSet w = LiveWeights.read(model.weights());
        TamperReport report = attack.apply(w, new SplittableRandom(seed));
        LiveWeights.write(w, model.weights());
        return report;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
