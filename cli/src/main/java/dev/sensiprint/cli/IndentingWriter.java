package dev.sensiprint.cli;

import java.io.IOException;
import java.io.Writer;

/** Prefixes every line written through it, so that a nested command's output reads as quoted. */
final class IndentingWriter extends Writer {

    private final Writer target;
    private final String indent;
    private boolean atLineStart = true;

    IndentingWriter(Writer target, String indent) {
        this.target = target;
        this.indent = indent;
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (atLineStart && c != '\n') {
                target.write(indent);
            }
            target.write(c);
            atLineStart = c == '\n';
        }
    }

    @Override
    public void flush() throws IOException {
        target.flush();
    }

    /** Leaves the target open: it belongs to the caller. */
    @Override
    public void close() throws IOException {
        flush();
    }
}
