package dev.sensiprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class IndentingWriterTest {

    @Test
    void indentsEveryNonEmptyLineIncludingOnesSplitAcrossWrites() {
        StringWriter target = new StringWriter();
        PrintWriter w = new PrintWriter(new IndentingWriter(target, "  "));
        w.print("one\n\ntw");
        w.print("o\nthree");
        w.flush();

        assertThat(target.toString()).isEqualTo("  one\n\n  two\n  three");
    }
}
