package dev.sensiprint.cli;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.attack.AttackSpecs;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.data.SeedDraw;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.evaluation.Evaluation;
import dev.sensiprint.evaluation.EvaluationRequest;
import dev.sensiprint.evaluation.EvaluationResult;
import dev.sensiprint.evaluation.EvaluationSettings;
import dev.sensiprint.evaluation.PoolKind;
import dev.sensiprint.generate.Ball;
import dev.sensiprint.generate.GeneratorSettings;
import dev.sensiprint.generate.JointSelection;
import dev.sensiprint.generate.MarginTuning;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.select.CoverLayers;
import dev.sensiprint.sensitivity.ClassSelection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensiprint evaluate}: detection rate against N, per attack and pool, with a report. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measure how well fingerprints detect tampering (method.md §6, §7): build pools",
            "of sensitive (all weights, last layer), natural and noise samples, and for",
            "label mode the seeds and the sensitive samples walked into one margin band",
            "(margin_only, sensitive_margin; joint = the latter ordered by a flip cover of",
            "simulated changes; pairs = each sensitive_margin sample with its twin just",
            "across its decision boundary, two queries a pair; joint_pairs = the pairs in",
            "that flip-cover order); make tampered copies in memory for each attack; report",
            "the detection rate against the number of queries N (random subsets and in",
            "order), the N reaching 99.95 percent, false positives and the natural/pool",
            "ratio."
        })
final class EvaluateCommand implements Callable<Integer> {

    /** Method.md §6 as far as the weight attacks go, with the no-change control first. */
    static final List<String> DEFAULT_ATTACKS =
            List.of(
                    "none",
                    "prune:p=1",
                    "prune:p=5",
                    "prune:p=10",
                    "prune:p=30",
                    "int8",
                    "fp16",
                    "noise:r=1e-3,q=0.01",
                    "noise:r=1e-3,q=0.1",
                    "noise:r=1e-2,q=0.01",
                    "noise:r=1e-2,q=0.1",
                    "scale-one",
                    "bitflip");

    /** Defaults of the two profiles: copies, pool size, generator steps. */
    private record Profile(String name, int copies, int poolSize, int steps) {}

    private static final Profile FULL = new Profile("full", 50, 100, 300);
    private static final Profile QUICK = new Profile("quick", 20, 50, 300);

    @Spec CommandSpec spec;

    @Mixin ModelOptions model;

    @Option(
            names = "--data",
            required = true,
            paramLabel = "DATA",
            description = "Natural images the seeds are drawn from (any dataset format).")
    String data;

    @Option(
            names = "--report",
            required = true,
            paramLabel = "DIR",
            description =
                    "Folder for results.json, results.csv, summary.md, index.html and the PNGs"
                            + " (created; files in it are replaced).")
    Path report;

    @Option(
            names = "--quick",
            description =
                    "Small profile: 20 copies, pools of 50, 300 generator steps (full: 50, 100,"
                            + " 300); explicit options still win.")
    boolean quick;

    @Option(
            names = "--attacks",
            paramLabel = "SPEC;SPEC...",
            description =
                    "Attacks separated by ';' (default: none, prune p=1/5/10/30, int8,"
                            + " fp16, noise r=1e-3/1e-2 q=0.01/0.1, scale-one, bitflip). Training"
                            + " attacks (finetune, trojan, poison, swap; see tamper --help) need"
                            + " --train-data; model:path=FILE evaluates another file of the same"
                            + " architecture (e.g. a trojaned twin) as one tampered copy.")
    String attacks;

    @Option(
            names = "--train-data",
            paramLabel = "DATA",
            description =
                    "Labelled images the training attacks train on (any dataset format; IDX labels"
                            + " are the file named like the images with labels-idx1); needed when"
                            + " --attacks lists one. Use other images than --data.")
    String trainData;

    @Option(
            names = "--train-limit",
            defaultValue = "2000",
            paramLabel = "K",
            description =
                    "Read at most K images of --train-data; each copy draws its own training and"
                            + " held-out images from them (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(
            names = "--copies",
            paramLabel = "M",
            description = "Tampered copies per randomised attack (deterministic ones get one).")
    Integer copies;

    @Option(names = "--pool-size", paramLabel = "P", description = "Seeds, so samples, per pool.")
    Integer poolSize;

    @Option(
            names = "--max-n",
            defaultValue = "20",
            paramLabel = "N",
            description =
                    "Largest number of queries in tables and plots (default: ${DEFAULT-VALUE}).")
    int maxN;

