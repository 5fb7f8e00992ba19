package dev.sensiprint.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sensiprint.fingerprint.file.FingerprintFile;
import dev.sensiprint.verify.SampleOutcome;
import dev.sensiprint.verify.Verdict;
import dev.sensiprint.verify.VerificationResult;
import java.io.PrintWriter;
import java.util.Locale;

/** How a verification is shown: per-sample table and verdict, or JSON. */
final class VerificationView {

    private VerificationView() {}

    static int exitCode(Verdict v) {
        // Anything that is not INTACT or TAMPERED is inconclusive: never success by default.
        if (v instanceof Verdict.Intact) {
            return ExitCode.OK;
        }
        return v instanceof Verdict.Tampered ? ExitCode.TAMPERED : ExitCode.INCONCLUSIVE;
    }

    static void printText(FingerprintFile f, VerificationResult r, PrintWriter out) {
        out.printf(
                "fingerprint  %s (%s)%n",
                f.fingerprint().model().fileName(), FingerprintView.signature(f));
        out.printf("endpoint     %s%n", r.endpoint());
        out.printf(
                "comparison   %s, %d of %d samples in random order (seed %d)%n",
                r.comparison(), r.outcomes().size(), r.fingerprintSamples(), r.seed());
        out.printf("drift        %s%n%n", drift(f));
        TextTable t = new TextTable("sample", "result", ">ms", "detail");
        for (SampleOutcome o : r.outcomes()) {
            t.row(o.sampleId(), result(o), o.latency().toMillis(), detail(o));
        }
        t.print(out);
        out.println();
        out.println(r.verdict().summary());
    }

    /**
     * The benign noise floor the fingerprint was calibrated against (method.md §7): how far the
     * unmodified model's outputs moved under the variations generation ran. A server whose
     * deployment varies more than that (another runtime than declared) can flip a label without any
     * tampering.
     */
    static String drift(FingerprintFile f) {
        String over = f.fingerprint().generation().get("calibration");
        return "benign noise floor "
                + Numbers.sig(f.fingerprint().comparison().noiseFloor())
                + (over == null || over.isBlank() ? "" : " over " + over)
                + "; a runtime outside these can flip labels without tampering";
    }

    static ObjectNode json(FingerprintFile f, VerificationResult r) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        ObjectNode root = n.objectNode();
        root.put("verdict", r.verdict().name());
        root.put("summary", r.verdict().summary());
        root.put("exitCode", exitCode(r.verdict()));
        root.put("fingerprintSha256", f.sha256());
        root.put("signature", f.signature().name().toLowerCase(Locale.ROOT));
        root.put("model", f.fingerprint().model().fileName());
        root.put("modelSha256", f.fingerprint().model().sha256());
        root.put("endpoint", r.endpoint());
        root.put("mode", r.mode().id());
        root.put("comparison", r.comparison());
        root.put("noiseFloor", f.fingerprint().comparison().noiseFloor());
        root.put(
                "driftCalibratedOver",
                f.fingerprint().generation().getOrDefault("calibration", ""));
        root.put("seed", r.seed());
        root.put("fingerprintSamples", r.fingerprintSamples());
        root.put("queried", r.outcomes().size());
        root.put("matched", r.matchedCount());
        root.put("differed", r.differedCount());
        root.put("failed", r.failedCount());
        ArrayNode samples = root.putArray("samples");
        for (SampleOutcome o : r.outcomes()) {
            ObjectNode s = samples.addObject();
            s.put("id", o.sampleId());
            s.put("result", result(o));
            s.put("latencyMs", o.latency().toNanos() / 1e6);
            if (o instanceof SampleOutcome.Differed d) {
                s.put("what", d.mismatch().what());
                s.put("expected", d.mismatch().expected());
                s.put("received", d.mismatch().received());
            } else if (o instanceof SampleOutcome.Failed fl) {
                s.put("reason", fl.failure().reason());
            }
        }
        return root;
    }

    private static String result(SampleOutcome o) {
        if (o instanceof SampleOutcome.Differed) {
            return "DIFFERS";
        }
        return o instanceof SampleOutcome.Failed ? "failed" : "matched";
    }

    private static String detail(SampleOutcome o) {
        if (o instanceof SampleOutcome.Differed d) {
            return d.mismatch().what()
                    + ": expected "
                    + d.mismatch().expected()
                    + ", got "
                    + d.mismatch().received();
        }
        return o instanceof SampleOutcome.Failed f ? f.failure().reason() : "";
    }
}
