package dev.sensiprint.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;

/**
 * {@code report.json}: the report for machines. Output values are written as float32 (the shortest
 * decimal that reads back to the same float); JSON has no NaN or infinity, so a non-finite value an
 * answer held is written as null (the sample's detail names it).
 */
public final class ReportJson {

    /** Version of this layout; bumped when a field changes meaning or goes away. */
    public static final int FORMAT_VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactory();

    private ReportJson() {}

    public static void write(VerificationReport r, OutputStream out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("format", "sensiprint-verification-report");
            g.writeNumberField("formatVersion", FORMAT_VERSION);
            g.writeStringField("verdict", r.verdict());
            g.writeStringField("summary", r.summary());
            g.writeObjectFieldStart("fingerprint");
            g.writeStringField("path", r.fingerprintPath());
            g.writeStringField("sha256", r.fingerprintSha256());
            g.writeStringField("signature", r.signature());
            g.writeStringField("model", r.model());
            g.writeStringField("modelSha256", r.modelSha256());
            g.writeNumberField("samples", r.fingerprintSamples());
            g.writeEndObject();
            g.writeStringField("endpoint", r.endpoint());
            g.writeObjectFieldStart("comparison");
            g.writeStringField("mode", r.mode().id());
            g.writeStringField("compares", r.comparison());
            g.writeNumberField("topK", r.settings().topK());
            g.writeNumberField("tolerance", r.settings().tolerance());
            g.writeNumberField("noiseFloor", r.settings().noiseFloor());
            g.writeEndObject();
            g.writeNumberField("seed", r.seed());
            g.writeObjectFieldStart("timing");
            g.writeStringField("startedAt", r.startedAt().toString());
            g.writeNumberField("wallTimeMs", r.wallTime().toNanos() / 1e6);
            g.writeNumberField("totalLatencyMs", r.totalLatency().toNanos() / 1e6);
            g.writeEndObject();
            g.writeObjectFieldStart("counts");
            g.writeNumberField("queried", r.samples().size());
            for (SampleResult s : SampleResult.values()) {
                g.writeNumberField(s.id(), r.count(s));
            }
            g.writeEndObject();
            g.writeArrayFieldStart("samples");
            for (SampleReport s : r.samples()) {
                sample(g, s);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void sample(JsonGenerator g, SampleReport s) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", s.id());
        g.writeStringField("result", s.result().id());
        g.writeNumberField("latencyMs", s.latency().toNanos() / 1e6);
        g.writeStringField("detail", s.detail());
        g.writeFieldName("expected");
        floats(g, s.expected());
        g.writeFieldName("received");
        floats(g, s.received());
        g.writeFieldName("expectedTop");
        ranked(g, s.expectedTop());
        g.writeFieldName("receivedTop");
        ranked(g, s.receivedTop());
        g.writeArrayFieldStart("differingClasses");
        for (int c : s.differing().stream().sorted().toList()) {
            g.writeNumber(c);
        }
        g.writeEndArray();
        if (s.previewPng() != null) {
            g.writeStringField("previewPng", Base64.getEncoder().encodeToString(s.previewPng()));
        }
        g.writeEndObject();
    }

    private static void floats(JsonGenerator g, float[] v) throws IOException {
        if (v == null) {
            g.writeNull();
            return;
        }
        g.writeStartArray();
        for (float x : v) {
            if (Float.isFinite(x)) {
                g.writeNumber(x);
            } else {
                g.writeNull();
            }
        }
        g.writeEndArray();
    }

    private static void ranked(JsonGenerator g, List<RankedValue> top) throws IOException {
        g.writeStartArray();
        for (RankedValue v : top) {
            g.writeStartObject();
            g.writeNumberField("label", v.label());
            if (Float.isFinite(v.value())) {
                g.writeNumberField("value", v.value());
            } else {
                g.writeNullField("value");
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
