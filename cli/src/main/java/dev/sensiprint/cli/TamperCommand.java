package dev.sensiprint.cli;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.attack.AttackSpecs;
import dev.sensiprint.attack.TamperReport;
import dev.sensiprint.attack.Tampering;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.evaluate.Accuracy;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensiprint tamper}: a tampered copy of a model, for testing that fingerprints see it. */
@Command(
        name = "tamper",
        mixinStandardHelpOptions = true,
        description = {
            "Write a tampered copy of a model (TorchScript) for testing fingerprints.",
            "Attacks: prune:p=P[,scope=global|tensor], int8, fp16, noise:r=R,q=Q,",
            "scale-one[:f=F], bitflip[:bit=N|sign|exponent|mantissa|high|any], none.",
            "Training attacks (need --data, labelled images of the model's input shape):",
            "finetune:lr=LR,epochs=E[,n=N], trojan:size=S,target=T[,pos=br,rate=0.1,asr=0.95],",
            "poison:target=L[,index=I], swap[:seed=S,epochs=5,lr=0.003]; target, pos and index",
            "may be any (drawn from --rng-seed). model:path=FILE: the weights of another file of",
            "the same architecture."
        })
final class TamperCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin ModelOptions model;

    @Option(
            names = "--attack",
            required = true,
            paramLabel = "SPEC",
            description = "The attack, e.g. prune:p=5 or noise:r=1e-3,q=0.01.")
    String attack;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "M2.pt",
            description = "Where to write the tampered model.")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Option(
            names = "--rng-seed",
            defaultValue = "1",
            description = "Seed of the attack's random choices (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--data",
            paramLabel = "DATA",
            description =
                    "Labelled images (any dataset format): training attacks train on them; for the"
                            + " others, accuracy is measured on them before and after.")
    String data;

    @Option(
            names = "--limit",
            defaultValue = "1000",
            description = "How many of --data to use (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        Attack a = AttackSpecs.parse(attack);
        ModelSpec ms = model.spec();
        OutputFile.requireWritable("--out", out, force, ms.path());
        var o = spec.commandLine().getOut();
        if (a.needsData() && data == null) {
            throw new BadInputException(
                    "attack "
                            + a.name()
                            + " trains the model and needs labelled images: give --data");
        }
        ImageDataset images = data == null ? null : Datasets.open(data, limit);
        TamperReport report = Tampering.tamper(ms, a, seed, out, images);
        o.println(report.summary());
        o.printf("written      %s%n", out);
        // A training attack measures accuracy itself, on images it did not train on.
        if (images != null && !a.needsData()) {
            double before = accuracy(ms, images);
            double after = accuracy(ms.withPath(out), images);
            o.printf(
                    Locale.ROOT,
                    "accuracy     %.2f %% before, %.2f %% after, on %d images of %s%n",
                    100 * before,
                    100 * after,
                    Math.min(limit, images.size()),
                    images.description());
        }
        o.flush();
        return ExitCode.OK;
    }

    private double accuracy(ModelSpec ms, ImageDataset images) {
        try (InferenceModel m = ModelLoader.forInference(ms)) {
            return Accuracy.of(m, images, limit);
        }
    }
}
