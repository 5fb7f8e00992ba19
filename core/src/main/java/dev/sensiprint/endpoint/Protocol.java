package dev.sensiprint.endpoint;

import dev.sensiprint.error.BadInputException;
import java.util.Locale;

/** The inference-server protocols a verifier can speak. */
public enum Protocol {
    /** Open Inference Protocol (KServe v2 REST), also spoken by Triton, MLServer, TorchServe. */
    OIP,
    /** TensorFlow Serving REST predict API. */
    TFSERVING,
    /** TorchServe inference API ({@code /predictions/{name}}). */
    TORCHSERVE;

    /** The lower-case name used on the command line. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}, case-insensitively. */
    public static Protocol fromId(String id) {
        for (Protocol p : values()) {
            if (p.id().equalsIgnoreCase(id)) {
                return p;
            }
        }
        throw new BadInputException(
                "unknown protocol '" + id + "' (expected oip, tfserving or torchserve)");
    }
}
