package dev.sensiprint.data;

import static dev.sensiprint.data.TestBytes.ascii;
import static dev.sensiprint.data.TestBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.tensor.FloatTensor;
import org.junit.jupiter.api.Test;

class PnmDecoderTest {

    @Test
    void binaryGreyEightBitIsValueOverMaxval() {
        byte[] file =
                concat(ascii("P5\n3 2\n255\n"), new byte[] {0, 1, 2, 127, (byte) 128, (byte) 255});

        FloatTensor t = PnmDecoder.decode(file, "a.pgm");

        assertThat(t.shape()).containsExactly(1, 2, 3);
        assertThat(t.data()).containsExactly(0f, 1 / 255f, 2 / 255f, 127 / 255f, 128 / 255f, 1f);
    }

    @Test
    void binaryGreySixteenBitIsBigEndian() {
        byte[] file =
                concat(
                        ascii("P5 2 2 65535\n"),
                        new byte[] {0, 0, 0, 1, 1, 0, (byte) 255, (byte) 255});

        FloatTensor t = PnmDecoder.decode(file, "b.pgm");

        assertThat(t.data()).containsExactly(0f, 1 / 65535f, 256 / 65535f, 1f);
    }

    @Test
    void plainGreyAllowsCommentsInTheHeaderAndAnyMaxval() {
        byte[] file = ascii("P2\n# made by hand\n3 1 # width height\n15\n0 7\n15\n");

        FloatTensor t = PnmDecoder.decode(file, "c.pgm");

        assertThat(t.shape()).containsExactly(1, 1, 3);
        assertThat(t.data()).containsExactly(0f, 7 / 15f, 1f);
    }

    @Test
    void binaryColourInterleavedSamplesBecomeChannelPlanes() {
        byte[] file = concat(ascii("P6\n2 1\n255\n"), new byte[] {10, 20, 30, 40, 50, 60});

        FloatTensor t = PnmDecoder.decode(file, "d.ppm");

        assertThat(t.shape()).containsExactly(3, 1, 2);
        assertThat(t.data())
                .containsExactly(10 / 255f, 40 / 255f, 20 / 255f, 50 / 255f, 30 / 255f, 60 / 255f);
    }

    @Test
    void plainColourWithSixteenBitMaxval() {
        byte[] file = ascii("P3 1 2 1000\n1000 0 500\n1 2 3\n");

        FloatTensor t = PnmDecoder.decode(file, "e.ppm");

        assertThat(t.shape()).containsExactly(3, 2, 1);
        assertThat(t.data()).containsExactly(1f, 1 / 1000f, 0f, 2 / 1000f, 500 / 1000f, 3 / 1000f);
    }

    @Test
    void sampleAboveMaxvalIsRejectedWithItsOffset() {
        byte[] file = concat(ascii("P5 2 1 100\n"), new byte[] {50, 101});

        assertThatThrownBy(() -> PnmDecoder.decode(file, "f.pgm"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("f.pgm: sample 101 at offset 12 exceeds maxval 100");
    }

    @Test
    void shortBinaryRasterIsTruncated() {
        byte[] file = concat(ascii("P6 2 2 255\n"), new byte[10]);

        assertThatThrownBy(() -> PnmDecoder.decode(file, "g.ppm"))
                .isInstanceOf(BadInputException.class)
                .hasMessage(
                        "g.ppm: truncated at offset 21: expected 12 bytes of pixel data from offset 11");
    }

    @Test
    void shortPlainRasterIsTruncated() {
        byte[] file = ascii("P2 4 1 255\n1 2 3\n");

        assertThatThrownBy(() -> PnmDecoder.decode(file, "h.pgm"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("h.pgm: truncated at offset 17: expected 4 samples, found 3");
    }

    @Test
    void dataAfterTheImageIsRejected() {
        byte[] file = concat(ascii("P5 1 1 255\n"), new byte[] {1, 2});

        assertThatThrownBy(() -> PnmDecoder.decode(file, "i.pgm"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("i.pgm: 1 byte of unexpected data at offset 12 after the image");
    }

    @Test
    void bitmapsAreNotSupported() {
        assertThatThrownBy(() -> PnmDecoder.decode(ascii("P4 8 1\n\0"), "j.pbm"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("j.pbm: PNM type P4 is not supported (only PGM P2/P5 and PPM P3/P6)");
    }

    @Test
    void maxvalAbove65535IsRejected() {
        assertThatThrownBy(() -> PnmDecoder.decode(ascii("P2 1 1 65536\n0\n"), "k.pgm"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("k.pgm: maxval 65536 is outside 1..65535");
    }

    @Test
    void nonDigitInTheHeaderIsRejected() {
        assertThatThrownBy(() -> PnmDecoder.decode(ascii("P5 2x 1 255\n\0\0"), "l.pgm"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("l.pgm: unexpected 'x' at offset 4 after the width");
    }
}
