package dev.sensiprint.attack;

import dev.sensiprint.error.BadInputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Parses attack specs from the command line: {@code NAME} or {@code NAME:KEY=VALUE[,KEY=VALUE...]}.
 *
 * <ul>
 *   <li>{@code prune:p=5[,scope=global|tensor]} zero the p % smallest-magnitude weights;
 *   <li>{@code int8} int8 per-tensor symmetric quantisation round trip;
 *   <li>{@code fp16} float16 round trip;
 *   <li>{@code noise:r=1e-3,q=0.01} Gaussian noise of r × tensor std on a fraction q of W;
 *   <li>{@code scale-one[:f=1.1]} one random nonzero weight times f;
 *   <li>{@code bitflip[:bit=any]} one bit of one weight; bit is 0..31 or any, sign, exponent,
 *       mantissa, high ({@link BitChoice});
 *   <li>{@code none} no change (the control).
 * </ul>
 *
 * Training attacks ({@link TrainingAttack}; they need labelled images):
 *
 * <ul>
 *   <li>{@code finetune:lr=1e-3,epochs=1[,n=1000]} fine-tune all weights on n images;
 *   <li>{@code trojan:size=4,target=0[,pos=br,rate=0.1,asr=0.95,lr=0.01,steps=2000]} BadNets
 *       trigger on a fraction rate of the data, relabelled to target, until the ASR is reached;
 *       {@code target=any} and {@code pos=any} leave the class and the corner to the seed;
 *   <li>{@code poison:target=L[,index=0,lr=0.001,steps=1000]} one image to a chosen label; {@code
 *       target=any} and {@code index=any} leave the label and the image to the seed;
 *   <li>{@code swap[:seed=S,epochs=5,lr=0.003]} re-initialise with another seed and retrain.
 * </ul>
 *
 * And {@code model:path=FILE}: the weights of another model file of the same architecture (the real
 * trojaned twin of method.md §6, attack 10); the path may hold neither {@code ,} nor {@code ;}.
 *
 * <p>Names and keys are case-insensitive; spaces around tokens are ignored. Every failure is a
 * {@link BadInputException} with one line naming the spec and the bad part.
 */
public final class AttackSpecs {

