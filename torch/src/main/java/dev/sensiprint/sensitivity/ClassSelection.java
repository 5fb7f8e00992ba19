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

    /**
     * The name used on the command line and in manifests: {@code top1}, {@code top3}, {@code all}.
     */
    String id();

    /**
     * Parses {@link #id()}, also accepting {@code topk:K}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    static ClassSelection parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("all")) {
            return all();
        }
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("top-?(?:k:)?(\\d{1,4})").matcher(t);
        if (m.matches()) {
            return topK(Integer.parseInt(m.group(1)));
        }
        throw new IllegalArgumentException(
                "class set '" + text + "' must be top1, topK (e.g. top3 or topk:3) or all");
    }

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

        @Override
        public String id() {
            return "top" + k;
        }
    }

    /** Every class of the model. */
    record AllClasses() implements ClassSelection {
        @Override
        public ClassSet choose(float[] seedOutput) {
            return new ClassSet(IntStream.range(0, seedOutput.length).toArray());
        }

        @Override
        public String id() {
            return "all";
        }
    }
}
