package dev.sensiprint.select;

import dev.sensiprint.model.DifferentiableModel;
import java.util.Locale;

/** Which layers maximum active-neuron cover counts neurons in. */
public enum CoverLayers {
    /** The input of the final linear layer: the paper's and the default. */
    PENULTIMATE,
    /** The input of every fully connected layer after the image (see LinearLayerActivations). */
    LINEAR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #id()}. */
    public static CoverLayers parse(String text) {
        for (CoverLayers c : values()) {
            if (c.id().equalsIgnoreCase(text.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "cover layers must be penultimate or linear, got '" + text + "'");
    }

    /** The activations of these layers on {@code model}. */
    public NeuronActivations open(DifferentiableModel model) {
        return this == PENULTIMATE
                ? PenultimateActivations.of(model)
                : LinearLayerActivations.of(model);
    }
}
