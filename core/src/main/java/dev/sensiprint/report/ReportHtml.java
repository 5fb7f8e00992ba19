package dev.sensiprint.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * {@code index.html}: the report for humans, one self-contained page. No script at all, CSS inline,
 * previews as {@code data:} URIs, and a Content-Security-Policy that lets the page fetch nothing,
 * so that even a page opened from a CI artefact store cannot phone home. Every string from the
 * server or the fingerprint file goes through {@link Html#escape}.
 */
public final class ReportHtml {

    private static final String CSP =
            "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none';"
                    + " form-action 'none'";

    private static final String STYLE =
            """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.4em}.verdict{font-size:1.6em;font-weight:bold;padding:.3em .6em;\
            display:inline-block;border-radius:4px;color:#fff}
            .INTACT{background:#2e7d32}.TAMPERED{background:#c62828}.INCONCLUSIVE{background:#ef6c00}
            table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ccc;\
            padding:.2em .5em;text-align:left;vertical-align:top}
            th{background:#f3f3f3}.num{text-align:right;font-family:monospace}
            .diff{background:#ffcdd2;font-weight:bold}.matched{color:#2e7d32}
            .differs{color:#c62828;font-weight:bold}.failed{color:#ef6c00;font-weight:bold}
            .sample{border:1px solid #ddd;border-radius:4px;padding:.8em;margin:1em 0}
            .sample h3{margin:0 0 .4em}.cols{display:flex;gap:1.5em;flex-wrap:wrap}
            img{image-rendering:pixelated;border:1px solid #ccc}.detail{font-family:monospace;\
            white-space:pre-wrap;word-break:break-all}
            """;

    private ReportHtml() {}

    public static String render(VerificationReport r) {
        StringBuilder b = new StringBuilder(16384);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        b.append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(CSP)
                .append("\">\n");
        b.append("<title>SensiPrint: ")
                .append(e(r.verdict()))
                .append(" — ")
                .append(e(r.model()))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        b.append("<h1>SensiPrint verification</h1>\n");
        b.append("<p><span class=\"verdict ")
                .append(cssClass(r.verdict()))
                .append("\">")
                .append(e(r.verdict()))
                .append("</span></p>\n<p class=\"detail\">")
                .append(e(r.summary()))
                .append("</p>\n");
        context(b, r);
        b.append("<h2>Samples</h2>\n");
        for (SampleReport s : r.samples()) {
            sample(b, r, s);
        }
        b.append("</body></html>\n");
        return b.toString();
    }

    private static void context(StringBuilder b, VerificationReport r) {
        b.append("<table>\n");
        row(b, "fingerprint file", r.fingerprintPath());
        row(b, "file SHA-256", r.fingerprintSha256());
        row(b, "signature", r.signature());
        row(b, "model", r.model() + " (SHA-256 " + r.modelSha256() + ")");
        row(b, "endpoint", r.endpoint());
        row(b, "mode", r.mode().id() + ": " + r.comparison());
        row(
                b,
                "tolerances",
                String.format(
                        Locale.ROOT,
                        "top-k %d, tolerance %.3e, measured noise floor %.3e",
                        r.settings().topK(),
                        r.settings().tolerance(),
                        r.settings().noiseFloor()));
        row(
                b,
                "samples",
                String.format(
                        Locale.ROOT,
                        "%d of %d queried in random order (seed %d): %d matched, %d differ, %d"
                                + " failed",
                        r.samples().size(),
                        r.fingerprintSamples(),
                        r.seed(),
                        r.count(SampleResult.MATCHED),
                        r.count(SampleResult.DIFFERS),
                        r.count(SampleResult.FAILED)));
        row(
                b,
                "timings",
                "started "
                        + r.startedAt()
                        + ", wall time "
                        + VerificationReport.millis(r.wallTime())
                        + " ms, sum of query latencies "
                        + VerificationReport.millis(r.totalLatency())
                        + " ms");
        b.append("</table>\n");
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(e(name)).append("</th><td>").append(e(value));
        b.append("</td></tr>\n");
    }

    private static void sample(StringBuilder b, VerificationReport r, SampleReport s) {
        b.append("<div class=\"sample\" id=\"sample-")
                .append(e(s.id()))
                .append("\">\n<h3>")
                .append(e(s.id()))
                .append(" <span class=\"")
                .append(s.result().id())
                .append("\">")
                .append(s.result().id())
                .append("</span> <small>")
                .append(VerificationReport.millis(s.latency()))
                .append(" ms</small></h3>\n");
        if (!s.detail().isEmpty()) {
            b.append("<p class=\"detail\">").append(e(s.detail())).append("</p>\n");
        }
        b.append("<div class=\"cols\">\n");
        if (s.previewPng() != null) {
            b.append("<div><img alt=\"preview of ")
                    .append(e(s.id()))
                    .append(": seed, sample, amplified difference\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(s.previewPng()))
                    .append("\"></div>\n");
        }
        b.append("<div><b>top classes</b>\n");
        topTable(b, s);
        b.append("</div>\n");
        if (s.expected().length <= VerificationReport.FULL_VECTOR_MAX) {
            b.append("<div><b>output vector</b>\n");
            vectorTable(b, s);
            b.append("</div>\n");
        }
        b.append("</div></div>\n");
    }

    private static void topTable(StringBuilder b, SampleReport s) {
        b.append("<table><tr><th>rank</th><th>expected</th><th>received</th></tr>\n");
        List<RankedValue> exp = s.expectedTop();
        List<RankedValue> rec = s.receivedTop();
        for (int i = 0; i < exp.size(); i++) {
            RankedValue want = exp.get(i);
            RankedValue got = i < rec.size() ? rec.get(i) : null;
            boolean moved = got != null && got.label() != want.label();
            b.append("<tr><td class=\"num\">").append(i + 1).append("</td><td class=\"num\">");
            b.append(ranked(want)).append("</td><td class=\"num");
            b.append(moved ? " diff" : "").append("\">");
            b.append(got == null ? "—" : ranked(got)).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static void vectorTable(StringBuilder b, SampleReport s) {
        b.append("<table><tr><th>class</th><th>expected</th><th>received</th></tr>\n");
        float[] exp = s.expected();
        float[] rec = s.received();
        for (int i = 0; i < exp.length; i++) {
            boolean diff = s.differing().contains(i);
            b.append("<tr><td class=\"num\">").append(i).append("</td><td class=\"num\">");
            b.append(value(exp[i])).append("</td><td class=\"num");
            b.append(diff ? " diff" : "").append("\">");
            b.append(rec == null || i >= rec.length ? "—" : value(rec[i]));
            b.append("</td></tr>\n");
        }
        if (rec != null && rec.length != exp.length) {
            b.append("<tr><td colspan=\"3\">the answer has ")
                    .append(rec.length)
                    .append(" values</td></tr>\n");
        }
        b.append("</table>\n");
    }

    private static String ranked(RankedValue v) {
        return v.label() + ": " + value(v.value());
    }

    private static String value(float v) {
        return e(String.format(Locale.ROOT, "%.6g", v));
    }

    /** Only the three verdict names become a CSS class; anything else gets none. */
    private static String cssClass(String verdict) {
        return switch (verdict) {
            case "INTACT", "TAMPERED", "INCONCLUSIVE" -> verdict;
            default -> "";
        };
    }

    private static String e(String s) {
        return Html.escape(s);
    }
}
