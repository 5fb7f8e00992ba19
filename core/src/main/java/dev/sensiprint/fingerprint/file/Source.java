package dev.sensiprint.fingerprint.file;

import dev.sensiprint.error.BadInputException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Random access to the bytes of a fingerprint file, on disk or in memory. */
abstract class Source implements Closeable {

    private final String name;

    Source(String name) {
        this.name = name;
    }

    /** The file's name, for messages. */
    final String name() {
        return name;
    }

    abstract long size();

    /**
     * Fills {@code dst} from {@code position}.
     *
     * @throws BadInputException if the bytes are not there or cannot be read
     */
    abstract void read(long position, byte[] dst, int offset, int length);

    final byte[] read(long position, int length) {
        byte[] bytes = new byte[length];
        read(position, bytes, 0, length);
        return bytes;
    }

    @Override
    public void close() {}

    static Source of(byte[] bytes, String name) {
        return new Source(name) {
            @Override
            long size() {
                return bytes.length;
            }

            @Override
            void read(long position, byte[] dst, int offset, int length) {
                if (position < 0 || position + length > bytes.length) {
                    throw new BadInputException(
                            name + ": unexpected end of file at byte " + position);
                }
                System.arraycopy(bytes, (int) position, dst, offset, length);
            }
        };
    }

    static Source open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file);
        long size = channel.size();
        return new Source(file.toString()) {
            @Override
            long size() {
                return size;
            }

            @Override
            void read(long position, byte[] dst, int offset, int length) {
                if (position < 0 || position + length > size) {
                    throw new BadInputException(
                            name() + ": unexpected end of file at byte " + position);
                }
                ByteBuffer buffer = ByteBuffer.wrap(dst, offset, length);
                try {
                    long at = position;
                    while (buffer.hasRemaining()) {
                        int n = channel.read(buffer, at);
                        if (n < 0) {
                            throw new BadInputException(
                                    name() + ": file shrank while being read (at byte " + at + ")");
                        }
                        at += n;
                    }
                } catch (IOException e) {
                    throw new BadInputException(name() + ": cannot read: " + e.getMessage(), e);
                }
            }

            @Override
            public void close() {
                try {
                    channel.close();
                } catch (IOException e) {
                    // Read-only channel: nothing was lost.
                }
            }
        };
    }
}
