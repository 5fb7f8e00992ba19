package dev.sensiprint.cli;

/** The exit codes of every command (architecture.md): the contract scripts and CI rely on. */
public final class ExitCode {

    /** Success; for verification, the verdict INTACT. */
    public static final int OK = 0;

    /** A bug or an unexpected failure: an internal error. */
    public static final int INTERNAL_ERROR = 1;

    /** A usage error or bad input: unreadable model, corrupt or wrongly signed fingerprint. */
    public static final int BAD_INPUT = 2;

    /** The verdict TAMPERED: at least one answered sample differs. */
    public static final int TAMPERED = 3;

    /** The verdict INCONCLUSIVE: the server could not be queried or its answer not compared. */
    public static final int INCONCLUSIVE = 4;

    private ExitCode() {}
}
