package dev.sensiprint.cli;

import dev.sensiprint.evaluation.EvaluationListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;

/**
 * Progress of an evaluation on stderr: one bar over the whole run (generated samples, pools,
 * tampered copies) with an ETA on a terminal; one line per finished step otherwise (logs, CI);
 * nothing when quiet.
 */
final class EvaluationProgress implements EvaluationListener, AutoCloseable {

    private final PrintWriter err;
    private final boolean quiet;
    private ProgressBar bar;

    EvaluationProgress(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public void started(long totalWork) {
        if (quiet || System.console() == null) {
            return;
        }
        bar = ProgressBars.of("evaluate", totalWork).build();
    }

    @Override
    public void advanced(long work, String message) {
        if (bar != null) {
            bar.stepBy(work);
            if (message != null) {
                bar.setExtraMessage(" " + shorten(message));
            }
        } else if (!quiet && message != null) {
            err.println(message);
            err.flush();
        }
    }

    private static String shorten(String m) {
        return m.length() <= 60 ? m : m.substring(0, 57) + "...";
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
