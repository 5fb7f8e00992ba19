package dev.sensiprint.sensitivity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sensiprint.model.DifferentiableModel;
import dev.sensiprint.testing.SharedModels;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Native memory stays flat over an optimisation-length loop: no array accumulates in the model's
 * manager (where arrays derived from parameters would go, djl-pytorch.md §5) or in the caller's.
 */
@Tag("slow")
class SensitivityMemoryTest {

    @Test
    void threeHundredEvaluationsLeaveTheNumberOfLiveArraysUnchanged() throws Exception {
        try (DifferentiableModel model = SharedModels.mnistMlp();
                SensitivityObjective objective =
                        SensitivityObjective.create(model, WeightSelection.all());
                NDManager caller = NDManager.newBaseManager("PyTorch")) {
            NDArray x = caller.create(SharedModels.mnistTest(0), new Shape(1, 28, 28));
            ClassSet classes = objective.classesOf(x, ClassSelection.topK(3));
            step(objective, x, classes); // first call: anything created once is created here
            int modelArrays = model.manager().getManagedArrays().size();
            int callerArrays = caller.getManagedArrays().size();

            for (int i = 0; i < 300; i++) {
                step(objective, x, classes);
            }

            assertThat(model.manager().getManagedArrays()).hasSize(modelArrays);
            assertThat(caller.getManagedArrays()).hasSize(callerArrays);
        }
    }

    /** One optimiser-like step: S and its gradient, then x moves a little along it. */
    private static void step(SensitivityObjective objective, NDArray x, ClassSet classes) {
        try (Sensitivity s = objective.valueAndGradient(x, classes);
                NDArray sign = s.gradient().sign()) {
            x.addi(sign.muli(1e-3f));
        }
    }
}
