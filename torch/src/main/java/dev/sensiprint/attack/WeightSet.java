package dev.sensiprint.attack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The weights W of a model as host copies, in the model's order: every trainable floating-point
 * parameter (the definition of {@code DifferentiableModel.weights()}); BatchNorm running statistics
 * are buffers and never part of W.
 *
 * <p>Attacks edit the values in place. A global index numbers every value of W: tensor by tensor in
 * order, row-major inside a tensor; ties in attacks that rank values are broken by it.
 */
public final class WeightSet {

    private final List<WeightValues> tensors;
    private final long[] offsets;

    /**
     * @throws IllegalArgumentException if the list is empty, names repeat, or W holds more than
     *     {@code Integer.MAX_VALUE} values
     */
    public WeightSet(List<WeightValues> tensors) {
        if (tensors == null || tensors.isEmpty()) {
            throw new IllegalArgumentException("a weight set needs at least one tensor");
        }
        Set<String> names = new HashSet<>();
        offsets = new long[tensors.size() + 1];
        for (int t = 0; t < tensors.size(); t++) {
            WeightValues w = tensors.get(t);
            if (!names.add(w.name())) {
                throw new IllegalArgumentException("weight " + w.name() + " appears twice");
            }
            offsets[t + 1] = offsets[t] + w.size();
        }
        if (offsets[tensors.size()] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "W holds " + offsets[tensors.size()] + " values, more than this tool handles");
        }
        this.tensors = List.copyOf(tensors);
    }

    /** The tensors, in the model's order; their value arrays are live. */
    public List<WeightValues> tensors() {
        return tensors;
    }

    public int tensorCount() {
        return tensors.size();
    }

    public WeightValues tensor(int t) {
        return tensors.get(t);
    }

    /** The number of values in W. */
    public int totalValues() {
        return (int) offsets[tensors.size()];
    }

    /** The global index of the first value of tensor {@code t}. */
    public int offset(int t) {
        return (int) offsets[t];
    }

    /** The tensor holding the value with this global index. */
    public int tensorOf(int global) {
        if (global < 0 || global >= totalValues()) {
            throw new IndexOutOfBoundsException(global);
        }
        int i = Arrays.binarySearch(offsets, global);
        // An exact hit is the first value of a tensor; skip empty tensors that share the offset.
        if (i >= 0) {
            while (offsets[i + 1] == global) {
                i++;
            }
            return i;
        }
        return -i - 2;
    }

    public float get(int global) {
        int t = tensorOf(global);
        return tensors.get(t).values()[global - offset(t)];
    }

    public void set(int global, float value) {
        int t = tensorOf(global);
        tensors.get(t).values()[global - offset(t)] = value;
    }

    /** The value with this global index written as {@code name[i, j, ...]}. */
    public String element(int global) {
        int t = tensorOf(global);
        return tensors.get(t).element(global - offset(t));
    }

    /** An independent copy of every tensor. */
    public WeightSet copy() {
        List<WeightValues> c = new ArrayList<>(tensors.size());
        for (WeightValues w : tensors) {
            c.add(w.copy());
        }
        return new WeightSet(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightSet w && tensors.equals(w.tensors);
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return "WeightSet[" + tensors.size() + " tensors, " + totalValues() + " values]";
    }
}
