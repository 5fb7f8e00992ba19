package dev.sensiprint.fingerprint.file;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code digests.json} entry: the SHA-256 of every other entry except the signature, in archive
 * order. It is always written, so corruption of an unsigned file is caught too, and it is what a
 * signature signs.
 */
record Digests(Map<String, String> sha256ByEntry) {

    static final String ENTRY = "digests.json";
    static final String ALGORITHM = "SHA-256";
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    Digests {
        sha256ByEntry = Collections.unmodifiableMap(new LinkedHashMap<>(sha256ByEntry));
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(newSha256().digest(data));
    }

    byte[] toJson() {
        return JsonFormat.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringField("algorithm", ALGORITHM);
                    g.writeObjectFieldStart("entries");
                    for (Map.Entry<String, String> e : sha256ByEntry.entrySet()) {
                        g.writeStringField(e.getKey(), e.getValue());
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                });
    }

    static Digests parse(byte[] json) {
        StrictObject root = StrictObject.parse(json, ENTRY, Set.of("algorithm", "entries"));
        String algorithm = root.string("algorithm");
        if (!ALGORITHM.equals(algorithm)) {
            throw root.bad(
                    "algorithm " + Names.quote(algorithm) + ", expected " + Names.quote(ALGORITHM));
        }
        Map<String, String> entries = root.stringMap("entries");
        for (Map.Entry<String, String> e : entries.entrySet()) {
            if (!HEX.matcher(e.getValue()).matches()) {
                throw root.bad(
                        "digest of "
                                + Names.quote(e.getKey())
                                + " is not 64 lower-case hex digits");
            }
        }
        return new Digests(entries);
    }
}
