package dev.sensiprint.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import dev.sensiprint.model.TorchRuntime;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * {@code torch.autograd.grad} for Java: gradients of some outputs with respect to some inputs,
 * optionally kept in the graph so that they can be differentiated again (double backprop).
 *
 * <p>DJL has no binding for {@code torch.autograd.grad}, and its {@code backward(createGraph=true)}
 * leaks native memory through a parameter/gradient reference cycle (djl-pytorch.md §3.2). So this
 * class loads a tiny TorchScript module whose methods call {@code torch.autograd.grad}, and calls
 * them the one way that keeps grad mode on (djl-pytorch.md §3.1). No {@code .grad} field is ever
 * written: nothing accumulates and nothing needs zeroing. The sensitivity's own reduction (the
 * squared norm of the weight gradients, and its input gradient) is one of those methods too, so a
 * generator step crosses into native code a handful of times rather than once per tensor.
 *
 * <p>Not thread-safe: a call renames the arrays it is given for its duration.
 */
public final class Autograd implements AutoCloseable {

    private static final String[] LIST_NAMES = {"first[]", "second[]"};
    private static final String METHOD_PREFIX = "module_method:";

    private final NDManager manager;
    private final PtSymbolBlock helper;

    private Autograd(NDManager manager, PtSymbolBlock helper) {
        this.manager = manager;
        this.helper = helper;
    }

