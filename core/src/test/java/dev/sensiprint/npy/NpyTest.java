package dev.sensiprint.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NpyTest {

    /**
     * What numpy.save writes, built by hand from the format specification: magic, version 1.0,
     * little-endian header length, the dict, NumPy's 21 - len(str(shape[0])) growth spaces (numpy
     * >= 1.24), then spaces and a newline up to a multiple of 64.
     */
    private static byte[] numpyPreamble(String shapeLiteral, int firstDim) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeLiteral + ", }";
        String grown =
                dict + " ".repeat(firstDim < 0 ? 0 : 21 - Integer.toString(firstDim).length());
        int total = (10 + grown.length() + 1 + 63) / 64 * 64;
        String header = grown + " ".repeat(total - 10 - grown.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xFF);
        out.write(header.length() >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void oneDimensionalHeaderIsNumpysTupleWithTrailingComma() {
        byte[] expected = numpyPreamble("(10,)", 10);
        assertThat(expected).hasSize(128);
        assertThat(Npy.preamble(new int[] {10})).isEqualTo(expected);
        assertThat(new String(Npy.preamble(new int[] {10}), 10, 60, StandardCharsets.US_ASCII))
                .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }");
    }

    @Test
    void imageHeaderMatchesNumpy() {
        assertThat(Npy.preamble(new int[] {3, 32, 32})).isEqualTo(numpyPreamble("(3, 32, 32)", 3));
        assertThat(Npy.preamble(new int[] {1, 28, 28})).isEqualTo(numpyPreamble("(1, 28, 28)", 1));
    }

    @Test
    void scalarHeaderHasEmptyTupleAndNoGrowthSpace() {
        assertThat(Npy.preamble(new int[0])).isEqualTo(numpyPreamble("()", -1));
    }

    @Test
    void longShapeSpillsIntoTheNextSixtyFourBytes() {
        int[] ones = new int[15];
        Arrays.fill(ones, 1);
        String literal = "(" + String.join(", ", java.util.Collections.nCopies(15, "1")) + ")";
        byte[] preamble = Npy.preamble(ones);
        assertThat(preamble).isEqualTo(numpyPreamble(literal, 1));
        assertThat(preamble).hasSize(192);
    }

    @Test
    void dataFollowsThePreambleAsLittleEndianFloat32() {
        float[] values = {1f, -0f, Float.MIN_VALUE, -3.4e38f, 0.1f, 42f};
        byte[] bytes = Npy.toBytes(new FloatTensor(new int[] {2, 3}, values));
        assertThat(bytes).hasSize(128 + 24);
        ByteBuffer data = ByteBuffer.wrap(bytes, 128, 24).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            assertThat(Float.floatToRawIntBits(data.getFloat()))
                    .isEqualTo(Float.floatToRawIntBits(v));
        }
    }

    @Test
    void roundTripKeepsShapeAndBitPatterns() {
        FloatTensor t =
                new FloatTensor(new int[] {2, 1, 3}, new float[] {0f, -0f, 1e-45f, 1f, -2f, 3e38f});
        assertThat(Npy.fromBytes(Npy.toBytes(t), "t.npy")).isEqualTo(t);
        FloatTensor scalar = new FloatTensor(new int[0], new float[] {7f});
        assertThat(Npy.fromBytes(Npy.toBytes(scalar), "s.npy")).isEqualTo(scalar);
    }

    @Test
    void writerRefusesNonFiniteValues() {
        assertThatThrownBy(() -> Npy.toBytes(FloatTensor.vector(1f, Float.NaN)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void readerRejectsNaNAndInfinityNamingTheIndex() {
        byte[] bytes = Npy.toBytes(FloatTensor.vector(1f, 2f, 3f));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(128 + 4, Float.NaN);
        assertThatThrownBy(() -> Npy.fromBytes(bytes, "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.npy: value 1 is NaN; only finite values allowed");
        ByteBuffer.wrap(bytes)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(128 + 4, 2f)
                .putFloat(128 + 8, Float.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> Npy.fromBytes(bytes, "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("value 2 is -Infinity");
    }

    @Test
    void readerRejectsDataShorterOrLongerThanTheShape() {
        byte[] bytes = Npy.toBytes(FloatTensor.vector(1f, 2f, 3f));
        assertThatThrownBy(() -> Npy.fromBytes(Arrays.copyOf(bytes, bytes.length - 1), "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.npy: shape (3,) needs 140 bytes, found 139");
        assertThatThrownBy(() -> Npy.fromBytes(Arrays.copyOf(bytes, bytes.length + 4), "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.npy: shape (3,) needs 140 bytes, found 144");
    }

    @Test
    void readerRejectsOtherDtypesOrdersAndVersions() {
        byte[] good = Npy.toBytes(FloatTensor.vector(1f, 2f));
        assertThatThrownBy(() -> Npy.fromBytes(patch(good, "'<f4'", "'<f8'"), "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("float32 little-endian, C order");
        assertThatThrownBy(() -> Npy.fromBytes(patch(good, "'<f4'", "'>f4'"), "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("float32 little-endian, C order");
        assertThatThrownBy(() -> Npy.fromBytes(patch(good, "False", "True "), "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("float32 little-endian, C order");
        byte[] v2 = good.clone();
        v2[6] = 2;
        assertThatThrownBy(() -> Npy.fromBytes(v2, "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.npy: format version 2.0, expected 1.0");
    }

    @Test
    void readerRejectsMissingMagicAndMisalignedHeader() {
        byte[] good = Npy.toBytes(FloatTensor.vector(1f, 2f));
        byte[] noMagic = good.clone();
        noMagic[1] = 'X';
        assertThatThrownBy(() -> Npy.fromBytes(noMagic, "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("magic");
        byte[] misaligned = good.clone();
        misaligned[8]--; // header length 117: data would start at byte 127
        assertThatThrownBy(() -> Npy.fromBytes(misaligned, "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.npy: data starts at byte 127, not a multiple of 64");
    }

    @Test
    void readerRejectsMalformedShapes() {
        byte[] good = Npy.toBytes(FloatTensor.vector(1f, 2f));
        assertThatThrownBy(() -> Npy.fromBytes(patch(good, "(2,)", "(02)"), "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.npy: malformed shape (02)");
        assertThatThrownBy(() -> Npy.fromBytes(patch(good, "(2,)", "(-2)"), "x.npy"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("x.npy: malformed shape (-2)");
    }

    /** Replaces text of the same length in the header. */
    private static byte[] patch(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(from);
        assertThat(at).isPositive();
        assertThat(to).hasSameSizeAs(from);
        byte[] out = bytes.clone();
        System.arraycopy(to.getBytes(StandardCharsets.ISO_8859_1), 0, out, at, to.length());
        return out;
    }
}
