package dev.sensiprint.attack;

import ai.djl.ndarray.NDScope;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.model.TorchScriptDifferentiableModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

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
        return tamper(spec, attack, seed, out, null);
    }

    /**
     * As {@link #tamper(ModelSpec, Attack, long, Path)}, with labelled images for a {@link
     * TrainingAttack}.
     *
     * @param data the images a training attack trains on; null when the attack needs none
     * @throws BadInputException also if the attack needs data and none is given
     */
    public static TamperReport tamper(
            ModelSpec spec, Attack attack, long seed, Path out, ImageDataset data) {
        requireData(attack, data);
        if (sameFile(spec.path(), out)) {
            throw new BadInputException(
                    "output "
                            + out
                            + " is the model file itself; write the tampered copy elsewhere");
        }
        try (TorchScriptDifferentiableModel m = TorchScriptDifferentiableModel.load(spec)) {
            TamperReport report = applyInPlace(m, attack, seed, data);
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
        return applyInPlace(model, attack, seed, null);
    }

    /**
     * As {@link #applyInPlace(DifferentiableModel, Attack, long)}, with labelled images for a
     * {@link TrainingAttack} (ignored by the others). A training attack fine-tunes the live
     * weights; its Adam state and gradients are not kept.
     *
     * @param data the images to train on; null when the attack needs none
     * @throws BadInputException if the attack needs data and none is given, or the data do not fit
     *     the model
     */
    public static TamperReport applyInPlace(
            DifferentiableModel model, Attack attack, long seed, ImageDataset data) {
        return applyInPlace(model, attack, seed, data, done -> {});
    }

    /**
     * As {@link #applyInPlace(DifferentiableModel, Attack, long, ImageDataset)}, telling {@code
     * progress} how far a training attack has got (the fraction of its steps done, in [0, 1]);
     * other attacks, done at once, tell it nothing.
     *
     * <p>Only W changes: training runs the module in eval mode (BatchNorm statistics and dropout
     * untouched, {@link dev.sensiprint.train.FineTuner}), and the optimiser's state is freed with
     * the attack. So writing back a copy of W from before restores the model exactly.
     */
    public static TamperReport applyInPlace(
            DifferentiableModel model,
            Attack attack,
            long seed,
            ImageDataset data,
            DoubleConsumer progress) {
        requireData(attack, data);
        SplittableRandom random = new SplittableRandom(seed);
        if (attack instanceof TrainingAttack t) {
            // DJL's Adam detaches its moment estimates from every manager (Optimizer
            // .withDefaultState), so no manager frees them: 2 × |W| floats of native memory per
            // run, which the many copies of an evaluation in one loaded model pile up (about 3 MB
            // per copy of a 281k-weight model, measured). Made inside a scope, they are still
            // registered with it, and it frees them with the run; nothing made here is needed
            // after it.
            try (NDScope scope = new NDScope()) {
                return t.apply(new TrainingContext(model, data, random, progress));
            }
        }
        if (attack instanceof ModelReplacement r) {
            return r.apply(model, random);
        }
        WeightSet w = LiveWeights.read(model.weights());
        TamperReport report = attack.apply(w, random);
        LiveWeights.write(w, model.weights());
        return report;
    }

    /**
     * Checks, without changing the model, that {@code attack} can be applied to it: data given when
     * it trains, of the model's input shape and labelled, and fitting the attack's own parameters;
     * a replacement file that loads and has the model's weight layout. For a long run (an
     * evaluation) to fail at once rather than after hours.
     *
     * @param data the images a training attack would train on; null when there are none
     * @throws BadInputException naming what does not fit
     */
    public static void check(DifferentiableModel model, Attack attack, ImageDataset data) {
        requireData(attack, data);
        if (attack instanceof TrainingAttack t) {
            t.check(new TrainingContext(model, data, new SplittableRandom(0)));
        } else if (attack instanceof ModelReplacement r) {
            r.check(model);
        }
    }

    private static void requireData(Attack attack, ImageDataset data) {
        if (attack.needsData() && data == null) {
            throw new BadInputException(
                    "attack "
                            + attack.name()
                            + " trains the model and needs labelled images: give --data");
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
