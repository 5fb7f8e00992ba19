package dev.sensiprint.cli;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.TorchRuntime;
import dev.sensiprint.serve.InferenceServer;
import dev.sensiprint.serve.ServeSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sensiprint demo}: the whole story on the built-in model and seed images. It runs the very
 * commands a user would run (generate, keygen, tamper, verify) in this process, each shown with its
 * command line and output, and serves the models with the same server as {@code serve}.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Fingerprint the built-in MNIST model, serve it and verify it (INTACT), then serve a",
            "tampered copy and verify again (TAMPERED). Takes about a minute."
        })
final class DemoCommand implements Callable<Integer> {

    /**
     * A trojan implanted by fine-tuning on the demo's own 100 images: a realistic, quiet attack.
     */
    static final String DEFAULT_ATTACK = "trojan:size=4,target=0";

    private static final String INPUT_SHAPE = "1,28,28";

    @Spec CommandSpec spec;

    @Option(
            names = "--out",
            defaultValue = "sensiprint-demo",
            paramLabel = "DIR",
            description =
                    "Where the fingerprint, keys, models and reports go (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
            names = "--model",
            paramLabel = "M.pt",
            description =
                    "The model to fingerprint (default: the shipped demo/model/mnist-demo.pt).")
    Path model;

    @Option(
            names = "--seeds",
            paramLabel = "DIR",
            description = "Seed images, 1×28×28 (default: the shipped demo/seeds).")
    Path seeds;

    @Option(
            names = "--attack",
            defaultValue = DEFAULT_ATTACK,
            paramLabel = "SPEC",
            description = "How the served copy is tampered with (default: ${DEFAULT-VALUE}).")
    String attack;

    @Option(
            names = "--rng-seed",
            defaultValue = "1",
            description = "Seed of generation and of the attack (default: ${DEFAULT-VALUE}).")
    long rngSeed;

    @Override
    public Integer call() throws Exception {
        DemoFiles files = DemoFiles.locate(model, seeds);
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        Narrative story = new Narrative(out, spec.commandLine().getErr());
        long start = System.nanoTime();

        story.intro(files);
        Path keys = dir.resolve("keys");
        Path sfp = dir.resolve("mnist-demo.sfp");
        Path tampered = dir.resolve("mnist-demo-tampered.pt");

        story.chapter("1. You, offline: make a signing key and fingerprint the model you deploy");
        Path privateKey = KeygenCommand.privateKey(keys, KeygenCommand.DEFAULT_NAME);
        String publicKey = KeygenCommand.publicKey(keys, KeygenCommand.DEFAULT_NAME).toString();
        if (!Files.exists(privateKey)) {
            story.run(ExitCode.OK, "keygen", "--out", keys.toString());
        } else {
            story.note("reusing the key pair in " + keys);
        }
        story.run(
                ExitCode.OK,
                "generate",
                "--model",
                files.model().toString(),
                "--input-shape",
                INPUT_SHAPE,
                "--seeds",
                files.seeds().toString(),
                "--candidates",
                "30",
                "--count",
                "10",
                "--rng-seed",
                Long.toString(rngSeed),
                "--sign-key",
                privateKey.toString(),
                "--out",
                sfp.toString(),
                "--force",
                "--quiet");

        String name = ServeSettings.nameFromFileName(files.model().getFileName().toString());
        story.chapter("2. The server runs your model: verify it, black-box, over HTTP");
        try (Served genuine = Served.start(files.model(), name)) {
            story.note("serving " + files.model() + " at " + genuine.url());
            story.run(
                    ExitCode.OK,
                    "verify",
                    sfp.toString(),
                    "--endpoint",
                    genuine.url(),
                    "--key",
                    publicKey,
                    "--seed",
                    Long.toString(rngSeed));
        }

        story.chapter("3. Someone tampers with the served model");
        Files.deleteIfExists(tampered);
        story.run(
                ExitCode.OK,
                "tamper",
                "--model",
                files.model().toString(),
                "--input-shape",
                INPUT_SHAPE,
                "--attack",
                attack,
                "--data",
                files.seeds().toString(),
                "--rng-seed",
                Long.toString(rngSeed),
                "--out",
                tampered.toString());

        story.chapter("4. The server now answers with the tampered copy, under the same name");
        try (Served forged = Served.start(tampered, name)) {
            story.note("serving " + tampered + " at " + forged.url());
            story.run(
                    ExitCode.TAMPERED,
                    "verify",
                    sfp.toString(),
                    "--endpoint",
                    forged.url(),
                    "--key",
                    publicKey,
                    "--seed",
                    Long.toString(rngSeed));
        }

        story.summary((System.nanoTime() - start) / 1e9, sfp);
        return ExitCode.OK;
    }

    /** The shipped model and seeds, found beside the distribution or in the working directory. */
    record DemoFiles(Path model, Path seeds) {

        static final String MODEL = "demo/model/mnist-demo.pt";
        static final String SEEDS = "demo/seeds";

