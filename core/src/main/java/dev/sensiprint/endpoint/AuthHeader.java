package dev.sensiprint.endpoint;

import java.util.regex.Pattern;

/**
 * An authentication header: {@code Authorization: Bearer <token>} for TorchServe and most gateways,
 * or any other header such as {@code X-API-Key: <key>} (scheme empty).
 *
 * @param name header name
 * @param scheme prefix before the secret ("Bearer"), or empty for the bare value
 * @param secret the credential
 */
public record AuthHeader(String name, String scheme, Secret secret) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    public AuthHeader {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid header name: " + name);
        }
        if (scheme == null) {
            scheme = "";
        }
        if (!scheme.isEmpty() && !TOKEN.matcher(scheme).matches()) {
            throw new IllegalArgumentException("invalid auth scheme: " + scheme);
        }
        if (secret == null) {
            throw new IllegalArgumentException("a secret is required");
        }
    }

    /** {@code Authorization: Bearer <secret>}. */
    public static AuthHeader bearer(Secret secret) {
        return new AuthHeader("Authorization", "Bearer", secret);
    }

    String value() {
        return scheme.isEmpty() ? secret.reveal() : scheme + " " + secret.reveal();
    }
}
