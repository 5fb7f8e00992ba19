package dev.sensiprint.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sensiprint.tensor.FloatTensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Floats written by the server read back bit for bit, whether the client parses each number as a
 * double and narrows it (Python json + numpy, Triton) or parses it straight to float (Java).
 */
class JsonFloatsTest {

    private static final JsonFactory JSON = OipJson.factory();

    /** Values where decimal conversions tend to go wrong. */
    static float[] awkward() {
        List<Float> v = new ArrayList<>();
        int[] bits = {
            0x00000001, // smallest subnormal
            0x007fffff, // largest subnormal
            0x00800000, // smallest normal
            0x7f7fffff, // largest finite
            0x3f800001, // 1 + ulp
            0x3f7fffff, // 1 - ulp/2
            0x15ae43fd, // 7.038531E-26: its shortest float decimal narrows wrongly via double
            0x4b000001, // 2^23 + 1
            0x4b7fffff, // 2^24 - 1
            0x33800000, // 2^-24
            0x80000000, // -0
        };
        for (int b : bits) {
            v.add(Float.intBitsToFloat(b));
            v.add(-Float.intBitsToFloat(b));
        }
        for (float f :
                new float[] {
                    0.1f,
                    0.2f,
                    0.3f,
                    1f / 3,
                    (float) Math.PI,
                    1e-10f,
                    3.4e38f,
                    1e-45f,
                    123456.79f,
                    16777217f
                }) {
            v.add(f);
            v.add(Math.nextUp(f));
            v.add(Math.nextDown(f));
        }
        SplittableRandom random = new SplittableRandom(20190616);
        for (int i = 0; i < 50_000; i++) {
            float f = Float.intBitsToFloat(random.nextInt());
            if (Float.isFinite(f)) {
                v.add(f);
            }
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    private static List<String> writtenNumbers(float[] values) throws IOException {
        byte[] body =
                OipJson.inferResponse(
                        JSON,
                        "m",
                        "1",
                        null,
                        "output",
                        new FloatTensor(new int[] {1, values.length}, values));
        List<String> numbers = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            while (p.nextToken() != null) {
                if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT
                        && "data".equals(p.getParsingContext().getParent().getCurrentName())) {
                    numbers.add(p.getText());
                }
            }
        }
        return numbers;
    }

    @Test
    void everyFloatReadsBackExactlyWhenParsedAsDoubleAndNarrowed() throws IOException {
        float[] values = awkward();
        List<String> numbers = writtenNumbers(values);
        assertThat(numbers).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            float back = (float) Double.parseDouble(numbers.get(i));
            assertThat(Float.floatToRawIntBits(back))
                    .as("value %s written as %s", values[i], numbers.get(i))
                    .isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void everyFloatReadsBackExactlyWhenParsedAsFloat() throws IOException {
        float[] values = awkward();
        List<String> numbers = writtenNumbers(values);
        for (int i = 0; i < values.length; i++) {
            assertThat(Float.floatToRawIntBits(Float.parseFloat(numbers.get(i))))
                    .as("value %s written as %s", values[i], numbers.get(i))
                    .isEqualTo(Float.floatToRawIntBits(values[i]));
        }
    }

    @Test
    void theFloatsOwnShortestDecimalWouldNotSurviveNarrowingFromDouble() {
        // Why the server widens before writing: this value's Float.toString is 7.038531E-26,
        // which as a double narrows to the next float up.
        float f = Float.intBitsToFloat(0x15ae43fd);
        float viaDouble = (float) Double.parseDouble(Float.toString(f));
        assertThat(Float.floatToRawIntBits(viaDouble)).isNotEqualTo(0x15ae43fd);
    }

    @Test
    void nonFiniteValuesAreWrittenAsBareTokens() {
        byte[] body =
                OipJson.inferResponse(
                        JSON,
                        "m",
                        "1",
                        "r1",
                        "output",
                        FloatTensor.vector(
                                        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)
                                .reshape(1, 3));
        assertThat(new String(body, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"data\":[NaN,Infinity,-Infinity]");
    }

    @Test
    void inputsReadBackTheFloatsTheServerWrites() throws Exception {
        float[] values = awkward();
        int n = 4096;
        float[] chunk = java.util.Arrays.copyOf(values, n);
        List<String> numbers = writtenNumbers(chunk);
        InferRequestReader reader = new InferRequestReader(JSON, new int[] {n}, 1, "output");
        String body =
                "{\"inputs\":[{\"name\":\"x\",\"shape\":["
                        + n
                        + "],\"datatype\":\"FP32\",\"data\":["
                        + String.join(",", numbers)
                        + "]}]}";
        InferRequest r =
                reader.read(
                        new java.io.ByteArrayInputStream(
                                body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (int i = 0; i < n; i++) {
            assertThat(Float.floatToRawIntBits(r.pixels().data()[i]))
                    .isEqualTo(Float.floatToRawIntBits(chunk[i]));
        }
    }
}
