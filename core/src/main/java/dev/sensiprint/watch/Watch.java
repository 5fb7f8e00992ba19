package dev.sensiprint.watch;

import dev.sensiprint.endpoint.InferenceEndpoint;
import dev.sensiprint.fingerprint.ComparisonMode;
import dev.sensiprint.fingerprint.Fingerprint;
import dev.sensiprint.verify.Verdict;
import dev.sensiprint.verify.VerificationResult;
import dev.sensiprint.verify.Verifier;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * Verifies an endpoint against a fingerprint round after round until a number of rounds is done or
 * {@link #stop()} is called. Each round queries a fresh random subset in a fresh random order.
 *
 * <p>The rounds run on the thread that calls {@link #run()}; the pause between rounds waits on a
 * latch that {@link #stop()} releases, so a stop (e.g. from a SIGTERM shutdown hook) ends the pause
 * at once. A round in flight is finished, bounded by the endpoint's timeouts.
 */
public final class Watch {

    private final InferenceEndpoint endpoint;
    private final Fingerprint fingerprint;
    private final ComparisonMode mode;
    private final Integer subset;
    private final Schedule schedule;
    private final long maxRounds;
    private final List<RoundListener> listeners;
    private final BiConsumer<RoundListener, RuntimeException> onListenerFailure;
    private final RandomGenerator random;
    private final Clock clock;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long completed;

    private Watch(Builder b) {
        this.endpoint = b.endpoint;
        this.fingerprint = b.fingerprint;
        this.mode = b.mode;
        this.subset = b.subset;
        this.schedule = b.schedule;
        this.maxRounds = b.maxRounds;
        this.listeners = List.copyOf(b.listeners);
        this.onListenerFailure = b.onListenerFailure;
        this.random =
                b.random != null ? b.random : new SplittableRandom(new SecureRandom().nextLong());
        this.clock = b.clock;
    }

    public static Builder builder(InferenceEndpoint endpoint, Fingerprint fingerprint) {
        return new Builder(endpoint, fingerprint);
    }

    /**
     * Runs rounds until the round limit or a stop.
     *
     * @return how many rounds were completed
     */
    public long run() {
        Verdict previous = null;
        for (long n = 1; maxRounds == 0 || n <= maxRounds; n++) {
            if (isStopped()) {
                break;
            }
            Round round = round(n, previous);
            previous = round.verdict();
            completed = n;
            for (RoundListener l : listeners) {
                try {
                    l.roundCompleted(round);
                } catch (RuntimeException e) {
                    onListenerFailure.accept(l, e);
                }
            }
            if (maxRounds != 0 && n == maxRounds) {
                break;
            }
            if (pause(schedule.nextDelay(random))) {
                break;
            }
        }
        return completed;
    }

    /** Ends the watch: the pause in progress ends now, a round in progress is finished first. */
    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    public long completedRounds() {
        return completed;
    }

    private Round round(long n, Verdict previous) {
        Instant startedAt = clock.instant();
        long start = System.nanoTime();
        try {
            Verifier.Builder b = Verifier.builder(endpoint).seed(random.nextLong());
            if (mode != null) {
                b.mode(mode);
            }
            if (subset != null) {
                b.subset(subset);
            }
            VerificationResult r = b.build().verify(fingerprint);
            return Round.of(n, startedAt, since(start), r, previous);
        } catch (RuntimeException e) {
            // Whatever went wrong, this round proved nothing: INCONCLUSIVE, and the watch goes on.
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return Round.failed(
                    n, startedAt, since(start), m.lines().findFirst().orElse(""), previous);
        }
    }

    /** Waits; true when stopped meanwhile. */
    private boolean pause(Duration d) {
        try {
            return stopped.await(d.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(Math.max(0, System.nanoTime() - start));
    }

    /** Builds a {@link Watch}. */
    public static final class Builder {
        private final InferenceEndpoint endpoint;
        private final Fingerprint fingerprint;
        private ComparisonMode mode;
        private Integer subset;
        private Schedule schedule = new Schedule(Duration.ofMinutes(5), 0.1);
        private long maxRounds;
        private final List<RoundListener> listeners = new ArrayList<>();
        private BiConsumer<RoundListener, RuntimeException> onListenerFailure = (l, e) -> {};
        private RandomGenerator random;
        private Clock clock = Clock.systemUTC();

        private Builder(InferenceEndpoint endpoint, Fingerprint fingerprint) {
            if (endpoint == null || fingerprint == null) {
                throw new IllegalArgumentException("an endpoint and a fingerprint are required");
            }
            this.endpoint = endpoint;
            this.fingerprint = fingerprint;
        }

        /** The comparison mode; null (the default) uses the fingerprint's. */
        public Builder mode(ComparisonMode m) {
            this.mode = m;
            return this;
        }

        /** Query a random {@code n} of the samples per round (default: all). */
        public Builder subset(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("subset must be at least 1, got " + n);
            }
            this.subset = n;
            return this;
        }

        public Builder schedule(Schedule s) {
            this.schedule = s;
            return this;
        }

        /** Stop after this many rounds; 0 (the default) runs until {@link Watch#stop()}. */
        public Builder rounds(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("rounds must be >= 0, got " + n);
            }
            this.maxRounds = n;
            return this;
        }

        public Builder listener(RoundListener l) {
            listeners.add(l);
            return this;
        }

        /** What to do when a listener throws (default: nothing; the watch goes on either way). */
        public Builder onListenerFailure(BiConsumer<RoundListener, RuntimeException> handler) {
            this.onListenerFailure = handler;
            return this;
        }

        /** The source of sample subsets, orders and jitter; a seeded one makes runs repeatable. */
        public Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Watch build() {
            return new Watch(this);
        }
    }
}
