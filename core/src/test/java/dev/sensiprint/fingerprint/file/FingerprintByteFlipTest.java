package dev.sensiprint.fingerprint.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.signing.SigningKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** No byte of a signed file can change without the reader refusing the file. */
class FingerprintByteFlipTest {

    @Test
    void everySingleFlippedByteIsRejectedAsBadInput() {
        SigningKey key = SigningKey.generate();
        byte[] original = FingerprintWriter.signedWith(key).toBytes(Fixtures.tiny());
        assertThat(original.length).as("a small file keeps this test fast").isLessThan(8192);
        assertThat(FingerprintReader.read(original, "ok.sfp", null).signature())
                .isEqualTo(SignatureStatus.SIGNED);

        List<String> accepted = new ArrayList<>();
        List<String> wrongException = new ArrayList<>();
        Map<String, Integer> messageKinds = new TreeMap<>();
        for (int i = 0; i < original.length; i++) {
            byte[] flipped = original.clone();
            flipped[i] ^= (byte) 0xFF;
            try {
                FingerprintReader.read(flipped, "flipped.sfp", null);
                accepted.add("byte " + i);
            } catch (BadInputException e) {
                assertThat(e.getMessage()).startsWith("flipped.sfp: ").doesNotContain("\n");
                String kind = e.getMessage().replaceAll("[0-9a-f]{8,}|\\d+", "#");
                messageKinds.merge(kind.substring(0, Math.min(kind.length(), 60)), 1, Integer::sum);
            } catch (RuntimeException e) {
                wrongException.add("byte " + i + ": " + e);
            }
        }
        assertThat(accepted).as("flipped files that were accepted").isEmpty();
        assertThat(wrongException).as("failures that were not BadInputException").isEmpty();
        assertThat(messageKinds).as("kinds of message").hasSizeGreaterThan(3);
    }
}
