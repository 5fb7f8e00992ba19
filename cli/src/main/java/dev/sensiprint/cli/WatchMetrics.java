package dev.sensiprint.cli;

import dev.sensiprint.verify.Verdict;
import dev.sensiprint.watch.Round;
import dev.sensiprint.watch.RoundListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Prometheus metrics of {@code sensiprint watch}, updated after every round:
 *
 * <ul>
 *   <li>{@code sensiprint_watch_verdict{verdict}}: 1 for the last round's verdict, 0 for the others
 *       (all 0 before the first round);
 *   <li>{@code sensiprint_watch_rounds_total{verdict}}: rounds per verdict;
 *   <li>{@code sensiprint_watch_mismatches}: samples that differed in the last round, and {@code
 *       sensiprint_watch_mismatched_samples_total} over all rounds;
 *   <li>{@code sensiprint_watch_inconclusive_streak}: INCONCLUSIVE rounds in a row up to now;
 *   <li>{@code sensiprint_watch_query_latency_seconds}: histogram of query latencies;
 *   <li>{@code sensiprint_watch_round_duration_seconds}: round wall time;
 *   <li>{@code sensiprint_watch_last_intact_timestamp_seconds}: start of the last INTACT round,
 *       Unix time, 0 before any.
 * </ul>
 *
 * <p>Beside them, Micrometer's standard JVM and process meters ({@code jvm_memory_used_bytes},
 * {@code jvm_gc_pause_seconds}, {@code jvm_threads_live_threads}, {@code process_cpu_usage}, {@code
 * process_cpu_time_ns_total}, {@code process_uptime_seconds}, ...): a watcher runs for months, and
 * whoever scrapes it should see it stay small without logging into the host.
 */
final class WatchMetrics implements RoundListener, AutoCloseable {

    static final List<String> VERDICTS = List.of("INTACT", "TAMPERED", "INCONCLUSIVE");

    private final PrometheusMeterRegistry registry =
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<String> verdict = new AtomicReference<>("");
    private final Map<String, Counter> rounds;
    private final AtomicInteger mismatches = new AtomicInteger();
    private final Counter mismatchedSamples;
    private final AtomicLong inconclusiveStreak = new AtomicLong();
    private final AtomicLong lastIntactMillis = new AtomicLong();
    private final Timer queryLatency;
    private final Timer roundDuration;
    private final JvmGcMetrics jvmGc = new JvmGcMetrics();

    WatchMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        jvmGc.bindTo(registry);
        for (String v : VERDICTS) {
            Gauge.builder("sensiprint.watch.verdict", verdict, r -> v.equals(r.get()) ? 1 : 0)
                    .tag("verdict", v)
                    .description("1 for the verdict of the last round, 0 for the others")
                    .strongReference(true)
                    .register(registry);
        }
        rounds =
                Map.of(
                        "INTACT", roundCounter("INTACT"),
                        "TAMPERED", roundCounter("TAMPERED"),
                        "INCONCLUSIVE", roundCounter("INCONCLUSIVE"));
        Gauge.builder("sensiprint.watch.mismatches", mismatches, AtomicInteger::get)
                .description("Samples whose output differed in the last round")
                .strongReference(true)
                .register(registry);
        mismatchedSamples =
                Counter.builder("sensiprint.watch.mismatched.samples")
                        .description("Samples whose output differed, over all rounds")
                        .register(registry);
        Gauge.builder("sensiprint.watch.inconclusive.streak", inconclusiveStreak, AtomicLong::get)
                .description("INCONCLUSIVE rounds in a row, up to the last round")
                .strongReference(true)
                .register(registry);
        Gauge.builder(
                        "sensiprint.watch.last.intact.timestamp",
                        lastIntactMillis,
                        ms -> ms.get() / 1000.0)
                .baseUnit("seconds")
                .description("Start of the last INTACT round (Unix time), 0 before any")
                .strongReference(true)
                .register(registry);
        queryLatency =
                Timer.builder("sensiprint.watch.query.latency")
                        .description("Latency of one query, retries included")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofMinutes(1))
                        .register(registry);
        roundDuration =
                Timer.builder("sensiprint.watch.round.duration")
                        .description("Wall time of one round")
                        .register(registry);
    }

    private Counter roundCounter(String v) {
        return Counter.builder("sensiprint.watch.rounds")
                .tag("verdict", v)
                .description("Rounds completed, by verdict")
                .register(registry);
    }

    @Override
    public void roundCompleted(Round r) {
        String v = r.verdict().name();
        rounds.get(v).increment();
        mismatches.set(r.mismatches());
        mismatchedSamples.increment(r.mismatches());
        if (r.verdict() instanceof Verdict.Inconclusive) {
            inconclusiveStreak.incrementAndGet();
        } else {
            inconclusiveStreak.set(0);
        }
        if (r.verdict() instanceof Verdict.Intact) {
            lastIntactMillis.set(r.startedAt().toEpochMilli());
        }
        r.latencies().forEach(queryLatency::record);
        roundDuration.record(r.wallTime());
        verdict.set(v);
    }

    /** Stops listening to garbage-collection notifications. */
    @Override
    public void close() {
        jvmGc.close();
    }

    /** The metrics in the Prometheus text format. */
    String scrape() {
        return registry.scrape();
    }
}
