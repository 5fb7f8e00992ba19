package dev.sensiprint.generate;

import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.select.CoverLayers;
import dev.sensiprint.sensitivity.ClassSelection;
import dev.sensiprint.sensitivity.WeightSelection;
import dev.sensiprint.tensor.FloatTensor;
import java.util.List;

/**
 * Everything {@code generate} needs.
 *
 * @param model the model file and what the user says about it
 * @param twin another artifact of the same network (e.g. its ONNX export) whose drift the
 *     fingerprint must tolerate, or null
 * @param seeds natural seed images, at least {@code pipeline.candidates()} of them
 * @param seedsDescription where the seeds came from, for the manifest
 * @param pipeline candidates, count, generator settings, calibration safety
 * @param weights the weights W of the objective
 * @param classes the class set C of the objective
 * @param cover what maximum active-neuron cover counts (also the covered fraction reported with
 *     joint selection)
 * @param mode the comparison mode the fingerprint recommends
 * @param threads libtorch intra-op threads for the reference outputs
 * @param rngSeed seed of every random choice
 */
public record GenerationRequest(
        ModelSpec model,
        ModelSpec twin,
        List<FloatTensor> seeds,
        String seedsDescription,
        PipelineSettings pipeline,
        WeightSelection weights,
        ClassSelection classes,
        CoverLayers cover,
        ComparisonMode mode,
        int threads,
        long rngSeed) {

    public GenerationRequest {
        if (model == null
                || seeds == null
                || pipeline == null
                || weights == null
                || classes == null
                || cover == null
                || mode == null) {
            throw new IllegalArgumentException(
                    "model, seeds, settings, W, C, cover and mode are required");
        }
        seeds = List.copyOf(seeds);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }
}
