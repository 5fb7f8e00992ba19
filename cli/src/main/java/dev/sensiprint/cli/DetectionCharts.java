package dev.sensiprint.cli;

import dev.sensiprint.evaluation.AttackResult;
import dev.sensiprint.evaluation.ModeDetection;
import dev.sensiprint.evaluation.PoolDetection;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Detection rate against N for one attack, two lines per pool: solid for random N-subsets, dashed
 * for the first N in the pool's order (MANC, or flip cover for joint and joint_pairs). Drawn with
 * JFreeChart, headless, to PNG.
 */
final class DetectionCharts {

    static final int WIDTH = 640;
    static final int HEIGHT = 400;

    // One colour per pool kind, in PoolKind order, whichever pools a run has.
    private static final Color[] COLOURS = {
        new Color(0xC0392B),
        new Color(0xE67E22),
        new Color(0x2874A6),
        new Color(0x7F8C8D),
        new Color(0x27AE60),
        new Color(0x8E44AD),
        new Color(0x17202A),
        new Color(0x16A085),
        new Color(0xD4AC0D)
    };

    private DetectionCharts() {}

    static void write(AttackResult attack, boolean labelMode, int maxN, Path png)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int series = 0;
        for (PoolDetection pool : attack.pools()) {
            ModeDetection m = labelMode ? pool.label() : pool.probs();
            int top = Math.min(maxN, m.poolSize());
            Color c = COLOURS[pool.kind().ordinal() % COLOURS.length];
            // joint's random-subset curve is sensitive_margin's, joint_pairs' the pairs' (same
            // samples): draw it once.
            boolean random = pool.kind().reordering().map(k -> !attack.has(k)).orElse(true);
            if (random) {
                XYSeries s = new XYSeries(pool.kind().id() + " (random N)");
                for (int n = 1; n <= top; n++) {
                    s.add(n, m.rateAt(n));
                }
                data.addSeries(s);
                renderer.setSeriesPaint(series, c);
                renderer.setSeriesStroke(series, new BasicStroke(2f));
                series++;
            }
            XYSeries ordered =
                    new XYSeries(
                            pool.kind().id()
                                    + (pool.kind().reordering().isPresent()
                                            ? " (flip-cover order)"
                                            : " (MANC order)"));
            for (int n = 1; n <= top; n++) {
                ordered.add(n, m.inOrderAt(n));
            }
            data.addSeries(ordered);
            renderer.setSeriesPaint(series, c);
            renderer.setSeriesShapesVisible(series, false);
            renderer.setSeriesStroke(
                    series,
                    new BasicStroke(
                            1.2f,
                            BasicStroke.CAP_BUTT,
                            BasicStroke.JOIN_MITER,
                            10f,
                            new float[] {6f, 4f},
                            0f));
            series++;
        }
        NumberAxis x = new NumberAxis("queries N");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setRange(0.5, maxN + 0.5);
        NumberAxis y = new NumberAxis("detection rate");
        y.setRange(0, 1.02);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart =
                new JFreeChart(
                        attack.spec() + (labelMode ? " — label mode" : " — probs mode"),
                        JFreeChart.DEFAULT_TITLE_FONT,
                        plot,
                        true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
    }
}
