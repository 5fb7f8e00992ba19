package dev.sensiprint.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.error.EndpointException;
import dev.sensiprint.tensor.FloatTensor;
import java.net.URI;
import org.junit.jupiter.api.Test;

class EndpointSpecTest {

    @Test
    void oipUrlNamingModelAndVersionIsSplitIntoBaseModelAndVersion() {
        EndpointSpec s =
                EndpointSpec.builder(
                                "http://h:8000/gw/v2/models/resnet/versions/3/infer", Protocol.OIP)
                        .build();

        assertThat(s.base()).isEqualTo(URI.create("http://h:8000/gw"));
        assertThat(s.model()).isEqualTo("resnet");
        assertThat(s.version()).isEqualTo("3");
    }

    @Test
    void tfServingAndTorchServeUrlsNameTheModelToo() {
        EndpointSpec tf =
                EndpointSpec.builder("https://h/v1/models/mnist:predict", Protocol.TFSERVING)
                        .build();
        EndpointSpec ts =
                EndpointSpec.builder("http://h:8080/predictions/cifar/2.0", Protocol.TORCHSERVE)
                        .build();

        assertThat(tf.model()).isEqualTo("mnist");
        assertThat(tf.base()).isEqualTo(URI.create("https://h"));
        assertThat(ts.model()).isEqualTo("cifar");
        assertThat(ts.version()).isEqualTo("2.0");
    }

    @Test
    void baseUrlNeedsAModelName() {
        assertThatThrownBy(() -> EndpointSpec.builder("http://h:8000", Protocol.OIP).build())
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("/v2/models/NAME/infer");
        assertThat(EndpointSpec.builder("http://h:8000/", Protocol.OIP).model("m").build().model())
                .isEqualTo("m");
    }

    @Test
    void modelNameDifferingFromTheUrlsIsRefused() {
        assertThatThrownBy(
                        () ->
                                EndpointSpec.builder("http://h/v2/models/a/infer", Protocol.OIP)
                                        .model("b")
                                        .build())
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutBeingEchoed() {
        assertThatThrownBy(
                        () ->
                                EndpointSpec.builder(
                                        "http://user:hunter2@h/v2/models/a/infer", Protocol.OIP))
                .isInstanceOf(BadInputException.class)
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void onlyHttpAndHttpsAreAccepted() {
        assertThatThrownBy(() -> EndpointSpec.builder("ftp://h/x", Protocol.OIP))
                .isInstanceOf(BadInputException.class);
        assertThatThrownBy(() -> EndpointSpec.builder("not a url", Protocol.OIP))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void modelNamesThatWouldNeedEscapingAreRefused() {
        assertThatThrownBy(
                        () ->
                                EndpointSpec.builder("http://h", Protocol.OIP)
                                        .model("a/../b")
                                        .build())
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void queryIsKeptOnRequestsButHiddenInMessages() {
        EndpointSpec s =
                EndpointSpec.builder("https://h/fn/v2/models/m/infer?code=SECRET", Protocol.OIP)
                        .build();

        URI infer = Urls.resolve(s.base(), "/v2/models/m/infer");

        assertThat(infer.toString()).isEqualTo("https://h/fn/v2/models/m/infer?code=SECRET");
        assertThat(Urls.display(infer)).isEqualTo("https://h/fn/v2/models/m/infer?…");
        assertThat(s.toString()).doesNotContain("SECRET");
    }

    @Test
    void protocolAndLayoutNamesParseCaseInsensitively() {
        assertThat(Protocol.fromId("TFServing")).isEqualTo(Protocol.TFSERVING);
        assertThat(Layout.fromId("NHWC")).isEqualTo(Layout.NHWC);
        assertThatThrownBy(() -> Protocol.fromId("grpc")).isInstanceOf(BadInputException.class);
    }

    @Test
    void channelsLastMovesEachChannelValueToTheEnd() {
        // C=2, H=1, W=3: channel 0 = 1 2 3, channel 1 = 4 5 6.
        FloatTensor chw = new FloatTensor(new int[] {2, 1, 3}, new float[] {1, 2, 3, 4, 5, 6});

        FloatTensor hwc = Layout.NHWC.arrange(chw);

        assertThat(hwc.shape()).containsExactly(1, 3, 2);
        assertThat(hwc.data()).containsExactly(1, 4, 2, 5, 3, 6);
        assertThat(Layout.NCHW.arrange(chw)).isSameAs(chw);
    }

    @Test
    void channelsLastNeedsAnImage() {
        assertThatThrownBy(() -> Layout.NHWC.arrange(FloatTensor.zeros(784)))
                .isInstanceOf(BadInputException.class);
    }

    @Test
    void raggedOrNonNumericArraysAreEndpointErrors() throws Exception {
        var mapper = JsonClient.MAPPER;

        assertThatThrownBy(
                        () ->
                                TensorJson.read(
                                        mapper.readTree("[[1,2],[3]]"),
                                        "out",
                                        EndpointException::new))
                .isInstanceOf(EndpointException.class)
                .hasMessageContaining("not rectangular");
        assertThatThrownBy(
                        () ->
                                TensorJson.read(
                                        mapper.readTree("[1,\"2\"]"),
                                        "out",
                                        EndpointException::new))
                .hasMessageContaining("a string where a number belongs");
        assertThat(
                        TensorJson.read(
                                        mapper.readTree("[[1.5,NaN]]"),
                                        "out",
                                        EndpointException::new)
                                .shape())
                .containsExactly(1, 2);
    }

    @Test
    void floatsAreWrittenSoThatAFloat64ParserRecoversTheExactFloat32() {
        float[] values = {0.1f, 1f / 3, 16777217f, Float.MIN_VALUE, 0.7f};
        byte[] json = TensorJson.write(g -> TensorJson.writeFlat(g, values));

        FloatTensor back = TensorJson.read(readTree(json), "x", EndpointException::new);

        assertThat(back.data()).containsExactly(values);
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] json) {
        try {
            return JsonClient.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
