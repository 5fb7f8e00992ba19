package dev.sensiprint.report;

import dev.sensiprint.error.BadInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a report directory: {@code report.json} and {@code index.html}. Each file is written to a
 * temporary name and moved into place, so a reader (a CI artefact upload, a browser refresh) never
 * sees half a file.
 */
public final class ReportWriter {

    public static final String JSON = "report.json";
    public static final String HTML = "index.html";

    private ReportWriter() {}

    /**
     * Writes the report into {@code dir}, creating it if needed.
     *
     * @throws BadInputException when the directory cannot be created or written, naming it
     */
    public static void write(VerificationReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            replace(dir.resolve(JSON), out -> ReportJson.write(report, out));
            byte[] html = ReportHtml.render(report).getBytes(StandardCharsets.UTF_8);
            replace(dir.resolve(HTML), out -> out.write(html));
        } catch (IOException | SecurityException e) {
            throw new BadInputException("cannot write the report to " + dir + ": " + reason(e));
        }
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private static void replace(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String reason(Exception e) {
        String kind = e.getClass().getSimpleName().replace("Exception", "");
        String m = e.getMessage();
        return (kind.isEmpty() ? "" : kind + " ")
                + (m == null ? "" : m.lines().findFirst().orElse(""));
    }
}
