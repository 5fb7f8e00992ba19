package dev.sensiprint.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sensiprint.error.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttackSpecsTest {

    @Test
    void pruneSpecGivesGlobalPruningByDefault() {
        assertThat(AttackSpecs.parse("prune:p=5"))
                .isEqualTo(new MagnitudePruning(5, MagnitudePruning.Scope.GLOBAL));
    }

    @Test
    void pruneScopeCanBePerTensor() {
        assertThat(AttackSpecs.parse("prune:p=30,scope=tensor"))
                .isEqualTo(new MagnitudePruning(30, MagnitudePruning.Scope.TENSOR));
    }

    @Test
    void noiseSpecTakesScientificNotation() {
        assertThat(AttackSpecs.parse("noise:r=1e-3,q=0.01"))
                .isEqualTo(new GaussianNoise(1e-3, 0.01));
    }

    @Test
    void parameterlessSpecsGiveTheirAttacks() {
        assertThat(AttackSpecs.parse("int8")).isEqualTo(new Int8Quantisation());
        assertThat(AttackSpecs.parse("fp16")).isEqualTo(new Float16RoundTrip());
        assertThat(AttackSpecs.parse("none")).isEqualTo(new NoChange());
    }

    @Test
    void scaleOneDefaultsToPlusTenPercent() {
        assertThat(AttackSpecs.parse("scale-one")).isEqualTo(new ScaleOneWeight(1.1));
    }

    @Test
    void bitflipDefaultsToAnyOfThe32Bits() {
        BitFlip flip = (BitFlip) AttackSpecs.parse("bitflip");
        assertThat(flip.bits().positions()).hasSize(32);
    }

    @Test
    void bitflipTakesAPositionOrASetName() {
        assertThat(((BitFlip) AttackSpecs.parse("bitflip:bit=30")).bits().positions())
                .containsExactly(30);
        assertThat(((BitFlip) AttackSpecs.parse("bitflip:bit=sign")).bits().positions())
                .containsExactly(31);
        assertThat(((BitFlip) AttackSpecs.parse("bitflip:bit=exponent")).bits().positions())
                .containsExactly(23, 24, 25, 26, 27, 28, 29, 30);
        assertThat(((BitFlip) AttackSpecs.parse("bitflip:bit=high")).bits().positions())
                .hasSize(17)
                .allMatch(b -> b >= 15);
    }

    @Test
    void namesAndKeysIgnoreCaseAndSpaces() {
        assertThat(AttackSpecs.parse(" PRUNE : P = 5 , Scope = Tensor "))
                .isEqualTo(new MagnitudePruning(5, MagnitudePruning.Scope.TENSOR));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "prune:p=5,scope=global",
                "prune:p=0.5,scope=tensor",
                "int8",
                "fp16",
                "noise:r=0.01,q=0.1",
                "scale-one:f=1.1",
                "scale-one:f=0.9",
                "bitflip:bit=30",
                "bitflip:bit=high",
                "bitflip:bit=any",
                "bitflip:bit=sign",
                "none"
            })
    void canonicalSpecParsesBackToItself(String spec) {
        Attack attack = AttackSpecs.parse(spec);
        assertThat(attack.spec()).isEqualTo(spec);
        assertThat(AttackSpecs.parse(attack.spec())).isEqualTo(attack);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "  ",
                "shuffle",
                "prune",
                "prune:",
                "prune:p",
                "prune:p=",
                "prune:p=abc",
                "prune:p=0",
                "prune:p=101",
                "prune:p=NaN",
                "prune:p=Infinity",
                "prune:p=0x10",
                "prune:p=5,p=6",
                "prune:p=5,x=1",
                "prune:p=5,scope=layer",
                "prune:p=5,",
                "int8:bits=4",
                "noise:r=1e-3",
                "noise:r=-1,q=0.1",
                "noise:r=1e-3,q=1.5",
                "scale-one:f=1",
                "bitflip:bit=32",
                "bitflip:bit=-1",
                "bitflip:bit=top",
                "trojan:size=4,target=-1",
                "trojan:size=4,target=any,pos=middle",
                "poison:target=any,index=-2",
                "poison:target=some",
                "model:path=",
                "model:file=twin.pt"
            })
    void badSpecFailsWithOneLineNamingIt(String spec) {
        assertThatThrownBy(() -> AttackSpecs.parse(spec))
                .isInstanceOf(BadInputException.class)
                .satisfies(
                        e -> {
                            assertThat(e.getMessage()).doesNotContain("\n");
                            if (!spec.isBlank()) {
                                assertThat(e.getMessage()).contains(spec.trim().split("[:,]")[0]);
                            }
                        });
    }

    @Test
    void unknownAttackMessageListsTheKnownOnes() {
        assertThatThrownBy(() -> AttackSpecs.parse("shuffle:k=1"))
                .hasMessageContaining("unknown attack 'shuffle'")
                .hasMessageContaining("prune")
                .hasMessageContaining("bitflip");
    }

    @Test
    void outOfRangeMessageNamesTheValue() {
        assertThatThrownBy(() -> AttackSpecs.parse("prune:p=101"))
                .hasMessageContaining("prune:p=101")
                .hasMessageContaining("(0, 100]")
                .hasMessageContaining("101");
    }

    @Test
    void missingParameterMessageGivesAnExample() {
        assertThatThrownBy(() -> AttackSpecs.parse("noise:q=0.01"))
                .hasMessageContaining("lacks r")
                .hasMessageContaining("noise:r=1e-3,q=0.01");
    }
}
