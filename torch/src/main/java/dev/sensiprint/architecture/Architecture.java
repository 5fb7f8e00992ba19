package dev.sensiprint.architecture;

import ai.djl.nn.SequentialBlock;
import dev.sensiprint.data.ImageShape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A feed-forward image classifier as a list of {@link Layer}s: one description from which both the
 * DJL block (for training) and the TorchScript module (for export) are made.
 *
 * <p>Parameter names follow PyTorch habits without dots (a flat TorchScript module cannot have
 * dotted attributes): {@code conv1_weight}, {@code conv1_bias}, ..., {@code fc1_weight}, in layer
 * order, which is also the order DJL lists a {@link SequentialBlock}'s parameters in.
 *
 * @param name the TorchScript class name, a Python identifier, e.g. {@code MnistDemo}
 * @param input one input image, C×H×W; pixels in [0, 1], no normalisation
 * @param layers the layers in order; the last must be a {@link Layer.Dense} with one unit per class
 */
public record Architecture(String name, ImageShape input, List<Layer> layers) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public Architecture {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("architecture name must be an identifier: " + name);
        }
        layers = List.copyOf(layers);
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Layer.Dense)) {
            throw new IllegalArgumentException("the last layer must be Dense (the class scores)");
        }
        long[] shape = {input.channels(), input.height(), input.width()};
        for (Layer l : layers) {
            shape = l.outputShape(shape);
            for (long d : shape) {
                if (d < 1) {
                    throw new IllegalArgumentException(
                            "layer " + l + " leaves an empty output " + Arrays.toString(shape));
                }
            }
        }
    }

    /** The number of classes: the units of the last layer. */
    public int classes() {
        return ((Layer.Dense) layers.get(layers.size() - 1)).units();
    }

    /** A fresh, uninitialised DJL block with these layers. */
    public SequentialBlock block() {
        SequentialBlock b = new SequentialBlock();
        for (Layer l : layers) {
            b.add(l.block());
        }
        return b;
    }

    /** The prefix of each layer's parameters ({@code conv1}, {@code fc2}), null for none. */
    public List<String> prefixes() {
        List<String> out = new ArrayList<>();
        int conv = 0;
        int fc = 0;
        for (Layer l : layers) {
            if (l instanceof Layer.Conv) {
                out.add("conv" + ++conv);
            } else if (l instanceof Layer.Dense) {
                out.add("fc" + ++fc);
            } else {
                out.add(null);
            }
        }
        return out;
    }

    /** Every parameter name, weight before bias, in layer order. */
    public List<String> parameterNames() {
        List<String> out = new ArrayList<>();
        for (String p : prefixes()) {
            if (p != null) {
                out.add(p + "_weight");
                out.add(p + "_bias");
            }
        }
        return out;
    }

    /** The compiled TorchScript source of the module (the archive's {@code code/__torch__.py}). */
    public String torchScriptSource() {
        StringBuilder s = new StringBuilder();
        s.append("class ").append(name).append("(Module):\n");
        s.append("  __parameters__ = [");
        for (String p : parameterNames()) {
            s.append('"').append(p).append("\", ");
        }
        s.append("]\n");
        s.append("  __buffers__ = []\n");
        for (String p : parameterNames()) {
            s.append("  ").append(p).append(" : Tensor\n");
        }
        s.append("  training : bool\n");
        s.append("  def forward(self: __torch__.")
                .append(name)
                .append(",\n    x: Tensor) -> Tensor:\n");
        List<String> prefixes = prefixes();
        String in = "x";
        for (int i = 0; i < layers.size(); i++) {
            String out = "x" + i;
            s.append("    ")
                    .append(out)
                    .append(" = ")
                    .append(layers.get(i).torchScript(in, prefixes.get(i)))
                    .append('\n');
            in = out;
        }
        s.append("    return ").append(in).append('\n');
        return s.toString();
    }

    /** Values in one input: C·H·W. */
    public int inputSize() {
        return input.valueCount();
    }
}
