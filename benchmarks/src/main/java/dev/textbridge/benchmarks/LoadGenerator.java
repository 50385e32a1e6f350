package dev.textbridge.benchmarks;

import dev.textbridge.benchmarks.Population.Text;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Posts signed Twilio callbacks to one target over a bounded pool of keep-alive connections (Reactor Netty), either
 * as an open-loop rate or as a burst, and measures each acknowledgement from the moment the text was meant to be sent
 * (so a slow answer that holds up later sends shows in their latency too: no coordinated omission). A text that is not
 * acknowledged (connection refused or reset, a 5xx, a timeout) is sent again, the same callback with the same
 * signature, as Twilio would retry it, with backoff until the phase's retry window closes.
 */
final class LoadGenerator implements AutoCloseable {

    /** Latencies are kept in microseconds, up to an hour. */
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final byte[] NO_BODY = new byte[0];

    private final ConnectionProvider pool;
    private final HttpClient client;
    private final int connections;

    LoadGenerator(String target, int connections, Duration responseTimeout) {
        this.connections = connections;
        this.pool = ConnectionProvider.builder("textbridge-bench")
                .maxConnections(connections)
                .pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofMinutes(10))
                .build();
        this.client = HttpClient.create(pool).baseUrl(target).responseTimeout(responseTimeout);
    }

    int connections() {
        return connections;
    }

    /** How a phase retries texts that were not acknowledged. */
    record Retry(Duration window, Duration firstBackoff, Duration maxBackoff) {
        static final Retry NONE = new Retry(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** What one phase did: per text whether and when it was acknowledged, and the latency histogram. */
    static final class Phase {
        final String name;
        final String mode;
        final List<Text> texts;
        final boolean[] acked;
        final int[] attempts;
        final long[] ackedAtEpochMillis;
        final Histogram latencyMicros;
        final long startedNanos;
        final long lastAckNanos;
        final long sendingDoneNanos;
        final int failedAttempts;
        final int rejected;
        final double targetRate;

        private Phase(String name, String mode, List<Text> texts, boolean[] acked, int[] attempts,
                      long[] ackedAtEpochMillis, Histogram latencyMicros, long startedNanos, long lastAckNanos,
                      long sendingDoneNanos, int failedAttempts, int rejected, double targetRate) {
            this.name = name;
            this.mode = mode;
            this.texts = texts;
            this.acked = acked;
            this.attempts = attempts;
            this.ackedAtEpochMillis = ackedAtEpochMillis;
            this.latencyMicros = latencyMicros;
            this.startedNanos = startedNanos;
            this.lastAckNanos = lastAckNanos;
            this.sendingDoneNanos = sendingDoneNanos;
            this.failedAttempts = failedAttempts;
            this.rejected = rejected;
            this.targetRate = targetRate;
        }

        int sent() {
            return texts.size();
        }

        int acknowledged() {
            int n = 0;
            for (boolean a : acked) {
                n += a ? 1 : 0;
            }
            return n;
        }

        int retried() {
            int n = 0;
            for (int a : attempts) {
                n += a > 1 ? 1 : 0;
            }
            return n;
        }

        /** Acknowledged texts per second, from the first send to the last acknowledgement. */
        double ackPerSecond() {
            double seconds = (lastAckNanos - startedNanos) / 1e9;
            return seconds <= 0 ? 0 : acknowledged() / seconds;
        }

        double seconds() {
            return (lastAckNanos - startedNanos) / 1e9;
        }

        double percentileMillis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN
                    : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
        }
    }

    /** Sends the texts at a fixed rate (texts per second), each at its own scheduled instant, whatever the answers. */
    Phase rate(String name, List<Text> texts, double perSecond, Retry retry, Duration bound) throws InterruptedException {
        return run(name, "rate", texts, perSecond, retry, bound, i -> {
        });
    }

    /** Sends every text at once; the pool of connections bounds how many are in flight. */
    Phase burst(String name, List<Text> texts, Retry retry, Duration bound, IntConsumer onAck) throws InterruptedException {
        return run(name, "burst", texts, 0, retry, bound, onAck);
    }

    private Phase run(String name, String mode, List<Text> texts, double perSecond, Retry retry, Duration bound,
                      IntConsumer onAck) throws InterruptedException {
        int n = texts.size();
        long[] intended = new long[n];
        boolean[] acked = new boolean[n];
        int[] attempts = new int[n];
        long[] ackedAt = new long[n];
        Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        CountDownLatch done = new CountDownLatch(n);
        AtomicLong lastAck = new AtomicLong();
        AtomicInteger ackCount = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long sendingSpan = perSecond > 0 ? (long) (n / perSecond * 1e9) : 0;
        boolean retrying = !retry.window().isZero();
        long retryUntil = start + sendingSpan + retry.window().toNanos();

        Sender sender = new Sender() {
            @Override
            public void send(int i) {
                attempts[i]++;
                post(texts.get(i)).subscribe(status -> {
                    if (status >= 200 && status < 300) {
                        long now = System.nanoTime();
                        ackedAt[i] = System.currentTimeMillis();
                        acked[i] = true;
                        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, (now - intended[i]) / 1000)));
                        lastAck.accumulateAndGet(now, Math::max);
                        onAck.accept(ackCount.incrementAndGet());
                        done.countDown();
                    } else if (status >= 500 || status == 429) {
                        retryOrGiveUp(i);
                    } else {
                        // 4xx: the connector refused the callback for good (forged, malformed): a harness bug.
                        rejected.incrementAndGet();
                        done.countDown();
                    }
                }, error -> retryOrGiveUp(i));
            }

            private void retryOrGiveUp(int i) {
                failed.incrementAndGet();
                long now = System.nanoTime();
                if (!retrying || now - retryUntil >= 0) {
                    done.countDown();
                    return;
                }
                long backoff = Math.min(retry.maxBackoff().toNanos(),
                        retry.firstBackoff().toNanos() << Math.min(20, attempts[i] - 1));
                Mono.delay(Duration.ofNanos(Math.max(backoff, 1))).subscribe(x -> send(i));
            }
        };

        if (perSecond > 0) {
            double period = 1e9 / perSecond;
            for (int i = 0; i < n; i++) {
                intended[i] = start + (long) (i * period);
                parkUntil(intended[i]);
                sender.send(i);
            }
        } else {
            parkUntil(start);
            for (int i = 0; i < n; i++) {
                intended[i] = start;
                sender.send(i);
            }
        }
        long sendingDone = System.nanoTime();
        if (!done.await(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            System.err.printf("phase %s: %d of %d texts still unanswered after %s; counting them as not acknowledged%n",
                    name, done.getCount(), n, bound);
        }
        return new Phase(name, mode, texts, acked.clone(), attempts.clone(), ackedAt.clone(),
                recorder.getIntervalHistogram(), start, Math.max(lastAck.get(), start), sendingDone, failed.get(),
                rejected.get(), perSecond);
    }

    private interface Sender {
        void send(int i);
    }

    /** Posts one callback; answers the HTTP status, or fails when no answer came. */
    Mono<Integer> post(Text text) {
        return client.post()
                .uri(TwilioSigner.INBOUND_PATH)
                .send((request, out) -> {
                    request.header(HttpHeaderNames.CONTENT_TYPE, "application/x-www-form-urlencoded")
                            .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(text.form().length))
                            .header("X-Twilio-Signature", text.signature())
                            .header("I-Twilio-Idempotency-Token", text.sid());
                    return out.sendByteArray(Mono.just(text.form()));
                })
                .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(NO_BODY)
                        .map(bytes -> response.status().code()));
    }

    private static void parkUntil(long deadlineNanos) {
        for (long left = deadlineNanos - System.nanoTime(); left > 0; left = deadlineNanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void close() {
        pool.disposeLater().block(Duration.ofSeconds(10));
    }
}
