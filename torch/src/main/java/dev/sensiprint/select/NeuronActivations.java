package dev.sensiprint.select;

import dev.sensiprint.tensor.FloatTensor;
import java.util.BitSet;

/** Which neurons a sample activates, for maximum active-neuron cover (MANC, method.md §4). */
public interface NeuronActivations extends AutoCloseable {

    /** How many neurons {@link #active} indexes. */
    int neuronCount();

    /** The neurons with a positive activation on one sample x (the model's input shape). */
    BitSet active(FloatTensor x);

    @Override
    void close();
}
