package dev.sensiprint.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sensiprint.generate.GeneratedSample.StopReason;
import dev.sensiprint.quality.ImageQuality;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The optimiser on a model whose sensitivity and output are known in closed form: S(x) = exp(k w·(x
 * − x0)), so ascent pushes x along w, and the logits [m0 − w·(x − x0), 0] lose their label once the
 * sample has moved m0 along w.
 */
class SensitiveSampleGeneratorTest {

    private static final int[] SHAPE = {1, 8, 8};

    private final Random random = new Random(7);
    private final FloatTensor seed = randomImage();
    private final float[] w = randomDirection();

    private FloatTensor randomImage() {
        float[] v = new float[64];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.round(random.nextFloat() * 200 + 20) / 255f;
        }
        return new FloatTensor(SHAPE, v);
    }

    private float[] randomDirection() {
        float[] v = new float[64];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private SensitivityProbe analytic(double k, float initialMargin) {
        return x -> {
            double t = 0;
            for (int i = 0; i < w.length; i++) {
                t += w[i] * (x.data()[i] - seed.data()[i]);
            }
            double s = Math.exp(k * t);
            float[] g = new float[w.length];
            for (int i = 0; i < g.length; i++) {
                g[i] = (float) (k * w[i] * s);
            }
            FloatTensor out = FloatTensor.vector(initialMargin - (float) t, 0f);
            return new SensitivityProbe.Probe(s, new FloatTensor(SHAPE, g), out);
        };
    }

    private GeneratedSample run(SensitivityProbe probe, GeneratorSettings settings) {
        return new SensitiveSampleGenerator(probe, settings).generate(seed, (step, s) -> {});
    }

    @Test
    void ascentRaisesSensitivityAndEndsOnTheEdgeOfTheRmsBall() {
        GeneratedSample g = run(analytic(1, 100f), GeneratorSettings.defaults());
        assertThat(g.sensitivity()).isGreaterThan(g.seedSensitivity());
        assertThat(ImageQuality.rms(g.sample(), seed)).isCloseTo(10 / 255.0, within(1e-4));
        for (float v : g.sample().data()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void linfBallBoundsEveryPixel() {
        GeneratorSettings s = GeneratorSettings.defaults().withEps(0.02, Ball.LINF);
        GeneratedSample g = run(analytic(1, 100f), s);
        assertThat(ImageQuality.linf(g.sample(), seed)).isLessThanOrEqualTo(0.02 + 1e-6);
        assertThat(ImageQuality.linf(g.sample(), seed)).isGreaterThan(0.019);
    }

    @Test
    void withoutLabelKeepingTheSampleCrossesIntoAnotherClass() {
        GeneratedSample g = run(analytic(1, 0.05f), GeneratorSettings.defaults());
        assertThat(Outputs.argmax(g.output().data())).isEqualTo(1);
    }

    @Test
    void labelKeepingHoldsTheLabelAboveTheMarginFloor() {
        GeneratorSettings s = GeneratorSettings.defaults().withKeepLabel(true, 1e-3);
        GeneratedSample g = run(analytic(1, 0.05f), s);
        assertThat(Outputs.argmax(g.output().data())).isZero();
        assertThat(Outputs.margin(g.output().data())).isGreaterThanOrEqualTo(1e-3f);
        assertThat(g.rejectedSteps()).isPositive();
        assertThat(g.sensitivity()).isGreaterThan(g.seedSensitivity());
    }

    @Test
    void quantisedSampleLiesOnThe8BitGridInsideTheBall() {
        GeneratorSettings s = GeneratorSettings.defaults().withQuantize(true);
        GeneratedSample g = run(analytic(1, 100f), s);
        for (float v : g.sample().data()) {
            assertThat(Math.abs(v * 255 - Math.rint(v * 255))).isLessThan(1e-3);
        }
        assertThat(ImageQuality.rms(g.sample(), seed)).isLessThanOrEqualTo(10 / 255.0 + 1e-6);
        assertThat(g.sensitivity()).isGreaterThan(g.seedSensitivity());
    }

    @Test
    void flatSensitivityStopsAtOnceAndReturnsTheSeed() {
        GeneratedSample g = run(analytic(0, 100f), GeneratorSettings.defaults());
        assertThat(g.stop()).isEqualTo(StopReason.FLAT);
        assertThat(g.sample()).isEqualTo(seed);
    }

    @Test
    void stopsWhenSensitivityStopsImproving() {
        // Once on the ball's edge S cannot grow: the run must end by convergence, not the limit.
        GeneratedSample g = run(analytic(1, 100f), GeneratorSettings.defaults().withSteps(5000));
        assertThat(g.stop()).isEqualTo(StopReason.CONVERGED);
        assertThat(g.stepsTaken()).isLessThan(5000);
    }

    @Test
    void twoRunsAreBitIdentical() {
        GeneratorSettings s = GeneratorSettings.defaults().withKeepLabel(true, 1e-3);
        assertThat(run(analytic(1, 0.05f), s).sample())
                .isEqualTo(run(analytic(1, 0.05f), s).sample());
    }
}
