package dev.sensiprint.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sensiprint.calibrate.DriftCalibration;
import dev.sensiprint.data.Datasets;
import dev.sensiprint.data.SeedDraw;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.file.FingerprintReader;
import dev.sensiprint.fingerprint.file.FingerprintWriter;
import dev.sensiprint.generate.Ball;
import dev.sensiprint.generate.FingerprintGenerator;
import dev.sensiprint.generate.FingerprintGenerator.Generation;
import dev.sensiprint.generate.GenerationRequest;
import dev.sensiprint.generate.GeneratorSettings;
import dev.sensiprint.generate.JointSelection;
import dev.sensiprint.generate.MarginTuning;
import dev.sensiprint.generate.Objective;
import dev.sensiprint.generate.PipelineSettings;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.select.CoverLayers;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.signing.PemKeys;
import dev.sensiprint.stats.Median;
import dev.sensiprint.tensor.FloatTensor;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sensiprint generate}: sensitive samples from natural seeds, written as a fingerprint. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Turn natural seed images into sensitive samples, choose a set by maximum",
            "active-neuron cover, calibrate against benign drift, and write a fingerprint file."
        })
final class GenerateCommand implements Callable<Integer> {

    /** Untunable candidates listed with their reason; the rest are counted (all in --json). */
    private static final int SHOWN_REASONS = 5;

    @Spec CommandSpec spec;

    @Mixin ModelOptions model;

    @Option(
            names = "--seeds",
            required = true,
            paramLabel = "DATA",
            description =
                    "Natural images: an IDX/CIFAR/GTSRB file or a folder of images (see README).")
    String seeds;

    @Option(
            names = "--seed-count",
            paramLabel = "K",
            defaultValue = "10000",
            description =
                    "Read at most K images of DATA; candidates are drawn from them at random (default: ${DEFAULT-VALUE}).")
    int seedCount;

    @Option(
            names = "--candidates",
            defaultValue = "100",
            description = "Candidate samples to generate (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(
            names = "--count",
            defaultValue = "10",
            description = "Samples in the fingerprint (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "F.sfp",
            description = "The fingerprint file to write.")
    Path out;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Option(
            names = "--steps",
            defaultValue = "300",
            description = "Most Adam steps per candidate (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(
            names = "--lr",
            defaultValue = "0.01",
            description = "Adam step size in pixel units (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--eps",
            defaultValue = "0.0392156862745098",
            description = "Closeness radius around the seed (default: 10/255).")
    double eps;

    @Option(
            names = "--ball",
            defaultValue = "rms",
            description = "rms or linf (default: ${DEFAULT-VALUE}).")
    String ball;

    @Option(
            names = "--weights",
            defaultValue = "all",
            description =
                    "W: all, last (final linear layer) or names:a,b (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(
            names = "--classes",
            defaultValue = "top1",
            description = "C: top1, topK (e.g. top3) or all (default: ${DEFAULT-VALUE}).")
    String classes;

    @Option(
            names = "--keep-label",
            description =
                    "Reject steps that change the seed's label or leave a margin below --margin-floor.")
    boolean keepLabel;

    @Option(
            names = "--margin-floor",
            defaultValue = "0.001",
            description =
                    "Smallest top-1 margin a step may leave with --keep-label (default: ${DEFAULT-VALUE}).")
    double marginFloor;

    @Option(
            names = "--quantize",
            paramLabel = "none|uint8",
            defaultValue = "none",
            description = "Round samples to the 8-bit grid (default: ${DEFAULT-VALUE}).")
    String quantize;

    @Option(
            names = "--mode",
            defaultValue = "label",
            description =
                    "Comparison mode the fingerprint recommends: label, topk, probs or exact (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--twin",
            paramLabel = "M.onnx",
            description =
                    "Another artifact of the same network (e.g. its ONNX export) the fingerprint must also verify on.")
    Path twin;

    @Option(
            names = "--objective",
            defaultValue = "sensitivity",
            description = {
                "sensitivity (ascend log S, the paper) or margin (no ascent: the seeds, then the",
                "margin walk if --margin-factor is given; the control) (default: ${DEFAULT-VALUE})."
            })
    String objective;

    @Option(
            names = "--margin-factor",
            paramLabel = "K",
            description = {
                "Walk every candidate to a top-1 margin in [K·f, W·K·f] above the noise floor f,",
                "so that label-only verification sees small changes; K > 2 × --safety (e.g. 30)."
            })
    Double marginFactor;

