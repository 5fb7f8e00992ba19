package dev.sensiprint.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.error.BadInputException;
import dev.sensiprint.error.EndpointException;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.fingerprint.ModelInfo;
import dev.sensiprint.fingerprint.file.FingerprintFile;
import dev.sensiprint.fingerprint.file.SignatureStatus;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.testing.FakeModel;
import dev.sensiprint.testing.TestFingerprints;
import dev.sensiprint.verify.VerificationResult;
import dev.sensiprint.verify.Verifier;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationReportTest {

    private static final String HOSTILE =
            "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

    @TempDir Path dir;

    private final FakeModel genuine = new FakeModel(7, 12, TestFingerprints.CLASSES);
    private final FakeModel other = new FakeModel(8, 12, TestFingerprints.CLASSES);

    private static InferenceEndpoint endpoint(String name, UnaryOperator<float[]> answer) {
        return new InferenceEndpoint() {
            @Override
            public FloatTensor infer(FloatTensor input) {
                return FloatTensor.vector(answer.apply(input.data()));
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }

    private static FingerprintFile file(Fingerprint fp) {
        return new FingerprintFile(fp, SignatureStatus.UNSIGNED, null, "cd".repeat(32), 1234);
    }

    private VerificationReport report(Fingerprint fp, InferenceEndpoint ep) {
        VerificationResult r = Verifier.builder(ep).seed(5).build().verify(fp);
        return VerificationReport.of(
                file(fp), "f.sfp", r, Instant.parse("2026-11-27T00:00:00Z"), Duration.ofMillis(42));
    }

    private static JsonNode json(VerificationReport r) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportJson.write(r, out);
        return new ObjectMapper().readTree(out.toByteArray());
    }

    @Test
    void jsonOfATamperedRunCarriesContextAndExpectedAndReceivedPerSample() throws Exception {
        Fingerprint fp = TestFingerprints.of(genuine, 3, ComparisonMode.PROBS);
        VerificationReport r = report(fp, endpoint("swapped", other::apply));

        JsonNode j = json(r);

        assertThat(j.get("verdict").asText()).isEqualTo("TAMPERED");
        assertThat(j.get("endpoint").asText()).isEqualTo("swapped");
        assertThat(j.get("comparison").get("mode").asText()).isEqualTo("probs");
        assertThat(j.get("comparison").get("tolerance").asDouble()).isEqualTo(1e-4);
        assertThat(j.get("seed").asLong()).isEqualTo(5);
        assertThat(j.get("timing").get("wallTimeMs").asDouble()).isEqualTo(42.0);
        assertThat(j.get("counts").get("queried").asInt()).isEqualTo(3);
        assertThat(j.get("counts").get("differs").asInt()).isEqualTo(3);
        JsonNode first = j.get("samples").get(0);
        FingerprintSample s =
                fp.samples().stream()
                        .filter(x -> x.id().equals(first.get("id").asText()))
                        .findFirst()
                        .orElseThrow();
        float[] served = other.apply(s.input().data());
        assertThat(first.get("result").asText()).isEqualTo("differs");
        assertThat(first.get("detail").asText()).contains("expected").contains("received");
        assertThat(floats(first.get("received"))).containsExactly(served);
        assertThat(floats(first.get("expected"))).containsExactly(s.expected().data());
        assertThat(first.get("differingClasses")).isNotEmpty();
        assertThat(first.get("expectedTop").get(0).get("label").asInt()).isEqualTo(s.label());
        byte[] png = Base64.getDecoder().decode(first.get("previewPng").asText());
        assertThat(Arrays.copyOf(png, 4)).containsExactly(0x89, 'P', 'N', 'G');
    }

    @Test
    void anIntactRunHasNoDifferingClassesAndEveryAnswerRecorded() throws Exception {
        Fingerprint fp = TestFingerprints.of(genuine, 4, ComparisonMode.EXACT);
        JsonNode j = json(report(fp, endpoint("genuine", genuine::apply)));

        assertThat(j.get("verdict").asText()).isEqualTo("INTACT");
        assertThat(j.get("counts").get("matched").asInt()).isEqualTo(4);
        for (JsonNode s : j.get("samples")) {
            assertThat(s.get("result").asText()).isEqualTo("matched");
            assertThat(s.get("differingClasses")).isEmpty();
            assertThat(floats(s.get("received"))).containsExactly(floats(s.get("expected")));
        }
    }

    @Test
    void aQueryWithoutAnswerHasNullReceivedAndItsReason() throws Exception {
        Fingerprint fp = TestFingerprints.of(genuine, 2, ComparisonMode.LABEL);
        JsonNode j =
                json(
                        report(
                                fp,
                                endpoint(
                                        "down",
                                        x -> {
                                            throw new EndpointException("HTTP 503 from upstream");
                                        })));

        assertThat(j.get("verdict").asText()).isEqualTo("INCONCLUSIVE");
        JsonNode s = j.get("samples").get(0);
        assertThat(s.get("result").asText()).isEqualTo("failed");
        assertThat(s.get("received").isNull()).isTrue();
        assertThat(s.get("receivedTop")).isEmpty();
        assertThat(s.get("detail").asText()).isEqualTo("HTTP 503 from upstream");
    }

    @Test
    void aNonFiniteAnswerIsWrittenAsNullInJson() throws Exception {
        Fingerprint fp = TestFingerprints.of(genuine, 1, ComparisonMode.PROBS);
        JsonNode j = json(report(fp, endpoint("nan", x -> new float[] {Float.NaN, 1, 2, 3})));

        JsonNode received = j.get("samples").get(0).get("received");
        assertThat(received.get(0).isNull()).isTrue();
        assertThat(received.get(1).asDouble()).isEqualTo(1.0);
    }

    @Test
    void htmlEscapesEveryStringFromTheServerAndTheFile() {
        Fingerprint clean = TestFingerprints.of(genuine, 2, ComparisonMode.LABEL);
        ModelInfo m = clean.model();
        ModelInfo hostileModel =
                new ModelInfo(
                        m.sha256(),
                        HOSTILE,
                        m.inputShape(),
                        m.valueMin(),
                        m.valueMax(),
                        m.preprocessing(),
                        m.outputKind(),
                        m.numClasses());
        Fingerprint fp =
                new Fingerprint(
                        hostileModel,
                        clean.comparison(),
                        null,
                        null,
                        clean.createdAt(),
                        clean.samples());
        VerificationResult r =
                Verifier.builder(
                                endpoint(
                                        HOSTILE,
                                        x -> {
                                            throw new EndpointException("server said: " + HOSTILE);
                                        }))
                        .seed(1)
                        .build()
                        .verify(fp);
        String html =
                ReportHtml.render(
                        VerificationReport.of(file(fp), HOSTILE, r, Instant.EPOCH, Duration.ZERO));

        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<img src=x")
                .doesNotContain("\"><img")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x")
                .contains("server said: &lt;script&gt;")
                .contains("Content-Security-Policy")
                .contains("default-src 'none'");
    }

    @Test
    void htmlShowsTheVerdictEachSampleItsPreviewAndHighlightsDifferences() {
        Fingerprint fp = TestFingerprints.of(genuine, 3, ComparisonMode.PROBS);
        String html = ReportHtml.render(report(fp, endpoint("swapped", other::apply)));

        assertThat(html).contains("class=\"verdict TAMPERED\"").contains("differs");
        for (FingerprintSample s : fp.samples()) {
            assertThat(html).contains("id=\"sample-" + s.id() + "\"");
        }
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(4);
        assertThat(html).contains("class=\"num diff\"");
        assertThat(html).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void writerPutsBothFilesInTheDirectoryCreatingIt() throws Exception {
        Fingerprint fp = TestFingerprints.of(genuine, 2, ComparisonMode.LABEL);
        Path out = dir.resolve("a/b");

        ReportWriter.write(report(fp, endpoint("genuine", genuine::apply)), out);

        assertThat(out.resolve("report.json")).isRegularFile();
        assertThat(Files.readString(out.resolve("index.html"), StandardCharsets.UTF_8))
                .startsWith("<!DOCTYPE html>")
                .contains("INTACT");
        assertThat(out).isDirectoryContaining(p -> p.getFileName().toString().equals("index.html"));
        try (var files = Files.list(out)) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void aDirectoryThatCannotBeMadeIsBadInputNamingIt() throws Exception {
        Fingerprint fp = TestFingerprints.of(genuine, 1, ComparisonMode.LABEL);
        Path notADir = Files.writeString(dir.resolve("plain-file"), "x");
        VerificationReport r = report(fp, endpoint("genuine", genuine::apply));

        assertThatThrownBy(() -> ReportWriter.write(r, notADir.resolve("sub")))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cannot write the report to " + notADir.resolve("sub"))
                .hasMessageNotContaining("\n");
    }

    private static float[] floats(JsonNode a) {
        float[] v = new float[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) a.get(i).doubleValue();
        }
        return v;
    }
}
