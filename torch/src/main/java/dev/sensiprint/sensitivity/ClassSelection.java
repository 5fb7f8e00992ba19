package dev.sensiprint.sensitivity;

import dev.sensiprint.tensor.Outputs;
import java.util.stream.IntStream;

/**
 * How the class set C of the objective is chosen from the seed's output: its top-1 class, its top-k
 * classes, or every class (the paper's authors use the first 10 or 40 classes, i.e. all of them for
 * CIFAR-10 and MNIST).
 */
public sealed interface ClassSelection {

    /** The class set for a seed whose output vector (logits or probabilities) is given. */
    ClassSet choose(float[] seedOutput);

    static ClassSelection top1() {
        return new TopK(1);
    }

    static ClassSelection topK(int k) {
        return new TopK(k);
    }

    static ClassSelection all() {
        return new AllClasses();
    }

    /** The k largest outputs of the seed, largest first (ties to the lower index). */
    record TopK(int k) implements ClassSelection {
        public TopK {
            if (k < 1) {
                throw new IllegalArgumentException("top-k needs k >= 1, got " + k);
            }
        }

        @Override
        public ClassSet choose(float[] seedOutput) {
            if (k > seedOutput.length) {
                throw new IllegalArgumentException(
                        "top-" + k + " of a model with " + seedOutput.length + " classes");
            }
            return new ClassSet(Outputs.topK(seedOutput, k));
        }
    }

    /** Every class of the model. */
    record AllClasses() implements ClassSelection {
        @Override
        public ClassSet choose(float[] seedOutput) {
            return new ClassSet(IntStream.range(0, seedOutput.length).toArray());
        }
    }
}
