package dev.sensiprint.sensitivity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.generate.SensitivityProbe;
import dev.sensiprint.tensor.FloatTensor;
import java.util.stream.IntStream;

/**
 * The generator's view of the objective: S, grad_x S and the output at a point, with the class set
 * fixed from the seed. Values cross as float32 {@link FloatTensor}s; nothing native outlives a
 * call.
 */
public final class ObjectiveProbe implements SensitivityProbe {

    private final SensitivityObjective objective;
    private final ClassSet classes;

    private ObjectiveProbe(SensitivityObjective objective, ClassSet classes) {
        this.objective = objective;
        this.classes = classes;
    }

    /** A probe whose class set C is chosen from {@code seed} by {@code selection}. */
    public static ObjectiveProbe forSeed(
            SensitivityObjective objective, FloatTensor seed, ClassSelection selection) {
        try (NDManager m = objective.manager().newSubManager()) {
            return new ObjectiveProbe(objective, objective.classesOf(array(m, seed), selection));
        }
    }

    /** The class set C the probe uses. */
    public ClassSet classes() {
        return classes;
    }

    @Override
    public Probe probe(FloatTensor x) {
        try (NDManager m = objective.manager().newSubManager()) {
            Sensitivity s = objective.valueAndGradient(array(m, x), classes);
            return new Probe(s.value(), tensor(s.gradient()), tensor(s.output()));
        }
    }

    private static NDArray array(NDManager m, FloatTensor t) {
        return m.create(t.data(), new Shape(IntStream.of(t.shape()).asLongStream().toArray()));
    }

    private static FloatTensor tensor(NDArray a) {
        long[] dims = a.getShape().getShape();
        int[] shape = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = Math.toIntExact(dims[i]);
        }
        return new FloatTensor(shape, a.toType(DataType.FLOAT32, false).toFloatArray());
    }
}
