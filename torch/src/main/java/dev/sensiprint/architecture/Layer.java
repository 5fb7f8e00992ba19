package dev.sensiprint.architecture;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.Locale;

/**
 * One layer of a plain feed-forward image classifier. Each layer knows both of its forms: the DJL
 * block that trains it and the TorchScript statement that runs it after export, so the two cannot
 * drift apart. Only layers whose DJL and PyTorch semantics are identical are offered (no BatchNorm,
 * no dropout: their train/eval switch is a pitfall for fingerprints, djl-pytorch.md §4).
 */
public sealed interface Layer {

    /** The DJL block for this layer. */
    Block block();

    /**
     * The TorchScript expression computing this layer's output from {@code in}.
     *
     * @param prefix the layer's parameter prefix, e.g. {@code conv1} (unused by layers without
     *     parameters)
     */
    String torchScript(String in, String prefix);

    /** Whether this layer has a weight and a bias. */
    default boolean hasParameters() {
        return false;
    }

    /** The output shape (C×H×W or a flat vector) for an input of {@code in}, without the batch. */
    long[] outputShape(long[] in);

    /** Conv2d with a square kernel, stride 1, zero padding {@code padding}, and a bias. */
    record Conv(int filters, int kernel, int padding) implements Layer {
        public Conv {
            if (filters < 1 || kernel < 1 || padding < 0) {
                throw new IllegalArgumentException(
                        "bad conv " + filters + " filters " + kernel + "x" + kernel);
            }
        }

        @Override
        public Block block() {
            return Conv2d.builder()
                    .setKernelShape(new Shape(kernel, kernel))
                    .optPadding(new Shape(padding, padding))
                    .setFilters(filters)
                    .build();
        }

        @Override
        public String torchScript(String in, String prefix) {
            return String.format(
                    Locale.ROOT,
                    "torch.conv2d(%s, self.%s_weight, self.%s_bias, [1, 1], [%d, %d], [1, 1], 1)",
                    in,
                    prefix,
                    prefix,
                    padding,
                    padding);
        }

        @Override
        public boolean hasParameters() {
            return true;
        }

        @Override
        public long[] outputShape(long[] in) {
            return new long[] {
                filters, in[1] + 2L * padding - kernel + 1, in[2] + 2L * padding - kernel + 1
            };
        }
    }

    /** Max pooling with a square window equal to its stride (floor mode). */
    record MaxPool(int size) implements Layer {
        public MaxPool {
            if (size < 1) {
                throw new IllegalArgumentException("pool size must be positive, got " + size);
            }
        }

        @Override
        public Block block() {
            return Pool.maxPool2dBlock(new Shape(size, size), new Shape(size, size));
        }

        @Override
        public String torchScript(String in, String prefix) {
            return String.format(
                    Locale.ROOT,
                    "torch.max_pool2d(%s, [%d, %d], [%d, %d], [0, 0], [1, 1], False)",
                    in,
                    size,
                    size,
                    size,
                    size);
        }

        @Override
        public long[] outputShape(long[] in) {
            return new long[] {in[0], in[1] / size, in[2] / size};
        }
    }

    /** ReLU. */
    record Relu() implements Layer {
        @Override
        public Block block() {
            return Activation.reluBlock();
        }

        @Override
        public String torchScript(String in, String prefix) {
            return "torch.relu(" + in + ")";
        }

        @Override
        public long[] outputShape(long[] in) {
            return in.clone();
        }
    }

    /** Flattens everything but the batch dimension, in C, H, W order (as both DJL and torch do). */
    record Flatten() implements Layer {
        @Override
        public Block block() {
            return Blocks.batchFlattenBlock();
        }

        @Override
        public String torchScript(String in, String prefix) {
            return "torch.flatten(" + in + ", 1)";
        }

        @Override
        public long[] outputShape(long[] in) {
            long n = 1;
            for (long d : in) {
                n *= d;
            }
            return new long[] {n};
        }
    }

    /** A fully connected layer with a bias; weight (units × inputs) in both DJL and torch. */
    record Dense(int units) implements Layer {
        public Dense {
            if (units < 1) {
                throw new IllegalArgumentException("dense units must be positive, got " + units);
            }
        }

        @Override
        public Block block() {
            return Linear.builder().setUnits(units).build();
        }

        @Override
        public String torchScript(String in, String prefix) {
            return String.format(
                    Locale.ROOT,
                    "torch.linear(%s, self.%s_weight, self.%s_bias)",
                    in,
                    prefix,
                    prefix);
        }

        @Override
        public boolean hasParameters() {
            return true;
        }

        @Override
        public long[] outputShape(long[] in) {
            if (in.length != 1) {
                throw new IllegalArgumentException("a dense layer needs a flat input; add Flatten");
            }
            return new long[] {units};
        }
    }
}
