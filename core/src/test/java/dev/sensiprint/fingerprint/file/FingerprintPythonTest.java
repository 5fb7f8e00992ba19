package dev.sensiprint.fingerprint.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.fingerprint.FingerprintSample;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Python user with numpy can read the file without this tool. */
class FingerprintPythonTest {

    private static final String LOAD_ONE_ARRAY =
            """
            import numpy, sys
            a = numpy.load(sys.argv[1])
            print(a.dtype.str, repr(tuple(a.shape)), a.astype('<f4').tobytes().hex(), sep='|')
            """;

    /** Opens the whole file with the standard library and numpy, and checks what it can. */
    private static final String READ_WHOLE_FILE =
            """
            import hashlib, io, json, sys, zipfile
            import numpy
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            manifest = json.loads(z.read('manifest.json'))
            digests = json.loads(z.read('digests.json'))['entries']
            for name, sha in digests.items():
                assert hashlib.sha256(z.read(name)).hexdigest() == sha, name
            shape = tuple(manifest['model']['inputShape'])
            for s in manifest['samples']:
                x = numpy.load(io.BytesIO(z.read(s['input'])))
                y = numpy.load(io.BytesIO(z.read(s['output'])))
                assert x.dtype == numpy.float32 and x.shape == shape, s['id']
                assert y.shape == (manifest['model']['numClasses'],), s['id']
                assert int(y.argmax()) == s['label'], s['id']
                again = io.BytesIO()
                numpy.save(again, x)
                assert again.getvalue() == z.read(s['input']), 'numpy.save writes other bytes'
            print(manifest['format'], manifest['formatVersion'], len(manifest['samples']))
            """;

    @TempDir Path dir;

    @BeforeAll
    static void needsNumpy() {
        Assumptions.assumeTrue(
                pythonHasNumpy(), "needs python3 with numpy on PATH (python3 -c 'import numpy')");
    }

    @Test
    void numpyLoadsAnExtractedSampleWithItsShapeAndValues() throws Exception {
        Fingerprint fp = Fixtures.fingerprint(new int[] {3, 6, 5}, 2, true);
        FingerprintSample sample = fp.samples().get(1);
        byte[] npy = Zips.entries(FingerprintWriter.unsigned().toBytes(fp)).get("samples/s001.npy");
        Path file = dir.resolve("s001.npy");
        Files.write(file, npy);
        String[] out = python(LOAD_ONE_ARRAY, file).trim().split("\\|");
        assertThat(out[0]).isEqualTo("<f4");
        assertThat(out[1]).isEqualTo("(3, 6, 5)");
        ByteBuffer expected =
                ByteBuffer.allocate(sample.input().size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        expected.asFloatBuffer().put(sample.input().data());
        assertThat(out[2]).isEqualTo(HexFormat.of().formatHex(expected.array()));
    }

    @Test
    void pythonReadsTheWholeFileWithZipfileJsonAndNumpy() throws Exception {
        Path file = dir.resolve("x.sfp");
        Files.write(
                file,
                FingerprintWriter.unsigned()
                        .toBytes(Fixtures.fingerprint(new int[] {1, 7, 7}, 3, true)));
        assertThat(python(READ_WHOLE_FILE, file).trim()).isEqualTo("sensiprint-fingerprint 1 3");
    }

    private static String python(String script, Path arg) throws IOException, InterruptedException {
        Process p =
                new ProcessBuilder(List.of("python3", "-c", script, arg.toString()))
                        .redirectErrorStream(true)
                        .start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    private static boolean pythonHasNumpy() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
