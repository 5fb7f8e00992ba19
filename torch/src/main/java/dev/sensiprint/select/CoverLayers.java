package dev.sensiprint.select;

import dev.sensiprint.model.DifferentiableModel;
import java.util.Locale;

/** Which layers maximum active-neuron cover counts neurons in. */
public enum CoverLayers {
    /** The input of the final linear layer: the paper's and the default. */
    PENULTIMATE("the penultimate layer's neurons"),
    /** The input of every fully connected layer after the image (see LinearLayerActivations). */
    LINEAR("the fully connected layers' input neurons"),
    /** Every layer, convolutions included, by the weight cover (see WeightCover). */
    ALL("the model's weight values");

    private final String units;

    CoverLayers(String units) {
        this.units = units;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What the cover counts, for reports: "x % of " + units(). */
    public String units() {
        return units;
    }

    /** Parses {@link #id()}. */
    public static CoverLayers parse(String text) {
        for (CoverLayers c : values()) {
            if (c.id().equalsIgnoreCase(text.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException(
                "cover layers must be penultimate, linear or all, got '" + text + "'");
    }

    /** The activations of these layers on {@code model}. */
    public NeuronActivations open(DifferentiableModel model) {
        return switch (this) {
            case PENULTIMATE -> PenultimateActivations.of(model);
            case LINEAR -> LinearLayerActivations.of(model);
            case ALL -> WeightCover.of(model);
        };
    }
}
