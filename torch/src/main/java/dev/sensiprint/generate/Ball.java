package dev.sensiprint.generate;

/** The closeness constraint that keeps a sample near its seed (method.md §3). */
public enum Ball {
    /** Root-mean-square change at most eps: the authors' constraint. */
    RMS,
    /** Every pixel changes by at most eps. */
    LINF
}
