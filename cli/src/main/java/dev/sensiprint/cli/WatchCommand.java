package dev.sensiprint.cli;

import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.fingerprint.file.FingerprintFile;
import dev.sensiprint.watch.Round;
import dev.sensiprint.watch.Schedule;
import dev.sensiprint.watch.Watch;
import dev.sensiprint.watch.Webhook;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sensiprint watch}: verify periodically, one line per round on stdout, metrics for
 * Prometheus, a webhook when the verdict changes. Server trouble makes INCONCLUSIVE rounds, never
 * an exit; SIGTERM (or Ctrl-C) ends the watch cleanly with exit code 0.
 */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        description = {
            "Verify a served model periodically: one line per round on stdout (time, verdict,",
            "mismatches, latency), Prometheus metrics with --metrics-port, a JSON POST to",
            "--webhook when the verdict changes. Runs until stopped (SIGTERM: exit 0), or",
            "--rounds N times and then exits with the last verdict's code (0, 3 or 4)."
        })
final class WatchCommand implements Callable<Integer> {

    /** How long a SIGTERM waits for the round in flight and the cleanup before exiting. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    @Spec CommandSpec spec;

    /** The exit code of the last round's verdict, returned after --rounds N. */
    private volatile int lastExitCode = ExitCode.INCONCLUSIVE;

    @Mixin FingerprintOptions fingerprint;

    @Mixin EndpointOptions endpoint;

    @Option(
            names = "--interval",
            defaultValue = "5m",
            paramLabel = "DURATION",
            description =
                    "Mean pause between rounds, e.g. 30s, 5m, 1h (default: ${DEFAULT-VALUE}).")
    String interval;

    @Option(
            names = "--jitter",
            defaultValue = "10%",
            paramLabel = "PCT",
            description =
                    "Random stretch of each pause, 0%% to 50%%, so rounds keep no fixed beat"
                            + " (default: ${DEFAULT-VALUE}).")
    String jitter;

    @Option(
            names = "--sample",
            paramLabel = "K",
            description = "Query a fresh random K of the samples each round (default: all).")
    Integer sample;

    @Option(
            names = "--mode",
            paramLabel = "MODE",
            description = "label, topk, probs or exact (default: the fingerprint's).")
    String mode;

    @Option(
            names = "--metrics-port",
            paramLabel = "P",
            description = "Serve Prometheus metrics at http://HOST:P/metrics (0: any free port).")
    Integer metricsPort;

    @Option(
            names = "--metrics-host",
            defaultValue = "127.0.0.1",
            paramLabel = "HOST",
            description =
                    "Address for the metrics server (default: ${DEFAULT-VALUE}; 0.0.0.0 for all).")
    String metricsHost;

    @Option(
            names = "--webhook",
            paramLabel = "URL",
            description = "POST a JSON body here when the verdict changes (and after round 1).")
    URI webhook;

