package dev.sensiprint.autograd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code torch.autograd.grad} for Java: gradients of some outputs with respect to some inputs,
 * optionally kept in the graph so that they can be differentiated again (double backprop).
 *
 * <p>DJL has no binding for {@code torch.autograd.grad}, and its {@code backward(createGraph=true)}
 * leaks native memory through a parameter/gradient reference cycle (djl-pytorch.md §3.2). So this
 * class loads a tiny TorchScript module whose methods call {@code torch.autograd.grad}, and calls
 * them the one way that keeps grad mode on (djl-pytorch.md §3.1). No {@code .grad} field is ever
 * written: nothing accumulates and nothing needs zeroing.
 *
 * <p>Not thread-safe: a call renames the arrays it is given for its duration.
 */
public final class Autograd implements AutoCloseable {

    private static final String LIST_OF_OUTPUTS = "outs[]";
    private static final String LIST_OF_INPUTS = "ins[]";
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
        // The selector array picks the method and is not passed on; IValueUtils attaches the
        // results to its manager.
        NDArray method = resultManager.zeros(new Shape(1));
        method.setName(METHOD_PREFIX + (createGraph ? "grad_create" : "grad_plain"));
        NDList arguments = new NDList(1 + outputs.size() + inputs.size());
        arguments.add(method);
        List<String> savedOutputNames = new ArrayList<>(outputs.size());
        List<String> savedInputNames = new ArrayList<>(inputs.size());
        try {
            // IValueUtils packs arrays named "x[]" into one List[Tensor] argument per name. A
            // name containing '.' (conv1.weight) would be packed into a Dict instead, hence the
            // renaming.
            for (NDArray o : outputs) {
                savedOutputNames.add(o.getName());
                o.setName(LIST_OF_OUTPUTS);
                arguments.add(o);
            }
            for (NDArray in : inputs) {
                savedInputNames.add(in.getName());
                in.setName(LIST_OF_INPUTS);
                arguments.add(in);
            }
            // forward(..., isTrain=true), not runMethod: runMethod runs under the inference guard,
            // where create_graph=True silently gives graph-less gradients.
            NDList gradients = IValueUtils.forward(helper, arguments, true);
            if (gradients.size() != inputs.size()) {
                gradients.close();
                throw new IllegalStateException(
                        "autograd helper returned "
                                + gradients.size()
                                + " gradients for "
                                + inputs.size()
                                + " inputs");
            }
            return new ArrayList<>(gradients);
        } finally {
            for (int i = 0; i < savedOutputNames.size(); i++) {
                outputs.get(i).setName(savedOutputNames.get(i));
            }
            for (int i = 0; i < savedInputNames.size(); i++) {
                inputs.get(i).setName(savedInputNames.get(i));
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
