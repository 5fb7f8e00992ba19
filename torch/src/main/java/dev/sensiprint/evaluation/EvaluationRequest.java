package dev.sensiprint.evaluation;

import dev.sensiprint.attack.Attack;
import dev.sensiprint.data.ImageDataset;
import dev.sensiprint.model.ModelSpec;
import dev.sensiprint.tensor.FloatTensor;
import java.util.List;

/**
 * Everything an evaluation needs.
 *
 * @param model the clean model
 * @param seeds natural seed images, {@code settings.poolSize()} of them
 * @param seedsDescription where the seeds came from, for reports
 * @param settings attacks, copies, pools, generator
 * @param trainingData labelled images the training attacks (fine-tuning, trojan, poisoning, swap)
 *     train on; null when no attack needs any
 * @param twin another artifact of the same network (e.g. its ONNX export), answered beside the
 *     same-runtime variations in calibration and in the false-positive check (cross-runtime drift,
 *     method.md §7); null for none
 */
public record EvaluationRequest(
        ModelSpec model,
        List<FloatTensor> seeds,
        String seedsDescription,
        EvaluationSettings settings,
        ImageDataset trainingData,
        ModelSpec twin) {

    public EvaluationRequest {
        if (model == null || seeds == null || settings == null) {
            throw new IllegalArgumentException("model, seeds and settings are required");
        }
        seeds = List.copyOf(seeds);
        if (seeds.size() != settings.poolSize()) {
            throw new IllegalArgumentException(
                    settings.poolSize() + " seeds are needed, got " + seeds.size());
        }
        if (trainingData == null) {
            for (Attack a : settings.attacks()) {
                if (a.needsData()) {
                    throw new IllegalArgumentException(
                            "attack " + a.spec() + " trains the model and needs training data");
                }
            }
        }
    }

    /** A request without a twin. */
    public EvaluationRequest(
            ModelSpec model,
            List<FloatTensor> seeds,
            String seedsDescription,
            EvaluationSettings settings,
            ImageDataset trainingData) {
        this(model, seeds, seedsDescription, settings, trainingData, null);
    }

    /** A request whose attacks need no training data. */
    public EvaluationRequest(
            ModelSpec model,
            List<FloatTensor> seeds,
            String seedsDescription,
            EvaluationSettings settings) {
        this(model, seeds, seedsDescription, settings, null);
    }
}
