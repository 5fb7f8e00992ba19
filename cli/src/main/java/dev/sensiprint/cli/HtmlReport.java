package dev.sensiprint.cli;

import dev.sensiprint.evaluation.AttackResult;
import dev.sensiprint.evaluation.EvaluationResult;
import java.util.List;

/** index.html: the summary tables, the detection plots per attack and the sample grid. */
final class HtmlReport {

    private HtmlReport() {}

    static String page(
            EvaluationResult r, String profile, String command, List<String> charts, String grid) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.append("<title>SensiPrint evaluation: ").append(esc(r.modelName())).append("</title>");
        b.append(
                "<style>body{font-family:sans-serif;margin:2em;max-width:1400px}"
                        + "table{border-collapse:collapse;font-size:13px;margin:1em 0}"
                        + "td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}"
                        + "td:nth-child(-n+4),th{text-align:left}"
                        + "img{margin:4px;border:1px solid #eee}</style></head><body>\n");
        b.append(markdownToHtml(SummaryTables.markdown(r, profile, command)));
        b.append("<h2>Detection rate against N</h2>\n");
        b.append(
                "<p>Solid: random N-subsets of the pool (averaged over copies, exact). Dashed: the"
                        + " first N samples in the pool's order (MANC; for joint and joint_pairs, the"
                        + " flip cover of simulated changes, drawn dashed only when the pool whose"
                        + " random-subset curve it shares, sensitive_margin or pairs, is"
                        + " shown).</p>\n");
        for (int a = 0; a < r.attacks().size(); a++) {
            AttackResult attack = r.attacks().get(a);
            b.append("<h3>").append(esc(attack.spec())).append("</h3>\n<div>");
            for (String c : charts) {
                if (c.startsWith(String.format("plots/%02d-", a))) {
                    b.append("<img src=\"").append(esc(c)).append("\" alt=\"").append(esc(c));
                    b.append("\" width=\"").append(DetectionCharts.WIDTH).append("\">");
                }
            }
            b.append("</div>\n");
        }
        b.append("<h2>Seeds beside their sensitive samples</h2>\n");
        b.append("<p>Columns, left to right: ")
                .append(
                        esc(
                                String.join(
                                        ", ",
                                        EvaluationReport.gridPools(r).stream()
                                                .map(p -> p.kind().id())
                                                .toList())))
                .append(". Each cell: seed | sample | difference amplified to full scale. First ")
                .append(EvaluationReport.GRID_ROWS)
                .append(" samples in MANC order.</p>\n");
        b.append("<img src=\"").append(grid).append("\" alt=\"sample grid\">\n");
        b.append("</body></html>\n");
        return b.toString();
    }

    /** The subset of Markdown {@link SummaryTables} writes: headings, paragraphs, tables. */
    static String markdownToHtml(String md) {
        StringBuilder b = new StringBuilder();
        boolean inTable = false;
        boolean header = false;
        for (String line : md.split("\n", -1)) {
            if (line.startsWith("|")) {
                if (line.startsWith("|---")) {
                    continue;
                }
                if (!inTable) {
                    b.append("<table>\n");
                    inTable = true;
                    header = true;
                }
                String[] cells = line.substring(1, line.length() - 1).split("\\|", -1);
                b.append("<tr>");
                for (String c : cells) {
                    String tag = header ? "th" : "td";
                    b.append('<').append(tag).append('>').append(inline(c.trim()));
                    b.append("</").append(tag).append('>');
                }
                b.append("</tr>\n");
                header = false;
                continue;
            }
            if (inTable) {
                b.append("</table>\n");
                inTable = false;
            }
            if (line.startsWith("## ")) {
                b.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("# ")) {
                b.append("<h1>").append(inline(line.substring(2))).append("</h1>\n");
            } else if (!line.isBlank()) {
                b.append("<p>").append(inline(line.replace("  ", ""))).append("</p>\n");
            }
        }
        if (inTable) {
            b.append("</table>\n");
        }
        return b.toString();
    }

    private static String inline(String s) {
        return esc(s).replaceAll("`([^`]*)`", "<code>$1</code>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