    /**
     * Loads the helper module into a sub-manager of {@code parent} (a PyTorch manager); {@link
     * #close()} releases it.
     */
    public static Autograd load(NDManager parent) {
        NDManager manager = parent.newSubManager();
        try {
            PtSymbolBlock helper =
                    JniUtils.loadModule(
                            (PtNDManager) manager,
                            new ByteArrayInputStream(AutogradHelperArchive.bytes()),
                            true,
                            false);
            return new Autograd(manager, helper);
        } catch (IOException e) {
            manager.close();
            throw new UncheckedIOException("cannot load the autograd helper module", e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The gradients of {@code Σ outputs} with respect to each of {@code inputs}, as {@code
     * torch.autograd.grad(outputs, inputs, create_graph=createGraph, allow_unused=True)}.
     *
     * <p>Must be called inside an open {@code GradientCollector} (grad mode on), on arrays whose
     * graph was recorded in it. An input that does not reach the outputs gets zeros.
     *
     * @param resultManager the manager the gradients are attached to: a short-lived one, so that
     *     the gradients (and with {@code createGraph}, the graph they hold) are freed with it
     * @param outputs the tensors to differentiate (usually one scalar)
     * @param inputs the tensors to differentiate with respect to (leaves or not)
     * @param createGraph keep the gradients in the graph, so they can be differentiated again
     * @return one gradient per input, same shape, in input order
     */
    public List<NDArray> grad(
            NDManager resultManager,
            List<NDArray> outputs,
            List<NDArray> inputs,
            boolean createGraph) {
        if (outputs.isEmpty() || inputs.isEmpty()) {
            throw new IllegalArgumentException("autograd needs at least one output and one input");
        }
        NDList gradients =
                call(
                        resultManager,
                        createGraph ? "grad_create" : "grad_plain",
                        List.of(),
                        List.of(outputs, inputs));
        return expect(gradients, inputs.size());
    }

    /**
     * ||dF/dW||² / count for a scalar F, as one call into TorchScript: the sum of squares over
     * every tensor of W runs in the interpreter, not as one JNI round trip per tensor.
     *
     * @param count a scalar tensor, |W|
     * @return the scalar, attached to {@code resultManager}
     */
    public NDArray meanSquaredGradient(
            NDManager resultManager, NDArray f, NDArray count, List<NDArray> weights) {
        requireWeights(weights);
        return expect(call(resultManager, "sensitivity", List.of(f, count), List.of(weights)), 1)
                .get(0);
    }

    /**
     * S = ||dF/dW||² / count and dS/dx, exact (double backprop), as one call into TorchScript. Must
     * be called inside an open {@code GradientCollector}, with x a leaf that requires a gradient
     * and F recorded from it.
     *
     * @return S and dS/dx, attached to {@code resultManager}
     */
    public List<NDArray> meanSquaredGradientAndInputGradient(
            NDManager resultManager, NDArray f, NDArray x, NDArray count, List<NDArray> weights) {
        requireWeights(weights);
        return expect(
                call(resultManager, "sensitivity_and_grad", List.of(f, x, count), List.of(weights)),
                2);
    }

    /**
     * Σ_{c∈C} log softmax(z)_c as Σ −softplus(logsumexp_{j≠c}(z_j − z_c)), accurate in float32 when
     * p_c is close to 1 (see SensitivityObjective).
     *
     * @param logits one output row (any shape with K elements)
     * @param classes the class indices C (int64)
     */
    public NDArray logProbabilities(NDManager resultManager, NDArray logits, NDArray classes) {
        return expect(
                        call(
                                resultManager,
                                "log_probabilities",
                                List.of(logits, classes),
                                List.of()),
                        1)
                .get(0);
    }

    private static void requireWeights(List<NDArray> weights) {
        if (weights.isEmpty()) {
            throw new IllegalArgumentException("need at least one weight tensor");
        }
    }

    /**
     * IValueUtils routes an array by its name, so one array cannot be in two argument groups (it
     * would carry only the last group's name); within one list it may repeat.
     */
    private static void requireDisjoint(List<NDArray> positional, List<List<NDArray>> lists) {
        Set<NDArray> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<List<NDArray>> groups = new ArrayList<>();
        positional.forEach(a -> groups.add(List.of(a)));
        groups.addAll(lists);
        for (List<NDArray> group : groups) {
            Set<NDArray> mine = Collections.newSetFromMap(new IdentityHashMap<>());
            mine.addAll(group);
            for (NDArray a : mine) {
                if (!seen.add(a)) {
                    throw new IllegalArgumentException(
                            "an array is passed in two argument groups of the autograd helper");
                }
            }
        }
    }

    private static List<NDArray> expect(NDList results, int count) {
        if (results.size() != count) {
            results.close();
            throw new IllegalStateException(
                    "autograd helper returned " + results.size() + " tensors, expected " + count);
        }
        return new ArrayList<>(results);
    }

    /**
     * Runs one helper method on tensor arguments {@code positional}, then one List[Tensor] argument
     * per entry of {@code lists}, in that order.
     */
    private NDList call(
            NDManager resultManager,
            String name,
            List<NDArray> positional,
            List<List<NDArray>> lists) {
        requireDisjoint(positional, lists);
        // The selector array picks the method and is not passed on; IValueUtils attaches the
        // results to its manager.
        NDArray method = resultManager.zeros(new Shape(1));
        method.setName(METHOD_PREFIX + name);
        NDList arguments = new NDList();
        arguments.add(method);
        List<NDArray> renamed = new ArrayList<>();
        List<String> savedNames = new ArrayList<>();
        try {
            // IValueUtils passes unnamed arrays one by one and packs arrays named "x[]" into one
            // List[Tensor] argument per name, in order of first appearance. A name containing '.'
            // (conv1.weight) would be packed into a Dict instead, hence the renaming.
            for (NDArray a : positional) {
                renamed.add(a);
                savedNames.add(a.getName());
                a.setName(null);
                arguments.add(a);
            }
            for (int l = 0; l < lists.size(); l++) {
                for (NDArray a : lists.get(l)) {
                    renamed.add(a);
                    savedNames.add(a.getName());
                    a.setName(LIST_NAMES[l]);
                    arguments.add(a);
                }
            }
            // The helper's methods do arithmetic: with the graph executor's optimiser on (it is
            // per thread, and IValueUtils does not turn it off as PtSymbolBlock does) the first
            // calls run a profiling plan whose float rounding differs from the later ones.
            TorchRuntime.configureCallingThread();
            // forward(..., isTrain=true), not runMethod: runMethod runs under the inference guard,
            // where create_graph=True silently gives graph-less gradients.
            return IValueUtils.forward(helper, arguments, true);
        } finally {
            // Backwards, so that an array repeated within a list gets its own name back.
            for (int i = renamed.size() - 1; i >= 0; i--) {
                renamed.get(i).setName(savedNames.get(i));
            }
            method.close();
        }
    }

    @Override
    public void close() {
        helper.close();
        manager.close();
    }
}
