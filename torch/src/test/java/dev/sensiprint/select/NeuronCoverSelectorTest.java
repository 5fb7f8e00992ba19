package dev.sensiprint.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.select.NeuronCoverSelector.Candidate;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class NeuronCoverSelectorTest {

    private static Candidate candidate(double sensitivity, int... neurons) {
        BitSet b = new BitSet();
        for (int n : neurons) {
            b.set(n);
        }
        return new Candidate(b, sensitivity);
    }

    @Test
    void picksTheCandidateAddingMostUncoveredNeuronsFirst() {
        List<Candidate> pool =
                List.of(candidate(9, 0, 1), candidate(1, 0, 1, 2, 3), candidate(5, 3, 4, 5));
        var s = NeuronCoverSelector.select(pool, 2, 6);
        // Candidate 1 covers four; then candidate 2 adds {4, 5} while candidate 0 adds nothing.
        assertThat(s.chosen()).containsExactly(1, 2);
        assertThat(s.coveredAfter()).containsExactly(4, 6);
        assertThat(s.coveredFraction()).isEqualTo(1.0);
    }

    @Test
    void breaksTiesByHigherSensitivity() {
        List<Candidate> pool = List.of(candidate(1, 0), candidate(3, 1), candidate(2, 2));
        assertThat(NeuronCoverSelector.select(pool, 3, 3).chosen()).containsExactly(1, 2, 0);
    }

    @Test
    void keepsChoosingBySensitivityOnceEverythingIsCovered() {
        List<Candidate> pool = List.of(candidate(1, 0, 1), candidate(2, 0), candidate(7, 1));
        assertThat(NeuronCoverSelector.select(pool, 3, 2).chosen()).containsExactly(0, 2, 1);
    }

    @Test
    void refusesToChooseMoreThanThePool() {
        assertThatThrownBy(() -> NeuronCoverSelector.select(List.of(candidate(1, 0)), 2, 1))
                .hasMessageContaining("cannot choose 2 of 1");
    }
}