    @Option(
            names = "--band-width",
            paramLabel = "W",
            description =
                    "The margin band's upper edge over its lower one, W > 1: a narrower band holds"
                            + " the margins nearer K·f, whose safety it keeps (default: 2; needs"
                            + " --margin-factor).")
    Double bandWidth;

    @Option(
            names = "--drift",
            defaultValue = "same-runtime",
            paramLabel = "CLASS|F",
            description = {
                "The noise floor f for --margin-factor: same-runtime (measured over threads, batch",
                "and reload), cross-runtime (also the --twin), or a number (default: ${DEFAULT-VALUE})."
            })
    String drift;

    @Option(
            names = "--select",
            defaultValue = "manc",
            description =
                    "manc (maximum active-neuron cover, the paper), joint (the set that catches the"
                            + " most simulated --simulate changes in label mode), pairs (--count/2"
                            + " candidates by MANC, each with its twin just across its decision"
                            + " boundary at a margin in the same band; needs --margin-factor and an"
                            + " even --count) or joint-pairs (the pairs that catch the most"
                            + " simulated changes, a pair catching when either member flips)"
                            + " (default: ${DEFAULT-VALUE}).")
    String select;

    @Option(
            names = "--manc-layers",
            defaultValue = "penultimate",
            description = {
                "What maximum active-neuron cover counts: penultimate (the paper), linear (the",
                "input of every fully connected layer after the image) or all (every layer,",
                "convolutions included: the weights with a non-negligible gradient of the top",
                "logit) (default: ${DEFAULT-VALUE})."
            })
    String mancLayers;

    @Option(
            names = "--simulate",
            defaultValue = JointSelection.DEFAULT_FAMILIES,
            paramLabel = "SPEC;SPEC..",
            description = "Attack families joint selection simulates (default: ${DEFAULT-VALUE}).")
    String simulate;

    @Option(
            names = "--simulations",
            defaultValue = "" + JointSelection.DEFAULT_DRAWS,
            description =
                    "Draws of each randomised family for --select joint and joint-pairs (default:"
                            + " ${DEFAULT-VALUE}).")
    int simulations;

    @Option(
            names = "--safety",
            defaultValue = "10",
            description =
                    "Calibration safety factor over the measured drift (default: ${DEFAULT-VALUE}).")
    double safety;

    @Option(
            names = "--sign-key",
            paramLabel = "KEY.pem",
            description = "Sign the file with this Ed25519 private key (see keygen).")
    Path signKey;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description =
                    "libtorch intra-op threads; outputs are recorded at this count (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--rng-seed",
            defaultValue = "42",
            description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long rngSeed;

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        OutputFile.requireWritable("--out", out, force, model.spec().path());
        GenerationRequest request = request();
        FingerprintWriter writer =
                signKey == null
                        ? FingerprintWriter.unsigned()
                        : FingerprintWriter.signedWith(PemKeys.readPrivateKey(signKey));
        long start = System.nanoTime();
        Generation g;
        var err = spec.commandLine().getErr();
        try (GenerationProgress progress = new GenerationProgress(err, quiet)) {
            g = new FingerprintGenerator(Clock.systemUTC()).generate(request, progress);
        }
        writer.write(g.fingerprint(), out);
        double seconds = (System.nanoTime() - start) / 1e9;
        var o = spec.commandLine().getOut();
        if (json) {
            o.println(
                    new ObjectMapper()
                            .enable(SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsString(summary(g, request.cover(), seconds)));
        } else {
            printSummary(g, request.cover(), seconds, o);
        }
        o.flush();
        return ExitCode.OK;
    }

