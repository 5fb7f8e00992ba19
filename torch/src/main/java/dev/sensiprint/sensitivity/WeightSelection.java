package dev.sensiprint.sensitivity;

import dev.sensiprint.error.BadInputException;
import dev.sensiprint.model.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which weight tensors W the sensitivity is measured over: all of them (the default), the last
 * linear layer only (what the paper's public code does: 3–5× cheaper, but blind to changes that do
 * not reach that layer), or tensors named by the user.
 */
public sealed interface WeightSelection {

    /**
     * The selected tensors, in the model's order.
     *
     * @param weights every weight of the model, in its stable order
     * @param numClasses the length of the model's output, to recognise its last layer
     * @throws BadInputException when the selection does not fit the model
     */
    List<Weight> select(List<Weight> weights, int numClasses);

    static WeightSelection all() {
        return new All();
    }

    static WeightSelection lastLayer() {
        return new LastLayer();
    }

    static WeightSelection named(String... names) {
        return new Named(List.of(names));
    }

    /** Every trainable floating-point parameter. */
    record All() implements WeightSelection {
        @Override
        public List<Weight> select(List<Weight> weights, int numClasses) {
            if (weights.isEmpty()) {
                throw new BadInputException(
                        "the model exposes no weight tensors (are its weights graph constants?)");
            }
            return List.copyOf(weights);
        }
    }

    /**
     * The final linear layer: its weight matrix (classes × features) and, when present, its bias
     * vector. Recognised as the last tensor(s) in the model's order, which for PyTorch is the order
     * of definition.
     */
    record LastLayer() implements WeightSelection {
        @Override
        public List<Weight> select(List<Weight> weights, int numClasses) {
            if (weights.isEmpty()) {
                throw new BadInputException("the model exposes no weight tensors");
            }
            Weight last = weights.get(weights.size() - 1);
            long[] lastShape = last.array().getShape().getShape();
            if (lastShape.length == 2) {
                requireClassRows(last, lastShape[0], numClasses);
                return List.of(last);
            }
            if (lastShape.length == 1 && weights.size() >= 2) {
                Weight matrix = weights.get(weights.size() - 2);
                long[] matrixShape = matrix.array().getShape().getShape();
                if (matrixShape.length == 2 && matrixShape[0] == lastShape[0]) {
                    requireClassRows(matrix, matrixShape[0], numClasses);
                    return List.of(matrix, last);
                }
            }
            throw new BadInputException(
                    "cannot find a final linear layer: the last weight tensor '"
                            + last.name()
                            + "' has shape "
                            + Arrays.toString(lastShape));
        }

        private static void requireClassRows(Weight w, long rows, int numClasses) {
            if (rows != numClasses) {
                throw new BadInputException(
                        "the last weight tensor '"
                                + w.name()
                                + "' has "
                                + rows
                                + " output rows, the model has "
                                + numClasses
                                + " classes");
            }
        }
    }

    /** The tensors with these exact names. */
    record Named(List<String> names) implements WeightSelection {
        public Named {
            if (names == null || names.isEmpty()) {
                throw new IllegalArgumentException("name at least one weight tensor");
            }
            names = List.copyOf(new LinkedHashSet<>(names));
        }

        @Override
        public List<Weight> select(List<Weight> weights, int numClasses) {
            Set<String> wanted = Set.copyOf(names);
            List<Weight> chosen = new ArrayList<>();
            for (Weight w : weights) {
                if (wanted.contains(w.name())) {
                    chosen.add(w);
                }
            }
            if (chosen.size() != wanted.size()) {
                Set<String> found = chosen.stream().map(Weight::name).collect(Collectors.toSet());
                List<String> missing = names.stream().filter(n -> !found.contains(n)).toList();
                throw new BadInputException(
                        "no weight tensor named "
                                + missing
                                + "; the model has "
                                + weights.stream().map(Weight::name).toList());
            }
            return List.copyOf(chosen);
        }
    }
}