    @Option(
            names = "--webhook-timeout",
            defaultValue = "5s",
            paramLabel = "DURATION",
            description = "Time limit of one webhook delivery (default: ${DEFAULT-VALUE}).")
    String webhookTimeout;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "Stop after N rounds and exit with the last verdict's code.")
    Long rounds;

    @Override
    public Integer call() {
        Schedule schedule =
                new Schedule(Durations.parse("--interval", interval), parseJitter(jitter));
        if (rounds != null && rounds < 1) {
            throw new BadInputException("--rounds must be at least 1, got " + rounds);
        }
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new BadInputException("--metrics-port must be 0 to 65535, got " + metricsPort);
        }
        Duration hookTimeout = Durations.parse("--webhook-timeout", webhookTimeout);
        endpoint.prepare();
        FingerprintFile f = fingerprint.read();
        int total = f.fingerprint().samples().size();
        if (sample != null && (sample < 1 || sample > total)) {
            throw new BadInputException("--sample must be 1 to " + total + ", got " + sample);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (InferenceEndpoint ep = endpoint.open(f.fingerprint().model())) {
            Watch.Builder b =
                    Watch.builder(ep, f.fingerprint())
                            .schedule(schedule)
                            .rounds(rounds == null ? 0 : rounds)
                            .onListenerFailure((l, e) -> log(err, "round listener failed: " + e));
            if (mode != null) {
                b.mode(VerifyCommand.parseMode(mode));
            }
            if (sample != null) {
                b.subset(sample);
            }
            b.listener(r -> printRound(out, r));
            WatchMetrics metrics = null;
            if (metricsPort != null) {
                metrics = new WatchMetrics();
                b.listener(metrics);
            }
            if (webhook != null) {
                b.listener(webhook(f, ep, hookTimeout, err));
            }
            Watch watch = b.build();
            return run(watch, metrics, f, ep, schedule, err);
        }
    }

    private int run(
            Watch watch,
            WatchMetrics metrics,
            FingerprintFile f,
            InferenceEndpoint ep,
            Schedule schedule,
            PrintWriter err) {
        CountDownLatch cleanedUp = new CountDownLatch(1);
        AtomicBoolean ended = new AtomicBoolean();
        // On SIGTERM the JVM runs shutdown hooks and would then exit with 143; a watch that was
        // asked to stop has done its job, so the hook waits for the cleanup and halts with 0.
        // A JVM exit for any other reason after the watch ended (e.g. exit 1 on an internal
        // error) must keep its code: then the hook does nothing.
        Thread hook =
                new Thread(
                        () -> {
                            if (ended.get()) {
                                return;
                            }
                            watch.stop();
                            try {
                                cleanedUp.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            log(err, "stopped after " + watch.completedRounds() + " rounds");
                            Runtime.getRuntime().halt(ExitCode.OK);
                        },
                        "sensiprint-watch-stop");
        MetricsServer server = null;
        try {
            if (metrics != null) {
                server = MetricsServer.start(metricsHost, metricsPort, metrics::scrape);
            }
            Runtime.getRuntime().addShutdownHook(hook);
            log(
                    err,
                    String.format(
                            Locale.ROOT,
                            "watching %s against %s: %s of %d samples every %s ±%.0f%%%s",
                            fingerprint.file,
                            ep.describe(),
                            sample == null ? "all" : String.valueOf(sample),
                            f.fingerprint().samples().size(),
                            interval,
                            schedule.jitter() * 100,
                            server == null ? "" : "; metrics at " + server.uri()));
            watch.run();
        } finally {
            if (server != null) {
                server.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            boolean stoppedByHook = watch.isStopped();
            ended.set(true);
            cleanedUp.countDown();
            if (!stoppedByHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException | IllegalArgumentException e) {
                    // Already shutting down, or the hook was never added: nothing to undo.
                }
            }
        }
        // Stopped by the hook, which exits with 0 itself; otherwise the last verdict's code.
        return watch.isStopped() ? ExitCode.OK : lastExitCode;
    }

    private void printRound(PrintWriter out, Round r) {
        lastExitCode = VerificationView.exitCode(r.verdict());
        Duration latency = r.latencies().stream().reduce(Duration.ZERO, Duration::plus);
        StringBuilder line =
                new StringBuilder(
                        String.format(
                                Locale.ROOT,
                                "%s round=%d verdict=%s mismatches=%d failed=%d queried=%d"
                                        + " latency_ms=%.1f wall_ms=%.1f",
                                r.startedAt().truncatedTo(ChronoUnit.MILLIS),
                                r.number(),
                                r.verdict().name(),
                                r.mismatches(),
                                r.failures(),
                                r.queried(),
                                latency.toNanos() / 1e6,
                                r.wallTime().toNanos() / 1e6));
        if (!(r.verdict() instanceof dev.sensiprint.verify.Verdict.Intact)) {
            line.append(" first=\"").append(firstReason(r)).append('"');
        }
        out.println(line);
        out.flush();
    }

    private static String firstReason(Round r) {
        String s = r.verdict().summary();
        int i = s.indexOf("; first: ");
        String reason = i < 0 ? s : s.substring(i + "; first: ".length());
        return reason.replace('"', '\'').replace('\n', ' ');
    }

    private Webhook webhook(
            FingerprintFile f, InferenceEndpoint ep, Duration timeout, PrintWriter err) {
        try {
            return new Webhook(
                    webhook,
                    Map.of(
                            "fingerprint", fingerprint.file.toString(),
                            "fingerprintSha256", f.sha256(),
                            "model", f.fingerprint().model().fileName(),
                            "endpoint", ep.describe()),
                    timeout,
                    line -> log(err, line));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--webhook: " + e.getMessage());
        }
    }

    private static void log(PrintWriter err, String line) {
        synchronized (err) {
            err.println("sensiprint watch: " + line);
            err.flush();
        }
    }

    /** {@code 10%} or a fraction such as {@code 0.1}. */
    static double parseJitter(String text) {
        String t = text.trim();
        try {
            double v =
                    t.endsWith("%")
                            ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100
                            : Double.parseDouble(t);
            if (v >= 0 && v <= 0.5) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new BadInputException("--jitter must be 0% to 50% (or 0 to 0.5), got '" + text + "'");
    }
}
