package dev.sensiprint.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sensiprint.generate.MarginWalker.Band;
import dev.sensiprint.generate.MarginWalker.Failed;
import dev.sensiprint.generate.MarginWalker.Outcome;
import dev.sensiprint.generate.MarginWalker.Tuned;
import dev.sensiprint.quality.ImageQuality;
import dev.sensiprint.tensor.FloatTensor;
import dev.sensiprint.tensor.Outputs;
import org.junit.jupiter.api.Test;

class MarginWalkerTest {

    private static final int[] SHAPE = {1, 2, 2};

    /**
     * Three classes, z_k = tanh(w_k · x) + b_k: smooth and not linear, so the walker's first-order
     * steps miss and it has to bisect.
     */
    private static final class TanhModel implements MarginProbe {
        final double[][] w = {{0.5, 1, -0.5, 0.25}, {-0.5, 0.25, 1, 0.5}, {0.15, -0.1, 0.05, 0.75}};
        final double[] b = {0.2, 0, -0.1};

        @Override
        public Reading read(FloatTensor x, int label) {
            float[] v = x.data();
            float[] z = new float[3];
            double[][] dz = new double[3][4];
            for (int k = 0; k < 3; k++) {
                double s = 0;
                for (int i = 0; i < 4; i++) {
                    s += w[k][i] * v[i];
                }
                double t = Math.tanh(s);
                z[k] = (float) (t + b[k]);
                for (int i = 0; i < 4; i++) {
                    dz[k][i] = (1 - t * t) * w[k][i];
                }
            }
            int rival = -1;
            for (int j = 0; j < 3; j++) {
                if (j != label && (rival < 0 || z[j] > z[rival])) {
                    rival = j;
                }
            }
            float[] g = new float[4];
            for (int i = 0; i < 4; i++) {
                g[i] = (float) (dz[label][i] - dz[rival][i]);
            }
            return new Reading(
                    (double) z[label] - z[rival],
                    new FloatTensor(SHAPE, g),
                    new FloatTensor(new int[] {3}, z));
        }
    }

    private final TanhModel model = new TanhModel();
    private final FloatTensor seed = new FloatTensor(SHAPE, new float[] {0.9f, 0.8f, 0.1f, 0.2f});

    private MarginWalker walker(double eps) {
        return new MarginWalker(model, GeneratorSettings.defaults().withEps(eps, Ball.RMS));
    }

    @Test
    void bringsAConfidentSampleIntoTheBandKeepingItsLabelInsideTheBall() {
        int label = Outputs.argmax(model.read(seed, 0).output().data());
        assertThat(model.read(seed, label).margin()).isGreaterThan(0.1);
        Band band = new Band(1e-4, 2e-4);

        Outcome o = walker(0.6).walk(seed, seed, label, band);

        assertThat(o).isInstanceOf(Tuned.class);
        Tuned t = (Tuned) o;
        assertThat(t.reading().margin()).isBetween(1e-4, 2e-4);
        assertThat(model.read(t.sample(), label).margin()).isEqualTo(t.reading().margin());
        assertThat(Outputs.argmax(t.reading().output().data())).isEqualTo(label);
        assertThat(ImageQuality.rms(t.sample(), seed)).isLessThanOrEqualTo(0.6 + 1e-6);
        for (float v : t.sample().data()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void aStartPastTheBoundaryIsPulledBackTowardTheSeed() {
        int label = Outputs.argmax(model.read(seed, 0).output().data());
        FloatTensor past = new FloatTensor(SHAPE, new float[] {0.3f, 0.3f, 0.9f, 0.6f});
        assertThat(model.read(past, label).margin()).isNegative();

        Outcome o = walker(0.6).walk(seed, past, label, new Band(1e-5, 3e-5));

        assertThat(o).isInstanceOf(Tuned.class);
        assertThat(((Tuned) o).reading().margin()).isBetween(1e-5, 3e-5);
    }

    @Test
    void aBandOutOfReachOfTheBallIsReportedNotFaked() {
        int label = Outputs.argmax(model.read(seed, 0).output().data());

        Outcome o = walker(0.001).walk(seed, seed, label, new Band(1e-4, 2e-4));

        assertThat(o).isInstanceOf(Failed.class);
        assertThat(((Failed) o).reason()).contains("above the band");
    }

    @Test
    void theTwinSitsJustAcrossTheBoundaryWithTheRunnerUpOnTopInTheBand() {
        int label = Outputs.argmax(model.read(seed, 0).output().data());
        Band band = new Band(1e-4, 2e-4);
        Tuned anchor = (Tuned) walker(0.6).walk(seed, seed, label, band);
        float[] z = anchor.reading().output().data();
        int runnerUp = Outputs.topK(z, 2)[1];

        Outcome o = walker(0.6).cross(seed, anchor.sample(), label, band);

        assertThat(o).isInstanceOf(Tuned.class);
        Tuned twin = (Tuned) o;
        assertThat(Outputs.argmax(twin.reading().output().data())).isEqualTo(runnerUp);
        assertThat(twin.reading().margin()).isBetween(1e-4, 2e-4);
        assertThat(model.read(twin.sample(), runnerUp).margin()).isEqualTo(twin.reading().margin());
        assertThat(model.read(anchor.sample(), label).margin()).isBetween(1e-4, 2e-4);
        assertThat(ImageQuality.rms(twin.sample(), seed)).isLessThanOrEqualTo(0.6 + 1e-6);
        for (float v : twin.sample().data()) {
            assertThat(v).isBetween(0f, 1f);
        }
        // The two members of the pair are a tiny step apart, not two points of the ball.
        assertThat(ImageQuality.rms(twin.sample(), anchor.sample())).isLessThan(1e-2 * 0.6);
    }

    @Test
    void aTwinOutOfReachOfTheBallIsReportedNotFaked() {
        int label = Outputs.argmax(model.read(seed, 0).output().data());
        FloatTensor far = new FloatTensor(SHAPE, new float[] {1f, 1f, 0f, 0f});
        assertThat(model.read(far, label).margin()).isGreaterThan(0.1);

        // The ball around the anchor itself is too small to cross a margin above 0.1.
        Outcome o = walker(1e-4).cross(far, far, label, new Band(1e-4, 2e-4));

        assertThat(o).isInstanceOf(Failed.class);
        assertThat(((Failed) o).reason()).contains("below the band");
    }

    @Test
    void aTwinNeedsItsLabelOnTopAtTheAnchor() {
        int label = Outputs.argmax(model.read(seed, 0).output().data());
        int other = (label + 1) % 3;

        Outcome o = walker(0.6).cross(seed, seed, other, new Band(1e-4, 2e-4));

        assertThat(o).isInstanceOf(Failed.class);
        assertThat(((Failed) o).reason()).contains("not on top");
    }

    @Test
    void bandsMustBePositiveAndOrdered() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new Band(0, 1));
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new Band(2e-4, 1e-4));
    }
}
