package dev.sensiprint.generate;

import dev.sensiprint.calibrate.ModelVariations;
import dev.sensiprint.calibrate.Variation;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.model.InferenceModel;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.select.CoverLayers;
import dev.sensiprint.select.NeuronActivations;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.MarginObjective;
import dev.sensiprint.sensitivity.ObjectiveProbe;
import dev.sensiprint.sensitivity.SensitivityObjective;
import dev.sensiprint.tensor.FloatTensor;
import java.util.ArrayList;
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
    private final NeuronActivations activations;
    private final InferenceModel inference;
    private final List<Variation> variations;
    private final double peak;

    TorchPipelineModel(
            DifferentiableModel model,
            SensitivityObjective objective,
            ClassSelection classes,
            CoverLayers cover,
            InferenceModel inference,
            ModelSpec spec,
            ModelSpec twin,
            int threads,
            long seed) {
        this.model = model;
        this.objective = objective;
        this.classes = classes;
        this.activations = cover.open(model);
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
        return SimulatedFlips.labelFlips(model, samples, changes, SimulatedFlips.Listener.NONE);
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
