package dev.sensiprint.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class FlipCoverSelectorTest {

    private static boolean[] row(String bits) {
        boolean[] r = new boolean[bits.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = bits.charAt(i) == '1';
        }
        return r;
    }

    @Test
    void prefersTheComplementOfWhatIsAlreadyCaughtOverAMoreSensitiveLookalike() {
        // Candidates 0 and 1 flip on the same half of the changes (1 is more sensitive);
        // candidate 2 flips on the other half: a pair with opposite margin gradients.
        boolean[][] flips = {row("11110000"), row("11110000"), row("00001111"), row("11000000")};
        double[] sensitivity = {1, 5, 0.1, 9};

        FlipCoverSelector.Selection s = FlipCoverSelector.select(flips, sensitivity, 2);

        assertThat(s.chosen()).containsExactly(1, 2);
        assertThat(s.caughtAfter()).containsExactly(0.5, 1.0);
        assertThat(s.caught()).isEqualTo(1.0);
    }

    @Test
    void afterEveryChangeIsCaughtItBuysASecondCatchWhereItIsCheapest() {
        boolean[][] flips = {row("1100"), row("0011"), row("1000"), row("1110")};
        double[] tie = {0, 0, 0, 0};

        FlipCoverSelector.Selection s = FlipCoverSelector.select(flips, tie, 3);

        // 3 (gain 3), then 1 (gain 1 + 0.5 for the half-caught third change), then 0 (two halves).
        assertThat(s.chosen()).containsExactly(3, 1, 0);
        assertThat(s.caughtAfter()).containsExactly(0.75, 1.0, 1.0);
    }

    @Test
    void equalGainsFallBackToTheTieBreak() {
        boolean[][] flips = {row("10"), row("10"), row("10")};
        FlipCoverSelector.Selection s =
                FlipCoverSelector.select(flips, new double[] {0.2, 0.7, 0.5}, 3);
        assertThat(s.chosen()).containsExactly(1, 2, 0);
    }

    @Test
    void aUnitCatchesWhatAnyOfItsMembersCatches() {
        // Anchors 0 and 1 never flip; 1's twin (3) catches what 0 and its twin (2) miss.
        boolean[][] flips = {row("0000"), row("0000"), row("1100"), row("0011")};
        boolean[][] pairs = FlipCoverSelector.anyMember(flips, new int[][] {{0, 2}, {1, 3}});
        assertThat(pairs[0]).containsExactly(true, true, false, false);
        assertThat(pairs[1]).containsExactly(false, false, true, true);
        FlipCoverSelector.Selection s = FlipCoverSelector.select(pairs, new double[] {0, 0}, 2);
        assertThat(s.caughtAfter()).containsExactly(0.5, 1.0);
        // the input rows are not touched
        assertThat(flips[0]).containsOnly(false);
    }

    @Test
    void membersExpandTheChosenUnitsInOrderOfChoice() {
        // Pair 2 catches the most, then pair 0, then pair 1 (nothing left but the tie-break).
        boolean[][] pairs = {row("1100"), row("0000"), row("1110")};
        FlipCoverSelector.Selection s = FlipCoverSelector.select(pairs, new double[] {0, 1, 0}, 3);
        assertThat(s.chosen()).containsExactly(2, 0, 1);
        assertThat(s.members(2)).containsExactly(4, 5, 0, 1, 2, 3);
        assertThat(s.members(1)).containsExactly(2, 0, 1);
    }

    @Test
    void rejectsRaggedInputAndImpossibleCounts() {
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                FlipCoverSelector.select(
                                        new boolean[][] {row("10"), row("1")}, new double[2], 1));
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () ->
                                FlipCoverSelector.select(
                                        new boolean[][] {row("1")}, new double[1], 2));
    }
}
