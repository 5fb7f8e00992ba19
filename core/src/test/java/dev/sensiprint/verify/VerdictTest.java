package dev.sensiprint.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTest {

    /** M = matched, D = differed, F = failed, in query order. */
    private static List<SampleOutcome> outcomes(String pattern) {
        List<SampleOutcome> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            String id = "s" + i;
            out.add(
                    switch (pattern.charAt(i)) {
                        case 'M' -> new SampleOutcome.Matched(id, Duration.ZERO);
                        case 'D' ->
                                new SampleOutcome.Differed(
                                        new Mismatch(id, "top-1 label", "label 0", "label 1"),
                                        Duration.ZERO);
                        case 'F' ->
                                new SampleOutcome.Failed(
                                        new Failure(id, "HTTP 503"), Duration.ZERO);
                        default -> throw new IllegalArgumentException(pattern);
                    });
        }
        return out;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "M, INTACT",
        "MMMMM, INTACT",
        "F, INCONCLUSIVE",
        "MMMMF, INCONCLUSIVE",
        "FMMMM, INCONCLUSIVE",
        "FFFFF, INCONCLUSIVE",
        "D, TAMPERED",
        "MMMMD, TAMPERED",
        "DFFFF, TAMPERED",
        "FFFFD, TAMPERED",
        "MDFMD, TAMPERED",
    })
    void verdictFollowsTheRules(String pattern, String expected) {
        assertThat(Verdict.of(outcomes(pattern)).name()).isEqualTo(expected);
    }

    @Test
    void noOutcomeAtAllIsInconclusive() {
        assertThat(Verdict.of(List.of())).isInstanceOf(Verdict.Inconclusive.class);
    }

    @Test
    void tamperedKeepsEveryMismatchAndEveryFailure() {
        Verdict v = Verdict.of(outcomes("DMFD"));

        Verdict.Tampered t = (Verdict.Tampered) v;
        assertThat(t.mismatches()).extracting(Mismatch::sampleId).containsExactly("s0", "s3");
        assertThat(t.failures()).extracting(Failure::sampleId).containsExactly("s2");
        assertThat(v.summary()).startsWith("TAMPERED: 2 samples differ (1 not judged)");
    }

    @Test
    void inconclusiveNamesEachFailedSample() {
        Verdict.Inconclusive v = (Verdict.Inconclusive) Verdict.of(outcomes("FMF"));

        assertThat(v.failures()).extracting(Failure::sampleId).containsExactly("s0", "s2");
    }

    @Test
    void verdictsCannotBeBuiltEmpty() {
        assertThatThrownBy(() -> new Verdict.Intact(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict.Tampered(List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Verdict.Inconclusive(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
