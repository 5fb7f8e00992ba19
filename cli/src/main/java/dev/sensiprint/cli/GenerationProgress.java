package dev.sensiprint.cli;

import dev.sensiprint.generate.FingerprintPipeline;
import dev.sensiprint.generate.GeneratedSample;
import java.io.PrintWriter;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Progress of generation on stderr: a progress bar with the current S and an ETA on a terminal, one
 * line per candidate otherwise (logs, CI), nothing when quiet.
 */
final class GenerationProgress implements FingerprintPipeline.Listener, AutoCloseable {

    private final PrintWriter err;
    private final boolean quiet;
    private ProgressBar bar;

    GenerationProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void candidateStarted(int index, int total) {
        if (quiet || System.console() == null || bar != null) {
            return;
        }
        bar = ProgressBars.of("candidates", total).showSpeed().build();
    }

    @Override
    public void step(int index, int step, double sensitivity) {
        if (bar != null && step % 10 == 0) {
            bar.setExtraMessage(
                    String.format(Locale.ROOT, " #%d step %d S=%.3g", index, step, sensitivity));
        }
    }

    @Override
    public void candidateDone(int index, GeneratedSample g) {
        if (bar != null) {
            bar.step();
        } else if (!quiet) {
            err.printf(
                    Locale.ROOT,
                    "candidate %d: S %s -> %s (gain %s), %d steps, %s%n",
                    index,
                    Numbers.sig(g.seedSensitivity()),
                    Numbers.sig(g.sensitivity()),
                    Numbers.sig(g.gain()),
                    g.stepsTaken(),
                    g.stop().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