    @Option(names = "--steps", description = "Most Adam steps per sensitive sample.")
    Integer steps;

    @Option(
            names = "--twin",
            paramLabel = "M.onnx",
            description =
                    "Another artifact of the same network (e.g. its ONNX export): its answers join"
                            + " calibration and the false-positive check (cross-runtime drift).")
    Path twin;

    @Option(
            names = "--manc-layers",
            defaultValue = "penultimate",
            description =
                    "Layers whose active neurons order each pool by MANC: penultimate (the paper),"
                            + " linear (the input of every fully connected layer after the"
                            + " image) or all (every layer, convolutions included: the weights"
                            + " with a non-negligible gradient of the top logit) (default:"
                            + " ${DEFAULT-VALUE}).")
    String mancLayers;

    @Option(
            names = "--classes",
            defaultValue = "top1",
            description =
                    "C of the sensitivity objective for the generated pools: top1, topK (e.g."
                            + " top3) or all (default: ${DEFAULT-VALUE}).")
    String classes;

    @Option(
            names = "--eps",
            defaultValue = "0.0392156862745098",
            description =
                    "RMS closeness radius around each seed, for every generated or walked pool"
                            + " (default: 10/255).")
    double eps;

    @Option(
            names = "--keep-label",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Generate label-keeping samples, margin down to --margin-floor (default: on;"
                            + " method.md §7: without it samples rarely flip).")
    boolean keepLabel;

    @Option(
            names = "--margin-floor",
            defaultValue = "0.001",
            description =
                    "Smallest top-1 margin a generation step may leave (default: ${DEFAULT-VALUE}).")
    double marginFloor;

    @Option(
            names = "--safety",
            defaultValue = "10",
            description =
                    "Calibration safety factor over the measured drift (default: ${DEFAULT-VALUE}).")
    double safety;

    @Option(
            names = "--seed-limit",
            defaultValue = "10000",
            paramLabel = "K",
            description =
                    "Read at most K images of DATA; seeds are drawn from them (default: ${DEFAULT-VALUE}).")
    int seedLimit;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "libtorch intra-op threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--rng-seed",
            defaultValue = "42",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long rngSeed;

    @Option(
            names = "--pools",
            paramLabel = "LIST",
            description =
                    "Pools to build, comma-separated (default: all): sensitive, sensitive_last,"
                            + " natural, noise, margin_only, sensitive_margin, joint, pairs,"
                            + " joint_pairs. joint and the pairs are built from sensitive_margin's"
                            + " samples, which are then made even when sensitive_margin is not"
                            + " listed (and not reported); joint_pairs from the pairs, likewise.")
    String pools;

    @Option(
            names = "--margin-factor",
            paramLabel = "K",
            defaultValue = "" + MarginTuning.DEFAULT_FACTOR,
            description =
                    "Margin pools: top-1 margins walked into [K·f, W·K·f] over the noise floor f;"
                            + " K > 2 × --safety (default: ${DEFAULT-VALUE}).")
    double marginFactor;

    @Option(
            names = "--band-width",
            paramLabel = "W",
            defaultValue = "" + MarginTuning.DEFAULT_WIDTH,
            description =
                    "The margin band's upper edge over its lower one, W > 1; a narrower band holds"
                            + " margins nearer K·f (default: ${DEFAULT-VALUE}).")
    double bandWidth;

    @Option(
            names = "--noise-floor",
            paramLabel = "F",
            description =
                    "Declared noise floor f of the margin band (default: measured on the seeds"
                            + " and sensitive samples under the evaluation's benign variations).")
    Double noiseFloor;

    @Option(
            names = "--simulate",
            defaultValue = JointSelection.DEFAULT_FAMILIES,
            paramLabel = "SPEC;SPEC..",
            description =
                    "Attack families that order the joint and joint_pairs pools (default: ${DEFAULT-VALUE}).")
    String simulate;

    @Option(
            names = "--simulations",
            defaultValue = "" + JointSelection.DEFAULT_DRAWS,
            description = "Draws of each randomised --simulate family (default: ${DEFAULT-VALUE}).")
    int simulations;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        Profile profile = quick ? QUICK : FULL;
        EvaluationSettings settings = settings(profile);
        ModelSpec ms = model.spec();
        ImageDataset training = trainingData(settings);
        ImageDataset images = Datasets.open(data, seedLimit);
        EvaluationRequest request =
                new EvaluationRequest(
                        ms,
                        SeedDraw.draw(
                                images,
                                ms.inputShape(),
                                settings.poolSize(),
                                "the pool size",
                                rngSeed),
                        images.description(),
                        settings,
                        training,
                        twin == null ? null : ms.withPath(twin));
        EvaluationReport.prepare(report);
        EvaluationResult result;
        try (EvaluationProgress progress =
                new EvaluationProgress(spec.commandLine().getErr(), quiet)) {
            result = Evaluation.run(request, progress);
        }
        List<Path> written = EvaluationReport.write(result, profile.name(), commandLine(), report);
        var o = spec.commandLine().getOut();
        o.print(SummaryTables.markdown(result, profile.name(), commandLine()));
        o.print(TamperEffects.markdown(result));
        o.printf(Locale.ROOT, "%nwall time   %.1f s%n", result.seconds());
        o.printf("wrote       %d files in %s (open index.html)%n", written.size(), report);
        o.flush();
        return ExitCode.OK;
    }

