package dev.sensiprint.cli;

import dev.sensiprint.train.TrainingListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;

/**
 * Progress of training on stderr: a progress bar per epoch with the running loss on a terminal, one
 * line per epoch otherwise (logs, CI).
 */
final class TrainProgress implements TrainingListener, AutoCloseable {

    private final PrintWriter err;
    private final boolean terminal;
    private ProgressBar bar;

    TrainProgress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches) {
        if (terminal) {
            close();
            bar = ProgressBars.of("epoch " + epoch + "/" + epochs, batches).build();
        }
    }

    @Override
    public void batchDone(int epoch, int batch, float loss) {
        if (bar != null) {
            bar.step();
            if (batch % 20 == 0) {
                bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", loss));
            }
        }
    }

    @Override
    public void epochDone(
            int epoch, int epochs, double meanLoss, double testAccuracy, Duration elapsed) {
        close();
        err.printf(
                Locale.ROOT,
                "epoch %d/%d: loss %.4f, test accuracy %.2f %%, %.1f s%n",
                epoch,
                epochs,
                meanLoss,
                100 * testAccuracy,
                elapsed.toMillis() / 1000.0);
        err.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