    private GenerationRequest request() {
        ModelSpec ms = model.spec();
        if (candidates < 1 || count < 1 || count > candidates) {
            throw new BadInputException(
                    "need 1 <= --count <= --candidates, got count "
                            + count
                            + " and candidates "
                            + candidates);
        }
        if (!(eps > 0) || !(lr > 0) || steps < 0 || threads < 1 || !(safety >= 1)) {
            throw new BadInputException(
                    "--eps and --lr must be > 0, --steps >= 0, --threads >= 1, --safety >= 1");
        }
        Ball b =
                switch (ball.toLowerCase(Locale.ROOT)) {
                    case "rms" -> Ball.RMS;
                    case "linf" -> Ball.LINF;
                    default ->
                            throw new BadInputException("--ball must be rms or linf, got " + ball);
                };
        boolean q =
                switch (quantize.toLowerCase(Locale.ROOT)) {
                    case "none" -> false;
                    case "uint8" -> true;
                    default ->
                            throw new BadInputException(
                                    "--quantize must be none or uint8, got " + quantize);
                };
        GeneratorSettings gs =
                GeneratorSettings.defaults()
                        .withSteps(steps)
                        .withLearningRate(lr)
                        .withEps(eps, b)
                        .withKeepLabel(keepLabel, marginFloor)
                        .withQuantize(q)
                        .withValueRange(ms.valueMin(), ms.valueMax());
        List<FloatTensor> chosen =
                SeedDraw.draw(
                        Datasets.open(seeds, seedCount),
                        ms.inputShape(),
                        candidates,
                        "--candidates",
                        rngSeed);
        ModelSpec twinSpec = twin == null ? null : ms.withPath(twin);
        try {
            return new GenerationRequest(
                    ms,
                    twinSpec,
                    chosen,
                    seeds,
                    new PipelineSettings(
                            candidates,
                            count,
                            gs,
                            safety,
                            Objective.parse(objective),
                            marginTuning(),
                            jointSelection(),
                            pairs()),
                    WeightSelection.parse(weights),
                    ClassSelection.parse(classes),
                    CoverLayers.parse(mancLayers),
                    VerifyCommand.parseMode(mode),
                    threads,
                    rngSeed);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private Optional<JointSelection> jointSelection() {
        switch (select.toLowerCase(Locale.ROOT)) {
            case "manc", "pairs":
                return Optional.empty();
            case "joint", "joint-pairs":
                return Optional.of(JointSelection.parse(simulate, simulations));
            default:
                throw new BadInputException(
                        "--select must be manc, joint, pairs or joint-pairs, got " + select);
        }
    }

    /**
     * Whether {@code --select pairs} or {@code joint-pairs} asks for boundary pairs; checks what
     * they need.
     */
    private boolean pairs() {
        if (!select.equalsIgnoreCase("pairs") && !select.equalsIgnoreCase("joint-pairs")) {
            return false;
        }
        if (marginFactor == null) {
            throw new BadInputException(
                    "--select "
                            + select
                            + " needs --margin-factor: each twin is walked into the margin band");
        }
        if (count % 2 != 0) {
            throw new BadInputException(
                    "--select "
                            + select
                            + " needs an even --count (two samples a pair), got "
                            + count);
        }
        return true;
    }

    private Optional<MarginTuning> marginTuning() {
        OptionalDouble declared;
        switch (drift.toLowerCase(Locale.ROOT)) {
            case "same-runtime" -> declared = OptionalDouble.empty();
            case "cross-runtime" -> {
                if (twin == null) {
                    throw new BadInputException(
                            "--drift cross-runtime needs the other runtime's artifact: --twin");
                }
                declared = OptionalDouble.empty();
            }
            default -> {
                try {
                    declared = OptionalDouble.of(Double.parseDouble(drift));
                } catch (NumberFormatException e) {
                    throw new BadInputException(
                            "--drift must be same-runtime, cross-runtime or a number, got "
                                    + drift);
                }
            }
        }
        if (marginFactor == null) {
            if (bandWidth != null) {
                throw new BadInputException(
                        "--band-width needs --margin-factor: it shapes the margin band");
            }
            return Optional.empty();
        }
        return Optional.of(
                new MarginTuning(
                        marginFactor,
                        declared,
                        bandWidth == null ? MarginTuning.DEFAULT_WIDTH : bandWidth));
    }

    private void printSummary(
            Generation g, CoverLayers cover, double seconds, java.io.PrintWriter o) {
        DriftCalibration c = g.details().calibration();
        List<FingerprintSample> s = g.fingerprint().samples();
        o.printf(
                Locale.ROOT,
                "wrote        %s (%d samples, %s)%n",
                out,
                s.size(),
                signKey == null ? "unsigned" : "signed");
        CandidateSummary all = CandidateSummary.of(g.details().candidates(), peak());
        o.printf(
                Locale.ROOT,
                "candidates   %d generated in %.1f s: median gain %s, PSNR %s dB, SSIM %s;"
                        + " %d of %d keep the seed's label%n",
                all.count(),
                seconds,
                Numbers.sig(all.medianGain()),
                Numbers.fixed(all.medianPsnr(), 1),
                Numbers.fixed(all.medianSsim(), 4),
                all.labelsKept(),
                all.count());
        o.printf(
                Locale.ROOT,
                "calibration  %d dropped; noise floor %s over %s; probs tolerance %s%n",
                c.samples().size() - c.kept().size(),
                Numbers.sig(c.noiseFloor()),
                String.join(", ", c.variations()),
                Numbers.sig(c.tolerance()));
        for (int i = 0; i < c.samples().size(); i++) {
            if (!c.samples().get(i).kept()) {
                o.printf(
                        Locale.ROOT,
                        "  dropped candidate %d: %s%n",
                        i,
                        c.samples().get(i).reason());
            }
        }
        g.details()
                .tuning()
                .ifPresent(
                        t -> {
                            o.printf(
                                    Locale.ROOT,
                                    "margin band  %s to %s (K × the %s noise floor %s); %d"
                                            + " untunable%n",
                                    Numbers.sig(t.band().low()),
                                    Numbers.sig(t.band().high()),
                                    t.measured() ? "measured" : "declared",
                                    Numbers.sig(t.noiseFloor()),
                                    t.failures().size());
                            t.failures().entrySet().stream()
                                    .limit(SHOWN_REASONS)
                                    .forEach(
                                            e ->
                                                    o.printf(
                                                            Locale.ROOT,
                                                            "  untunable candidate %d: %s%n",
                                                            e.getKey(),
                                                            e.getValue()));
                            if (t.failures().size() > SHOWN_REASONS) {
                                o.printf(
                                        "  and %d more (see --json)%n",
                                        t.failures().size() - SHOWN_REASONS);
                            }
                        });
        g.details()
                .joint()
                .ifPresent(
                        j ->
                                o.printf(
                                        Locale.ROOT,
                                        "selection    %s: the set catches %.1f %% of the"
                                                + " simulated changes (%s)%n",
                                        select.toLowerCase(Locale.ROOT),
                                        100 * j.caught(),
                                        simulate));
        o.printf(
                Locale.ROOT,
                "cover        %.1f %% of %s%n",
                100 * g.details().selection().coveredFraction(),
                cover.units());
        o.printf(
                Locale.ROOT,
                "chosen       median gain %s, PSNR %s dB, SSIM %s, margin %s%n",
                Numbers.sig(median(s, x -> x.stats().gain())),
                Numbers.fixed(median(s, x -> x.stats().psnr()), 1),
                Numbers.fixed(median(s, x -> x.stats().ssim()), 4),
                Numbers.sig(median(s, x -> x.margin())));
        o.printf("next         sensiprint inspect %s%n", out);
    }

    private ObjectNode summary(Generation g, CoverLayers cover, double seconds) {
        ObjectNode root = FingerprintView.json(FingerprintReader.read(out));
        DriftCalibration c = g.details().calibration();
        root.put("file", out.toString());
        root.put("seconds", seconds);
        root.put("candidates", g.details().candidates().size());
        CandidateSummary all = CandidateSummary.of(g.details().candidates(), peak());
        ObjectNode c0 = root.putObject("candidateSummary");
        c0.put("medianGain", all.medianGain());
        c0.put("medianPsnr", all.medianPsnr());
        c0.put("medianSsim", all.medianSsim());
        c0.put("labelsKept", all.labelsKept());
        root.put("droppedByCalibration", c.samples().size() - c.kept().size());
        root.put("coveredFraction", g.details().selection().coveredFraction());
        root.put("mancLayers", cover.id());
        g.details()
                .tuning()
                .ifPresent(
                        t -> {
                            ObjectNode n = root.putObject("marginTuning");
                            n.put("noiseFloor", t.noiseFloor());
                            n.put("measured", t.measured());
                            n.put("bandLow", t.band().low());
                            n.put("bandHigh", t.band().high());
                            ObjectNode f = n.putObject("untunable");
                            t.failures().forEach((i, why) -> f.put(Integer.toString(i), why));
                        });
        g.details().joint().ifPresent(j -> root.put("simulatedCaught", j.caught()));
        return root;
    }

    private double peak() {
        ModelSpec ms = model.spec();
        return ms.valueMax() - ms.valueMin();
    }

    private static double median(
            List<FingerprintSample> s, java.util.function.ToDoubleFunction<FingerprintSample> f) {
        return Median.of(s.stream().mapToDouble(f).toArray());
    }
}
