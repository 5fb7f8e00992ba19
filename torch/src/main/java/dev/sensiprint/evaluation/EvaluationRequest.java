package dev.sensiprint.evaluation;

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
 */
public record EvaluationRequest(
        ModelSpec model,
        List<FloatTensor> seeds,
        String seedsDescription,
        EvaluationSettings settings) {

    public EvaluationRequest {
        if (model == null || seeds == null || settings == null) {
            throw new IllegalArgumentException("model, seeds and settings are required");
        }
        seeds = List.copyOf(seeds);
        if (seeds.size() != settings.poolSize()) {
            throw new IllegalArgumentException(
                    settings.poolSize() + " seeds are needed, got " + seeds.size());
        }
    }
}