    private EvaluationSettings settings(Profile profile) {
        List<Attack> parsed = new ArrayList<>();
        List<String> specs = attacks == null ? DEFAULT_ATTACKS : splitSpecs(attacks);
        for (String s : specs) {
            parsed.add(AttackSpecs.parse(s));
        }
        int m = copies == null ? profile.copies() : copies;
        int p = poolSize == null ? profile.poolSize() : poolSize;
        int st = steps == null ? profile.steps() : steps;
        if (m < 1 || p < 1 || st < 0 || threads < 1 || seedLimit < 1 || trainLimit < 1) {
            throw new BadInputException(
                    "--copies, --pool-size, --threads, --seed-limit and --train-limit must be >= 1,"
                            + " --steps >= 0");
        }
        if (maxN < 1 || maxN > p) {
            throw new BadInputException(
                    "--max-n must be in 1.." + p + " (the pool size), got " + maxN);
        }
        if (!(safety >= 1) || !(marginFloor >= 0) || !Double.isFinite(marginFloor)) {
            throw new BadInputException("--safety must be >= 1 and --margin-floor >= 0");
        }
        if (!(eps > 0) || !Double.isFinite(eps)) {
            throw new BadInputException("--eps must be > 0, got " + eps);
        }
        GeneratorSettings g =
                GeneratorSettings.defaults()
                        .withSteps(st)
                        .withKeepLabel(keepLabel, marginFloor)
                        .withEps(eps, Ball.RMS);
        try {
            return new EvaluationSettings(
                    parsed,
                    m,
                    p,
                    maxN,
                    g,
                    safety,
                    threads,
                    rngSeed,
                    pools == null ? EnumSet.allOf(PoolKind.class) : parsePools(pools),
                    new MarginTuning(
                            marginFactor,
                            noiseFloor == null
                                    ? OptionalDouble.empty()
                                    : OptionalDouble.of(noiseFloor),
                            bandWidth),
                    JointSelection.parse(simulate, simulations),
                    ClassSelection.parse(classes),
                    CoverLayers.parse(mancLayers));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    static EnumSet<PoolKind> parsePools(String text) {
        EnumSet<PoolKind> out = EnumSet.noneOf(PoolKind.class);
        for (String id : text.split(",", -1)) {
            if (id.isBlank()) {
                throw new BadInputException(
                        "--pools has an empty name in '"
                                + text
                                + "' (pools: "
                                + PoolKind.ids()
                                + ")");
            }
            if (!out.add(PoolKind.parse(id))) {
                throw new BadInputException("--pools lists " + id.strip() + " twice");
            }
        }
        return out;
    }

    /**
     * The training attacks' images, read only when an attack needs them.
     *
     * @throws BadInputException if an attack needs them and --train-data is missing
     */
    private ImageDataset trainingData(EvaluationSettings settings) {
        Attack training =
                settings.attacks().stream().filter(Attack::needsData).findFirst().orElse(null);
        if (training == null) {
            return null;
        }
        if (trainData == null) {
            throw new BadInputException(
                    "attack "
                            + training.spec()
                            + " trains the model and needs labelled images: give --train-data");
        }
        return Datasets.open(trainData, trainLimit);
    }

    private static List<String> splitSpecs(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split(";", -1)) {
            if (s.isBlank()) {
                throw new BadInputException(
                        "--attacks has an empty spec in '" + text + "' (separate specs with ';')");
            }
            out.add(s.trim());
        }
        return out;
    }

    private String commandLine() {
        return "sensiprint " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