    private record Kind(
            String name,
            Set<String> required,
            Set<String> optional,
            String example,
            Function<Params, Attack> make) {}

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        add(
                new Kind(
                        "prune",
                        Set.of("p"),
                        Set.of("scope"),
                        "prune:p=5",
                        p ->
                                new MagnitudePruning(
                                        p.number("p"),
                                        p.choice(
                                                "scope",
                                                MagnitudePruning.Scope.GLOBAL,
                                                MagnitudePruning.Scope.values()))));
        add(new Kind("int8", Set.of(), Set.of(), "int8", p -> new Int8Quantisation()));
        add(new Kind("fp16", Set.of(), Set.of(), "fp16", p -> new Float16RoundTrip()));
        add(
                new Kind(
                        "noise",
                        Set.of("r", "q"),
                        Set.of(),
                        "noise:r=1e-3,q=0.01",
                        p -> new GaussianNoise(p.number("r"), p.number("q"))));
        add(
                new Kind(
                        "scale-one",
                        Set.of(),
                        Set.of("f"),
                        "scale-one:f=1.1",
                        p -> new ScaleOneWeight(p.number("f", ScaleOneWeight.DEFAULT_FACTOR))));
        add(
                new Kind(
                        "bitflip",
                        Set.of(),
                        Set.of("bit"),
                        "bitflip:bit=30",
                        p -> new BitFlip(BitChoice.parse(p.text("bit", "any")))));
        add(new Kind("none", Set.of(), Set.of(), "none", p -> new NoChange()));
        add(
                new Kind(
                        "finetune",
                        Set.of("lr", "epochs"),
                        Set.of("n"),
                        "finetune:lr=1e-3,epochs=1",
                        p ->
                                new FineTuning(
                                        p.number("lr"),
                                        p.integer("epochs"),
                                        p.integer("n", FineTuning.DEFAULT_IMAGES))));
        add(
                new Kind(
                        "trojan",
                        Set.of("size", "target"),
                        Set.of("pos", "rate", "asr", "lr", "steps"),
                        "trojan:size=4,target=0",
                        p ->
                                new Trojan(
                                        p.integer("size"),
                                        p.integerOrAny("target", OptionalInt.empty()),
                                        p.isAny("pos")
                                                ? Optional.empty()
                                                : Optional.of(
                                                        p.choice(
                                                                "pos",
                                                                Trigger.Corner.BR,
                                                                Trigger.Corner.values())),
                                        p.number("rate", 0.1),
                                        p.number("asr", 0.95),
                                        p.number("lr", Trojan.DEFAULT_LEARNING_RATE),
                                        p.integer("steps", 2000))));
        add(
                new Kind(
                        "poison",
                        Set.of("target"),
                        Set.of("index", "lr", "steps"),
                        "poison:target=3,index=0",
                        p ->
                                new TargetedPoisoning(
                                        p.integerOrAny("target", OptionalInt.empty()),
                                        p.integerOrAny("index", OptionalInt.of(0)),
                                        p.number("lr", 1e-3),
                                        p.integer("steps", 1000))));
        add(
                new Kind(
                        "swap",
                        Set.of(),
                        Set.of("seed", "epochs", "lr"),
                        "swap:seed=2",
                        p ->
                                new ModelSwap(
                                        p.values.containsKey("seed")
                                                ? java.util.OptionalLong.of(p.longInteger("seed"))
                                                : java.util.OptionalLong.empty(),
                                        p.integer("epochs", ModelSwap.DEFAULT_EPOCHS),
                                        p.number("lr", ModelSwap.DEFAULT_LEARNING_RATE))));
        add(
                new Kind(
                        "model",
                        Set.of("path"),
                        Set.of(),
                        "model:path=twin.pt",
                        p -> new ModelReplacement(Path.of(p.text("path", "")))));
    }

    private static void add(Kind k) {
        KINDS.put(k.name(), k);
    }

    private AttackSpecs() {}

    /** The attack names a spec may start with. */
    public static List<String> names() {
        return List.copyOf(KINDS.keySet());
    }

    /**
     * The attack a spec describes.
     *
     * @throws BadInputException with one line naming the spec and what is wrong with it
     */
    public static Attack parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new BadInputException("attack spec is empty (known attacks: " + names() + ")");
        }
        int colon = spec.indexOf(':');
        String name = (colon < 0 ? spec : spec.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        Kind kind = KINDS.get(name);
        if (kind == null) {
            throw new BadInputException(
                    "unknown attack '"
                            + name
                            + "' in spec '"
                            + spec
                            + "' (known: "
                            + names()
                            + ")");
        }
        Params params = new Params(spec, kind);
        if (colon >= 0) {
            params.read(spec.substring(colon + 1));
        }
        for (String key : kind.required()) {
            if (!params.values.containsKey(key)) {
                throw new BadInputException(
                        "attack spec '"
                                + spec
                                + "' lacks "
                                + key
                                + " (example: "
                                + kind.example()
                                + ")");
            }
        }
        try {
            return kind.make().apply(params);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("attack spec '" + spec + "': " + e.getMessage(), e);
        }
    }

    /** The key=value pairs of one spec, checked against its kind. */
    private static final class Params {
        private final String spec;
        private final Kind kind;
        private final Map<String, String> values = new LinkedHashMap<>();

        Params(String spec, Kind kind) {
            this.spec = spec;
            this.kind = kind;
        }

        void read(String list) {
            if (list.isBlank()) {
                throw bad("has ':' but no parameters (example: " + kind.example() + ")");
            }
            for (String pair : list.split(",", -1)) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    throw bad("has '" + pair.trim() + "' where KEY=VALUE was expected");
                }
                String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                String value = pair.substring(eq + 1).trim();
                if (!kind.required().contains(key) && !kind.optional().contains(key)) {
                    throw bad(
                            "has unknown parameter '"
                                    + key
                                    + "' for "
                                    + kind.name()
                                    + " (known: "
                                    + known()
                                    + ")");
                }
                if (value.isEmpty()) {
                    throw bad("gives no value for " + key);
                }
                if (values.put(key, value) != null) {
                    throw bad("gives " + key + " twice");
                }
            }
        }

        private String known() {
            if (kind.required().isEmpty() && kind.optional().isEmpty()) {
                return "none";
            }
            return Stream.concat(kind.required().stream(), kind.optional().stream())
                    .sorted()
                    .collect(Collectors.joining(", "));
        }

        double number(String key) {
            String text = values.get(key);
            try {
                double v = Double.parseDouble(text);
                if (Double.isFinite(v) && text.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?")) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw bad("has " + key + "=" + text + ", which is not a number");
        }

        int integer(String key) {
            long v = longInteger(key);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw bad("has " + key + "=" + values.get(key) + ", which is out of range");
            }
            return (int) v;
        }

        int integer(String key, int fallback) {
            return values.containsKey(key) ? integer(key) : fallback;
        }

        /** Whether the key's value is {@code any}: left to the seed. */
        boolean isAny(String key) {
            return "any".equalsIgnoreCase(values.get(key));
        }

        /** A whole number, empty for {@code any}, {@code fallback} when absent. */
        OptionalInt integerOrAny(String key, OptionalInt fallback) {
            if (!values.containsKey(key)) {
                return fallback;
            }
            return isAny(key) ? OptionalInt.empty() : OptionalInt.of(integer(key));
        }

        long longInteger(String key) {
            String text = values.get(key);
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw bad("has " + key + "=" + text + ", which is not a whole number");
            }
        }

        double number(String key, double fallback) {
            return values.containsKey(key) ? number(key) : fallback;
        }

        String text(String key, String fallback) {
            return values.getOrDefault(key, fallback);
        }

        <E extends Enum<E>> E choice(String key, E fallback, E[] options) {
            String text = values.get(key);
            if (text == null) {
                return fallback;
            }
            for (E o : options) {
                if (o.name().equalsIgnoreCase(text)) {
                    return o;
                }
            }
            StringBuilder known = new StringBuilder();
            for (E o : options) {
                known.append(known.length() == 0 ? "" : ", ")
                        .append(o.name().toLowerCase(Locale.ROOT));
            }
            throw bad("has " + key + "=" + text + " (known: " + known + ")");
        }

        private BadInputException bad(String what) {
            return new BadInputException("attack spec '" + spec + "' " + what);
        }
    }
}
