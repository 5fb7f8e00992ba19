package dev.sensiprint.cli;

import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The one look of every progress bar the commands draw on a terminal. */
final class ProgressBars {

    private ProgressBars() {}

    /** A bar for {@code max} units of {@code task}: ASCII (any terminal), redrawn every 250 ms. */
    static ProgressBarBuilder of(String task, long max) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250);
    }
}
