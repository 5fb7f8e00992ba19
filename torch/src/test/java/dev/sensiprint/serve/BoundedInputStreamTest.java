package dev.sensiprint.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {

    @Test
    void aBodyUpToTheLimitPassesWhole() throws IOException {
        byte[] body = new byte[1000];
        try (InputStream in = new BoundedInputStream(new ByteArrayInputStream(body), 1000)) {
            assertThat(in.readAllBytes()).hasSize(1000);
        }
    }

    @Test
    void aBodyPastTheLimitFailsAfterReadingOneByteMore() {
        CountingStream source = new CountingStream(new ByteArrayInputStream(new byte[1_000_000]));
        BoundedInputStream in = new BoundedInputStream(source, 1000);
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(BoundedInputStream.TooLarge.class)
                .hasMessageContaining("1000 bytes");
        assertThat(source.read).isEqualTo(1001);
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
