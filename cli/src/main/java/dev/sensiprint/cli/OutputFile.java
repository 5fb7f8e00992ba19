package dev.sensiprint.cli;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks every command makes before it writes a file the user named. */
final class OutputFile {

    private OutputFile() {}

    /**
     * Refuses an {@code out} that would destroy something: an existing file without {@code force},
     * a folder, or one of the command's own inputs (even with {@code force}: a tampered or trained
     * copy written over the original model leaves nothing to compare it with).
     *
     * @throws BadInputException with the reason, in one line
     */
    static void requireWritable(String option, Path out, boolean force, Path... inputs) {
        if (Files.isDirectory(out)) {
            throw new BadInputException(
                    out + " is a folder; " + option + " names the file to write");
        }
        for (Path in : inputs) {
            if (in != null && sameFile(in, out)) {
                throw new BadInputException(
                        option + " " + out + " is the input file itself; write somewhere else");
            }
        }
        if (Files.exists(out) && !force) {
            throw new BadInputException(out + " exists; pass --force to replace it");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b)
                    ? Files.isSameFile(a, b)
                    : a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        } catch (IOException e) {
            return false;
        }
    }
}
