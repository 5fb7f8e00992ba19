package dev.sensiprint.attack;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Tampers with a TorchScript file: load, attack W with a seeded generator, save a new file. */
public final class Tampering {

    private Tampering() {}

    /**
     * Applies {@code attack} to the weights of {@code model} and saves the result to {@code out}.
     * The same model, attack and seed always give the same tampered weights ({@link
     * SplittableRandom} seeded with {@code seed}; nothing reads the clock).
     *
     * @throws BadInputException if the model cannot be loaded, {@code out} is the model file
     *     itself, or {@code out} cannot be written
     */
    public static TamperReport tamper(Path model, Attack attack, long seed, Path out) {
        if (sameFile(model, out)) {
            throw new BadInputException(
                    "output "
                            + out
                            + " is the model file itself; write the tampered copy elsewhere");
        }
        try (TamperableModel m = TamperableModel.load(model)) {
            WeightSet w = m.readWeights();
            TamperReport report = attack.apply(w, new SplittableRandom(seed));
            m.writeWeights(w);
            m.save(out);
            return report;
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }
}