        static DemoFiles locate(Path model, Path seeds) {
            Path home = home();
            Path m = model != null ? model : home == null ? null : home.resolve(MODEL);
            Path s = seeds != null ? seeds : home == null ? null : home.resolve(SEEDS);
            if (m == null || !Files.isRegularFile(m)) {
                throw new BadInputException(
                        "cannot find the demo model "
                                + (m == null ? MODEL : m)
                                + "; run from the SensiPrint checkout or pass --model");
            }
            if (s == null || !Files.isDirectory(s)) {
                throw new BadInputException(
                        "cannot find the demo seeds "
                                + (s == null ? SEEDS : s)
                                + "; run from the SensiPrint checkout or pass --seeds");
            }
            return new DemoFiles(m.normalize(), s.normalize());
        }

        /**
         * The checkout holding demo/: the distribution's (cli/target/x) or the working directory.
         */
        private static Path home() {
            List<Path> candidates = new ArrayList<>();
            try {
                Path code =
                        Path.of(
                                DemoCommand.class
                                        .getProtectionDomain()
                                        .getCodeSource()
                                        .getLocation()
                                        .toURI());
                if (code.getNameCount() >= 3) {
                    candidates.add(code.getParent().getParent().getParent());
                }
            } catch (Exception e) {
                // No code source (an unusual class loader): the working directory may still do.
            }
            candidates.add(Path.of("").toAbsolutePath());
            return candidates.stream()
                    .filter(p -> Files.isDirectory(p.resolve("demo")))
                    .findFirst()
                    .map(Path::toAbsolutePath)
                    .map(p -> relativeIfShorter(p))
                    .orElse(null);
        }

        private static Path relativeIfShorter(Path p) {
            Path cwd = Path.of("").toAbsolutePath();
            Path rel = cwd.relativize(p);
            return rel.toString().isEmpty() ? Path.of(".") : rel.getNameCount() < 4 ? rel : p;
        }
    }

    /** A model behind the OIP server on a free loopback port, as {@code serve} would run it. */
    private record Served(InferenceModel model, InferenceServer server, String url)
            implements AutoCloseable {

        static Served start(Path file, String name) {
            TorchRuntime.setIntraOpThreads(1);
            InferenceModel m =
                    ModelLoader.forInference(ServeCommand.servedSpec(file, new int[] {1, 28, 28}));
            try {
                InferenceServer s =
                        new InferenceServer(m, ServeSettings.builder(name).port(0).build()).start();
                return new Served(m, s, s.uri() + "/v2/models/" + name);
            } catch (RuntimeException e) {
                m.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try (model) {
                server.close();
            }
        }
    }

    /** The demo's voice: chapters, the commands run with their output indented, timings. */
    private static final class Narrative {

        private final PrintWriter out;
        private final PrintWriter err;
        private final List<String> timings = new ArrayList<>();

        Narrative(PrintWriter out, PrintWriter err) {
            this.out = out;
            this.err = err;
        }

        void intro(DemoFiles files) {
            out.println(
                    "SensiPrint demo: is the model a server answers with the one you deployed?");
            out.println("  model  " + files.model() + " (an MNIST digit classifier)");
            out.println("  seeds  " + files.seeds() + " (100 MNIST test images)");
            out.flush();
        }

        void chapter(String title) {
            out.println();
            out.println("== " + title);
            out.flush();
        }

        void note(String text) {
            out.println("  " + text);
            out.flush();
        }

        /** Runs one sensiprint command line here, shows it, and insists on its exit code. */
        void run(int expectedExit, String... args) {
            out.println("$ sensiprint " + String.join(" ", args));
            out.flush();
            PrintWriter indented = new PrintWriter(new IndentingWriter(out, "    "), true);
            long t0 = System.nanoTime();
            int code = Main.run(indented, err, args);
            indented.flush();
            double seconds = (System.nanoTime() - t0) / 1e9;
            timings.add(String.format(Locale.ROOT, "%-9s %6.1f s", args[0], seconds));
            out.printf(Locale.ROOT, "  (%s: exit %d, %.1f s)%n", args[0], code, seconds);
            out.flush();
            if (code != expectedExit) {
                throw new DemoFailure(
                        "the demo expected exit "
                                + expectedExit
                                + " from "
                                + args[0]
                                + " but got "
                                + code);
            }
        }

        void summary(double seconds, Path sfp) {
            out.println();
            out.println("== What happened");
            out.println("  The genuine model answered every sample as recorded: INTACT (exit 0).");
            out.println(
                    "  The tampered copy gave itself away on the same samples: TAMPERED (exit 3).");
            for (String t : timings) {
                out.println("  " + t);
            }
            out.printf(Locale.ROOT, "  total     %6.1f s%n", seconds);
            out.println("  Next: sensiprint inspect " + sfp + "   (what the fingerprint holds)");
            out.flush();
        }
    }

    /** The demo did not end as it should: a bug, not bad input, so exit 1 with the reason. */
    static final class DemoFailure extends RuntimeException {
        DemoFailure(String message) {
            super(message);
        }
    }
}
