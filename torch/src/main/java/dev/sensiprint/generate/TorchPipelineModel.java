package dev.sensiprint.generate;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.attack.LiveWeights;
import dev.sensiprint.attack.Tampering;
import dev.sensiprint.attack.WeightSet;
import dev.sensiprint.calibrate.ModelVariations;
import dev.sensiprint.calibrate.Variation;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.select.PenultimateActivations;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.MarginObjective;
import dev.sensiprint.sensitivity.ObjectiveProbe;
import dev.sensiprint.sensitivity.SensitivityObjective;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The real model behind the fingerprint pipeline: the sensitivity objective on the differentiable
 * load, MANC activations by the gradient route, reference outputs and benign variations on the
 * inference load. Owns nothing it was given; closes only what it built.
 */
final class TorchPipelineModel implements FingerprintPipeline.Model, AutoCloseable {

    private final DifferentiableModel model;
    private final SensitivityObjective objective;
    private MarginObjective margin;
    private final ClassSelection classes;
    private final PenultimateActivations activations;
    private final InferenceModel inference;
    private final List<Variation> variations;
    private final double peak;

    TorchPipelineModel(
            DifferentiableModel model,
            SensitivityObjective objective,
            ClassSelection classes,
            InferenceModel inference,
            ModelSpec spec,
            ModelSpec twin,
            int threads,
            long seed) {
        this.model = model;
        this.objective = objective;
        this.classes = classes;
        this.activations = PenultimateActivations.of(model);
        this.inference = inference;
        this.peak = spec.valueMax() - spec.valueMin();
        List<Variation> v = new ArrayList<>();
        // The reference runs at `threads`; the other count is the variation a server may differ by.
        v.add(ModelVariations.threads(inference, threads == 1 ? 2 : 1));
        v.add(ModelVariations.batched(inference, seed));
        v.add(ModelVariations.reload(spec));
        if (twin != null) {
            v.add(ModelVariations.twin(twin));
        }
        this.variations = List.copyOf(v);
    }

    @Override
    public SensitivityProbe probeFor(FloatTensor seed) {
        return ObjectiveProbe.forSeed(objective, seed, classes);
    }

    @Override
    public BitSet activeNeurons(FloatTensor sample) {
        return activations.active(sample);
    }

    @Override
    public int neuronCount() {
        return activations.neuronCount();
    }

    @Override
    public List<FloatTensor> outputs(List<FloatTensor> samples) {
        return ModelVariations.oneByOne(inference, samples);
    }

    @Override
    public List<Variation> variations() {
        return variations;
    }

    @Override
    public double peak() {
        return peak;
    }

    @Override
    public boolean[][] labelFlips(
            List<FloatTensor> samples, List<JointSelection.SimulatedChange> changes) {
        WeightSet original = LiveWeights.read(model.weights());
        int[] clean = labels(samples);
        boolean[][] flips = new boolean[samples.size()][changes.size()];
        try {
            for (int p = 0; p < changes.size(); p++) {
                JointSelection.SimulatedChange c = changes.get(p);
                Tampering.applyInPlace(model, c.attack(), c.seed());
                int[] tampered = labels(samples);
                for (int i = 0; i < samples.size(); i++) {
                    flips[i][p] = tampered[i] != clean[i];
                }
                LiveWeights.write(original, model.weights());
            }
        } finally {
            // Generation goes on with this model: it must leave exactly as it came.
            LiveWeights.write(original, model.weights());
        }
        return flips;
    }

    /** Top-1 labels of a batch through the differentiable load (no graph is recorded). */
    private int[] labels(List<FloatTensor> samples) {
        int[] shape = samples.get(0).shape();
        int size = samples.get(0).data().length;
        float[] batch = new float[samples.size() * size];
        for (int i = 0; i < samples.size(); i++) {
            System.arraycopy(samples.get(i).data(), 0, batch, i * size, size);
        }
        long[] dims = new long[shape.length + 1];
        dims[0] = samples.size();
        for (int d = 0; d < shape.length; d++) {
            dims[d + 1] = shape[d];
        }
        try (NDManager call = model.manager().newSubManager();
                NDScope ignored = new NDScope()) {
            NDArray x = call.create(batch, new Shape(dims));
            NDArray out = model.forward(x).toType(DataType.FLOAT32, false);
            int classes = Math.toIntExact(out.getShape().get(1));
            float[] v = out.toFloatArray();
            int[] labels = new int[samples.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = Outputs.argmax(Arrays.copyOfRange(v, i * classes, (i + 1) * classes));
            }
            return labels;
        }
    }

    @Override
    public MarginProbe marginProbe() {
        if (margin == null) {
            margin = MarginObjective.create(model);
        }
        return margin;
    }

    @Override
    public void close() {
        try (activations) {
            if (margin != null) {
                margin.close();
            }
        }
    }
}
