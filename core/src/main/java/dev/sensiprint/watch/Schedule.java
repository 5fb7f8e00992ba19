package dev.sensiprint.watch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the next round starts: the interval stretched or shrunk by a random factor in [1 − jitter, 1
 * + jitter], so that rounds do not fall on a fixed beat that a server could learn and game.
 *
 * @param interval the mean time from the end of one round to the start of the next
 * @param jitter the largest relative deviation, 0 to 0.5
 */
public record Schedule(Duration interval, double jitter) {

    public Schedule {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("jitter must be 0 to 50%, got " + jitter);
        }
    }

    /** The pause before the next round. */
    public Duration nextDelay(RandomGenerator random) {
        double factor = jitter == 0 ? 1 : 1 + random.nextDouble(-jitter, jitter);
        return Duration.ofNanos(Math.max(1, Math.round(interval.toNanos() * factor)));
    }
}
