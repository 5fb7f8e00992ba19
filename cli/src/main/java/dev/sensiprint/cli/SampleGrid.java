package dev.sensiprint.cli;

import dev.sensiprint.evaluation.SamplePool;
import dev.sensiprint.fingerprint.FingerprintSample;
import dev.sensiprint.preview.SamplePreview;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Seeds beside their sensitive samples: one column per generated pool, one row per sample in MANC
 * order, each cell core's preview (seed | sample | amplified difference).
 */
final class SampleGrid {

    private static final int GAP = 12;

    private SampleGrid() {}

    static void write(List<SamplePool> pools, int rows, float valueMin, float valueMax, Path png)
            throws IOException {
        List<List<BufferedImage>> columns = new ArrayList<>();
        int cellW = 0;
        int cellH = 0;
        for (SamplePool pool : pools) {
            List<BufferedImage> column = new ArrayList<>();
            int[] order = pool.order();
            for (int i = 0; i < Math.min(rows, order.length); i++) {
                FingerprintSample s = pool.samples().get(order[i]);
                BufferedImage img = SamplePreview.image(s.input(), s.seed(), valueMin, valueMax);
                cellW = Math.max(cellW, img.getWidth());
                cellH = Math.max(cellH, img.getHeight());
                column.add(img);
            }
            columns.add(column);
        }
        int height = 0;
        for (List<BufferedImage> c : columns) {
            height = Math.max(height, c.size());
        }
        BufferedImage grid =
                new BufferedImage(
                        Math.max(1, columns.size() * (cellW + GAP)),
                        Math.max(1, height * (cellH + GAP)),
                        BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int c = 0; c < columns.size(); c++) {
                for (int r = 0; r < columns.get(c).size(); r++) {
                    g.drawImage(columns.get(c).get(r), c * (cellW + GAP), r * (cellH + GAP), null);
                }
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(grid, "png", png.toFile());
    }
}
