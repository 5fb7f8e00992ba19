package dev.sensiprint.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.testing.FakeModel;
import dev.sensiprint.testing.FaultServer;
import dev.sensiprint.testing.TestFingerprints;
import dev.sensiprint.verify.Verdict;
import dev.sensiprint.verify.VerificationResult;
import dev.sensiprint.verify.Verifier;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS to a server whose certificate only a private CA file vouches for. */
class TlsTest {

    @TempDir static Path dir;
    private static FaultServer server;
    private static Path caPem;

    private final FakeModel model = new FakeModel(7, 12, TestFingerprints.CLASSES);
    private final Fingerprint fingerprint = TestFingerprints.of(model, 2, ComparisonMode.EXACT);

    private static void keytool(String... args) throws Exception {
        Path tool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(tool), "needs the JDK's keytool to make a test certificate");
        List<String> cmd = new java.util.ArrayList<>(List.of(tool.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd)).isZero();
    }

    @BeforeAll
    static void startHttpsServer() throws Exception {
        Path ks = dir.resolve("server.p12");
        caPem = dir.resolve("ca.pem");
        keytool(
                "-genkeypair",
                "-alias",
                "srv",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                ks.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "srv",
                "-keystore",
                ks.toString(),
                "-storepass",
                "changeit",
                "-file",
                caPem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf =
                KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = FaultServer.startTls(ssl);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private VerificationResult verifyWith(HttpSettings.Builder settings) {
        FakeModel m = model;
        server.behave(
                (ex, body, n) -> {
                    var data =
                            new com.fasterxml.jackson.databind.ObjectMapper()
                                    .readTree(body)
                                    .get("inputs")
                                    .get(0)
                                    .get("data");
                    float[] x = new float[data.size()];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) data.get(i).doubleValue();
                    }
                    StringBuilder out = new StringBuilder();
                    for (float f : m.apply(x)) {
                        out.append(out.length() == 0 ? "" : ",").append((double) f);
                    }
                    FaultServer.json(
                            ex,
                            200,
                            "{\"outputs\":[{\"name\":\"y\",\"shape\":[4],\"datatype\":\"FP32\",\"data\":["
                                    + out
                                    + "]}]}");
                });
        EndpointSpec spec =
                EndpointSpec.builder(server.base().toString(), Protocol.OIP)
                        .model("fake")
                        .inputName("x")
                        .build();
        InferenceEndpoint ep =
                Endpoints.create(
                        spec,
                        settings.requestTimeout(Duration.ofSeconds(5))
                                .retry(RetryPolicy.NONE)
                                .build());
        return Verifier.builder(ep).seed(1).build().verify(fingerprint);
    }

    @Test
    void serverVouchedForByTheCaFileIsVerified() {
        VerificationResult r = verifyWith(HttpSettings.builder().caFile(caPem));

        assertThat(r.verdict()).isInstanceOf(Verdict.Intact.class);
    }

    @Test
    void serverWithAnUntrustedCertificateIsInconclusive() {
        VerificationResult r = verifyWith(HttpSettings.builder());

        assertThat(r.verdict()).isInstanceOf(Verdict.Inconclusive.class);
        assertThat(((Verdict.Inconclusive) r.verdict()).failures())
                .allSatisfy(f -> assertThat(f.reason()).contains("TLS failed"));
    }
}
