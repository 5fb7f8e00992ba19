package dev.sensiprint.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sensiprint.endpoint.EndpointSpec;
import dev.sensiprint.endpoint.Endpoints;
import dev.sensiprint.endpoint.HttpSettings;
import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.endpoint.Protocol;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelLoader;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.SharedFiles;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The real mnist_mlp_clean.pt from ../shared, served over HTTP and queried like a verifier would.
 */
@Tag("slow")
class ServedSharedModelTest {

    private static InferenceModel model;
    private static InferenceServer server;
    private static OipClient client;

    @BeforeAll
    static void serve() {
        model =
                ModelLoader.forInference(
                        ModelSpec.of(SharedFiles.model("mnist_mlp_clean.pt"), 1, 28, 28));
        server =
                new InferenceServer(model, ServeSettings.builder("mnist_mlp_clean").build())
                        .start();
        client = new OipClient(server.uri());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
        if (model != null) {
            model.close();
        }
    }

    /** Pixels k/255, as an image file would give. */
    private static float[] pixels(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = new float[count];
        for (int i = 0; i < count; i++) {
            p[i] = random.nextInt(256) / 255f;
        }
        return p;
    }

    @Test
    void healthAndMetadataDescribeTheModel() throws Exception {
        assertThat(client.get("/v2/health/ready").json().get("ready").asBoolean()).isTrue();
        assertThat(client.get("/v2/models/mnist_mlp_clean/ready").json().get("ready").asBoolean())
                .isTrue();
        JsonNode meta = client.get("/v2/models/mnist_mlp_clean").json();
        assertThat(meta.get("platform").asText()).isEqualTo("pytorch_torchscript");
        assertThat(meta.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,1,28,28]");
        assertThat(meta.get("outputs").get(0).get("shape").toString()).isEqualTo("[-1,10]");
    }

    @Test
    void batchesOfOneAndThreeAreBitIdenticalToTheModelInProcess() throws Exception {
        for (int batch : new int[] {1, 3}) {
            float[] p = pixels(batch, batch * 784);
            OipClient.Reply reply =
                    client.post(
                            "/v2/models/mnist_mlp_clean/infer",
                            OipClient.inferBody("b" + batch, new int[] {batch, 1, 28, 28}, p));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            assertThat(reply.json().get("outputs").get(0).get("shape").toString())
                    .isEqualTo("[" + batch + ",10]");
            FloatTensor local = model.predict(new FloatTensor(new int[] {batch, 1, 28, 28}, p));
            float[] served = reply.outputData();
            for (int i = 0; i < served.length; i++) {
                assertThat(Float.floatToRawIntBits(served[i]))
                        .as("batch %d value %d", batch, i)
                        .isEqualTo(Float.floatToRawIntBits(local.data()[i]));
            }
        }
    }

    @Test
    void theProjectsOipClientReadsTheSameOutputsAsTheModelInProcess() {
        EndpointSpec spec =
                EndpointSpec.builder(server.uri().toString(), Protocol.OIP)
                        .model("mnist_mlp_clean")
                        .build();
        try (InferenceEndpoint endpoint = Endpoints.create(spec, HttpSettings.defaults())) {
            endpoint.checkReady();
            for (int s = 0; s < 5; s++) {
                float[] p = pixels(100 + s, 784);
                FloatTensor served = endpoint.infer(new FloatTensor(new int[] {1, 28, 28}, p));
                FloatTensor local = model.predict(new FloatTensor(new int[] {1, 1, 28, 28}, p));
                assertThat(served.shape()).containsExactly(10);
                assertThat(served.data()).containsExactly(local.data());
            }
        }
    }

    @Test
    void medianRoundTripOfTwoHundredRequestsIsMeasured(TestReporter reporter) throws Exception {
        float[] p = pixels(7, 784);
        String body = OipClient.inferBody(null, new int[] {1, 1, 28, 28}, p);
        float[] expected = model.predict(new FloatTensor(new int[] {1, 1, 28, 28}, p)).data();
        for (int i = 0; i < 100; i++) { // warm-up: JIT, connection, model thread
            client.post("/v2/models/mnist_mlp_clean/infer", body);
        }
        long[] nanos = new long[200];
        int correct = 0;
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            OipClient.Reply reply = client.post("/v2/models/mnist_mlp_clean/infer", body);
            nanos[i] = System.nanoTime() - t0;
            if (reply.status() == 200 && Arrays.equals(reply.outputData(), expected)) {
                correct++;
            }
        }
        Arrays.sort(nanos);
        String figures =
                String.format(
                        java.util.Locale.ROOT,
                        "median %.3f ms, p10 %.3f ms, p90 %.3f ms",
                        nanos[100] / 1e6,
                        nanos[20] / 1e6,
                        nanos[180] / 1e6);
        reporter.publishEntry("infer round trip, batch 1, 200 requests", figures);
        // Surefire does not keep TestReporter entries: one line on stdout keeps the figure visible.
        System.out.println("serve latency, mnist_mlp_clean, batch 1, 200 requests: " + figures);
        assertThat(correct).isEqualTo(200);
    }
}
