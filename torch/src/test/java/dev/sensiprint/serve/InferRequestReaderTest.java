package dev.sensiprint.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Requests for a model taking [2, 1, 3] samples (6 values each), at most 4 per batch. */
class InferRequestReaderTest {

    private final InferRequestReader reader =
            new InferRequestReader(OipJson.factory(), new int[] {2, 1, 3}, 4, "output");

    private InferRequest read(String json) throws Exception {
        return reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static String input(String shape, String datatype, String data) {
        return "{\"inputs\":[{\"name\":\"input\",\"shape\":"
                + shape
                + ",\"datatype\":\""
                + datatype
                + "\",\"data\":"
                + data
                + "}]}";
    }

    private void assertRejected(String json, String messagePart) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(HttpError.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((HttpError) e).status()).isEqualTo(400));
    }

    @Test
    void aFlatBatchIsReadInRowMajorOrder() throws Exception {
        InferRequest r = read(input("[2,2,1,3]", "FP32", "[0,1,2,3,4,5,6,7,8,9,10,11]"));
        assertThat(r.pixels().shape()).containsExactly(2, 2, 1, 3);
        assertThat(r.pixels().data()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(r.id()).isNull();
    }

    @Test
    void nestedDataIsFlattenedLikeFlatData() throws Exception {
        InferRequest r = read(input("[1,2,1,3]", "FP32", "[[[[0.5,1,2]],[[3,4,5]]]]"));
        assertThat(r.pixels().data()).containsExactly(0.5f, 1, 2, 3, 4, 5);
    }

    @Test
    void oneSampleWithoutBatchDimensionBecomesABatchOfOne() throws Exception {
        InferRequest r = read(input("[2,1,3]", "FP32", "[1,2,3,4,5,6]"));
        assertThat(r.pixels().shape()).containsExactly(1, 2, 1, 3);
        assertThat(r.batch()).isEqualTo(1);
    }

    @Test
    void fp64DataIsNarrowedToTheNearestFloat() throws Exception {
        InferRequest r =
                read(input("[2,1,3]", "FP64", "[0.1,1e-50,1e300,-0.0,3,0.30000000000000004]"));
        assertThat(r.pixels().data())
                .containsExactly(
                        (float) 0.1,
                        0f,
                        Float.POSITIVE_INFINITY,
                        -0f,
                        3f,
                        (float) 0.30000000000000004);
        assertThat(Float.floatToRawIntBits(r.pixels().data()[3])).isEqualTo(0x80000000);
    }

    @Test
    void nanAndInfinityTokensAreAcceptedAsValues() throws Exception {
        InferRequest r = read(input("[2,1,3]", "FP32", "[NaN,Infinity,-Infinity,0,0,0]"));
        assertThat(r.pixels().data()[0]).isNaN();
        assertThat(r.pixels().data()[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(r.pixels().data()[2]).isEqualTo(Float.NEGATIVE_INFINITY);
    }

    @Test
    void fieldsMayComeInAnyOrderAndUnknownOnesAreIgnored() throws Exception {
        InferRequest r =
                read(
                        "{\"extra\":{\"a\":[1,2]},\"inputs\":[{\"data\":[1,2,3,4,5,6],"
                                + "\"parameters\":{\"p\":1},\"datatype\":\"FP32\",\"shape\":[2,1,3],"
                                + "\"name\":\"x\"}],\"parameters\":{\"q\":true},\"id\":\"req-7\","
                                + "\"outputs\":[{\"name\":\"output\"}]}");
        assertThat(r.id()).isEqualTo("req-7");
        assertThat(r.pixels().data()).containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void aShapeThatDoesNotFitTheModelIsRejected() {
        assertRejected(
                input("[1,3,1,2]", "FP32", "[1,2,3,4,5,6]"), "shape [1, 3, 1, 2] does not fit");
        assertRejected(input("[6]", "FP32", "[1,2,3,4,5,6]"), "[-1, 2, 1, 3]");
    }

    @Test
    void moreValuesThanTheShapeNeedsAreRejectedWhileReading() {
        assertRejected(
                input("[1,2,1,3]", "FP32", "[1,2,3,4,5,6,7]"),
                "more than 6 values: shape [1, 2, 1, 3] needs 6");
    }

    @Test
    void aValueCountThatDisagreesWithTheShapeIsRejected() {
        assertRejected(
                input("[2,2,1,3]", "FP32", "[1,2,3,4,5,6]"),
                "holds 6 values, shape [2, 2, 1, 3] needs 12");
    }

    @Test
    void nestedDataWhoseDimensionsDisagreeWithTheShapeIsRejected() {
        assertRejected(
                input("[1,2,1,3]", "FP32", "[[1,2,3],[4,5,6]]"),
                "nested \"data\" has dimensions [2, 3]");
        assertRejected(input("[2,1,3]", "FP32", "[[[1,2,3]],[[4,5],[6]]]"), "ragged");
        assertRejected(input("[2,1,3]", "FP32", "[[1,2,3],4,5,6]"), "mixes numbers and arrays");
    }

    @Test
    void aDatatypeOtherThanFp32OrFp64IsRejected() {
        assertRejected(
                input("[2,1,3]", "INT32", "[1,2,3,4,5,6]"), "datatype INT32 is not accepted");
        assertRejected(input("[2,1,3]", "BYTES", "[1,2,3,4,5,6]"), "datatype BYTES");
    }

    @Test
    void aNonNumericElementIsRejectedNamingItsPosition() {
        assertRejected(input("[2,1,3]", "FP32", "[1,2,\"3\",4,5,6]"), "element 2 is a string");
        assertRejected(input("[2,1,3]", "FP32", "[1,2,3,null,5,6]"), "element 3 is null");
    }

    @Test
    void anythingButExactlyOneInputIsRejected() {
        assertRejected("{\"inputs\":[]}", "exactly 1 input tensor, the request has 0");
        String one =
                "{\"name\":\"a\",\"shape\":[2,1,3],\"datatype\":\"FP32\",\"data\":[1,2,3,4,5,6]}";
        assertRejected("{\"inputs\":[" + one + "," + one + "]}", "the request has 2");
        assertRejected("{\"id\":\"x\"}", "no \"inputs\"");
    }

    @Test
    void aMissingTensorFieldIsNamed() {
        assertRejected(
                "{\"inputs\":[{\"name\":\"a\",\"shape\":[2,1,3],\"data\":[1,2,3,4,5,6]}]}",
                "no \"datatype\"");
        assertRejected(
                "{\"inputs\":[{\"name\":\"a\",\"datatype\":\"FP32\",\"data\":[1,2,3,4,5,6]}]}",
                "no \"shape\"");
        assertRejected(
                "{\"inputs\":[{\"name\":\"a\",\"shape\":[2,1,3],\"datatype\":\"FP32\"}]}",
                "no \"data\"");
    }

    @Test
    void aBatchOverTheLimitIsRejected() {
        String values = "[" + "0,".repeat(5 * 6 - 1) + "0]";
        assertRejected(
                "{\"inputs\":[{\"data\":"
                        + values
                        + ",\"shape\":[5,2,1,3],\"datatype\":\"FP32\"}]}",
                "more than 24 values: the limit is 4 samples of [2, 1, 3]");
        assertRejected(input("[5,2,1,3]", "FP32", values), "a batch of 5 exceeds the limit of 4");
    }

    @Test
    void anEmptyBatchIsRejected() {
        assertRejected(input("[0,2,1,3]", "FP32", "[]"), "the batch is empty");
    }

    @Test
    void malformedJsonIsRejectedWithItsPosition() {
        assertRejected("{\"inputs\": [", "malformed JSON");
        assertRejected("{\"inputs\": [}", "line 1");
        assertRejected("[1,2]", "must be a JSON object");
        assertRejected("{\"id\":\"a\",\"id\":\"b\",\"inputs\":[]}", "Duplicate field 'id'");
    }

    @Test
    void contentAfterTheRequestObjectIsRejected() {
        assertRejected(
                input("[2,1,3]", "FP32", "[1,2,3,4,5,6]") + "{}", "after the request object");
    }

    @Test
    void anIdThatIsNotAStringIsRejected() {
        assertRejected("{\"id\":42,\"inputs\":[]}", "\"id\" must be a string");
    }

    @Test
    void aRequestedOutputTheModelDoesNotHaveIsRejected() {
        String body =
                "{\"inputs\":[{\"name\":\"a\",\"shape\":[2,1,3],\"datatype\":\"FP32\","
                        + "\"data\":[1,2,3,4,5,6]}],\"outputs\":[{\"name\":\"probs\"}]}";
        assertRejected(body, "unknown output 'probs'");
    }

    @Test
    void aShapeWithNegativeOrFractionalDimensionsIsRejected() {
        assertRejected(input("[-1,2,1,3]", "FP32", "[1,2,3,4,5,6]"), "out of range");
        assertRejected(input("[1.0,2,1,3]", "FP32", "[1,2,3,4,5,6]"), "integers only");
        assertRejected(input("[1,2,1,3,1]", "FP32", "[1,2,3,4,5,6]"), "more than 4 dimensions");
    }
}
