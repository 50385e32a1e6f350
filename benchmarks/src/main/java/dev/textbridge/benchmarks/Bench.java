package dev.textbridge.benchmarks;

import dev.textbridge.benchmarks.LoadGenerator.Phase;
import dev.textbridge.benchmarks.LoadGenerator.Retry;
import dev.textbridge.benchmarks.Population.Block;
import dev.textbridge.benchmarks.Population.Text;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The harness's Java side, one subcommand per step; {@code benchmarks/run} starts the processes and calls these.
 * <ul>
 *   <li>{@code free-port}: prints a free loopback port</li>
 *   <li>{@code seed --out FILE --customers N}: writes the local CRM's seed (the Salesforce stand-in seeds itself from
 *   the same population)</li>
 *   <li>{@code await --url URL --timeout 120s}: waits until the URL answers 200</li>
 *   <li>{@code ceiling ...}: warm-up, open-loop rate and burst against the bare WebFlux endpoint</li>
 *   <li>{@code connector ...}: the same against the connector, plus single texts, drains, CRM calls, e2e and losses</li>
 *   <li>{@code crash ...}: a burst during which benchmarks/run kills the connector; retries, drain, losses</li>
 *   <li>{@code report --dir DIR --scenario S --out FILE}: one table and one JSON; exit 3 when anything acknowledged
 *   was lost or doubled, 4 when the run was incomplete</li>
 *   <li>{@code profile FILE.jfr}: where a JFR recording's CPU samples, locks and file writes went</li>
 * </ul>
 */
public final class Bench {

    /** Phase codes, part of every message sid, so that sids are unique per run and phase. */
    private static final int WARMUP_RATE = 1, WARMUP_BURST = 2, SINGLE = 3, RATE = 11, BURST = 12, CRASH = 21;

    private static final String STORED = "textbridge_webhook_callbacks_total";
    private static final String E2E = "textbridge_inbound_end_to_end_seconds";
    private static final String CPU = "process_cpu_time_ns_total";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Bench free-port|seed|await|ceiling|connector|crash|report|profile [--options]");
            System.exit(2);
        }
        Options options = Options.parse(args, "profile".equals(args[0]) ? 2 : 1);
        int status = switch (args[0]) {
            case "free-port" -> freePort();
            case "seed" -> seed(options);
            case "await" -> await(options);
            case "ceiling" -> ceiling(options);
            case "connector" -> connector(options);
            case "crash" -> crash(options);
            case "report" -> Report.run(options);
            case "profile" -> Profile.run(args.length > 1 ? Path.of(args[1]) : null, options);
            default -> {
                System.err.println("unknown command: " + args[0]);
                yield 2;
            }
        };
        System.exit(status);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            System.out.println(socket.getLocalPort());
        }
        return 0;
    }

    private static int seed(Options o) throws IOException {
        Population.writeSeed(Path.of(o.required("out")), blocks(o.integer("customers", 2000)));
        return 0;
    }

    /** How many customers each block has, with {@code customers} per measured phase. */
    static Map<Block, Integer> blocks(int customers) {
        Map<Block, Integer> blocks = new EnumMap<>(Block.class);
        blocks.put(Block.WARMUP, warmupCustomers(customers));
        blocks.put(Block.SINGLE, 2);
        blocks.put(Block.RATE, customers);
        blocks.put(Block.BURST, customers);
        blocks.put(Block.CRASH, customers);
        return blocks;
    }

    private static int warmupCustomers(int customers) {
        return Math.min(customers, 200);
    }

    private static int await(Options o) throws InterruptedException {
        String url = o.required("url");
        Duration timeout = o.duration("timeout", Duration.ofSeconds(120));
        int at = url.indexOf('/', url.indexOf("//") + 2);
        Http http = new Http(at < 0 ? url : url.substring(0, at));
        return http.awaitOk(at < 0 ? "/" : url.substring(at), timeout) ? 0 : 1;
    }

    /** What every load subcommand shares. */
    private record Setup(String target, String publicBaseUrl, String token, String runId, int texts, int customers,
                         double rate, int connections, int warmup, int warmupRepeats) {
        static Setup of(Options o) {
            String target = o.required("target");
            return new Setup(target, o.string("public-base-url", target), o.required("token"),
                    o.string("run-id", "0b5e0b5e"), o.integer("texts", 10_000), o.integer("customers", 2_000),
                    o.decimal("rate", 1_000), o.integer("connections", 64), o.integer("warmup", 2_000),
                    o.integer("warmup-repeats", 20_000));
        }

        List<Text> texts(Block block, int phase, int count, int customers) {
            return Population.texts(block, phase, count, customers, runId, publicBaseUrl, token);
        }

        void describe(Map<String, Object> out) {
            out.put("texts_per_phase", texts);
            out.put("customers_per_phase", customers);
            out.put("known_customers_per_phase", (customers + 1) / 2);
            out.put("rate_target_per_s", rate);
            out.put("connections", connections);
            out.put("warmup_texts", warmup);
            out.put("warmup_repeats", warmupRepeats);
        }
    }

    // ---------------------------------------------------------------------------------------------------- ceiling

    private static int ceiling(Options o) throws Exception {
        Setup s = Setup.of(o);
        Map<String, Object> out = new LinkedHashMap<>();
        try (LoadGenerator generator = new LoadGenerator(s.target(), s.connections(), Duration.ofSeconds(30))) {
            warmUp(generator, s);
            Phase rate = generator.rate("ceiling-rate", s.texts(Block.RATE, RATE, s.texts(), s.customers()), s.rate(),
                    Retry.NONE, Duration.ofMinutes(10));
            Phase burst = generator.burst("ceiling-burst", s.texts(Block.BURST, BURST, s.texts(), s.customers()),
                    Retry.NONE, Duration.ofMinutes(10), n -> {
                    });
            print(rate);
            print(burst);
            out.put("ceiling_ack_per_s", round(burst.ackPerSecond(), 1));
            out.put("ceiling_burst_s", round(burst.seconds(), 3));
            out.put("ceiling_rate_ack_per_s", round(rate.ackPerSecond(), 1));
            out.put("ceiling_ack_p50_ms", round(rate.percentileMillis(50), 3));
            out.put("ceiling_ack_p99_ms", round(rate.percentileMillis(99), 3));
            out.put("ceiling_ack_p999_ms", round(rate.percentileMillis(99.9), 3));
            out.put("ceiling_ack_max_ms", round(rate.maxMillis(), 3));
            out.put("ceiling_not_acknowledged", rate.sent() - rate.acknowledged() + burst.sent() - burst.acknowledged());
        }
        write(Path.of(o.required("out")), out);
        return 0;
    }

    /**
     * Warm-up, the same for the ceiling and the connector: {@code --warmup} texts of customers of their own (half at
     * the rate, half as a burst), then {@code --warmup-repeats} repeats of those same callbacks (a repeat is
     * acknowledged and dropped, so it warms the JIT on the whole acknowledgement path without giving the flow more
     * texts to write). Answers the phases of the first sends, which count in the loss figures.
     */
    private static List<Phase> warmUp(LoadGenerator generator, Setup s) throws InterruptedException {
        if (s.warmup() <= 0) {
            return List.of();
        }
        int half = Math.max(1, s.warmup() / 2);
        int customers = warmupCustomers(s.customers());
        List<Text> first = s.texts(Block.WARMUP, WARMUP_RATE, half, customers);
        List<Text> second = s.texts(Block.WARMUP, WARMUP_BURST, half, customers);
        List<Phase> phases = new ArrayList<>();
        phases.add(generator.rate("warmup-rate", first, s.rate(), Retry.NONE, Duration.ofMinutes(5)));
        phases.add(generator.burst("warmup-burst", second, Retry.NONE, Duration.ofMinutes(5), n -> {
        }));
        List<Text> all = new ArrayList<>(first);
        all.addAll(second);
        int repeats = s.warmupRepeats();
        if (repeats > 0) {
            List<Text> again = new ArrayList<>(repeats);
            for (int i = 0; i < repeats; i++) {
                again.add(all.get(i % all.size()));
            }
            int atRate = repeats / 2;
            generator.rate("warmup-again", again.subList(0, atRate), s.rate(), Retry.NONE, Duration.ofMinutes(5));
            generator.burst("warmup-again", again.subList(atRate, repeats), Retry.NONE, Duration.ofMinutes(5), n -> {
            });
        }
        return phases;
    }

    // -------------------------------------------------------------------------------------------------- connector

    private static int connector(Options o) throws Exception {
        Setup s = Setup.of(o);
        Http http = new Http(s.target());
        CrmSide crm = crmSide(o, http);
        Duration drainTimeout = o.duration("drain-timeout", Duration.ofMinutes(10));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("crm", crm.name());
        out.put("crm_latency", o.string("crm-latency", "?"));
        s.describe(out);
        List<Phase> phases = new ArrayList<>();
        boolean complete = true;
        Duration quiet = quietAfter(o);

        try (LoadGenerator generator = new LoadGenerator(s.target(), s.connections(), Duration.ofSeconds(60))) {
            // Warm-up as for the ceiling, then drained, so the measured phases start quiet.
            phases.addAll(warmUp(generator, s));
            complete &= drainedAt(http, drainTimeout) >= 0;

            // A single text arriving alone: a known customer's, then a new customer's (which needs a lead).
            String signedUrl = s.publicBaseUrl() + TwilioSigner.INBOUND_PATH;
            long single = 0;
            for (int customer = 0; customer < 2; customer++) {
                Text text = Population.text(Block.SINGLE, SINGLE, customer, customer, s.runId(), signedUrl, s.token());
                Metrics before = metrics(http);
                long callsBefore = settledCalls(crm, quiet);
                Map<String, Long> kindsBefore = crm.callsByKind();
                Phase phase = generator.burst("single-" + (customer == 0 ? "known" : "new"), List.of(text), Retry.NONE,
                        Duration.ofSeconds(30), n -> {
                        });
                phases.add(phase);
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                Metrics after = metrics(http);
                while (after.sum(E2E + "_count") <= before.sum(E2E + "_count") && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                    after = metrics(http);
                }
                // Any call the text caused after its write (a notification) shows once the CRM has been quiet a while.
                long calls = settledCalls(crm, quiet) - callsBefore;
                after = metrics(http);
                double e2e = (after.sum(E2E + "_sum") - before.sum(E2E + "_sum")) * 1000;
                String kind = customer == 0 ? "known" : "new";
                out.put("crm_calls_single_text_" + kind, calls);
                putKinds(out, "crm_calls_single_text_" + kind + "_by_kind", kindsBefore, crm.callsByKind());
                out.put("e2e_single_text_" + kind + "_ms", round(e2e, 1));
                out.put("ack_single_text_" + kind + "_ms", round(phase.percentileMillis(50), 2));
                single = Math.max(single, calls);
            }
            out.put("crm_calls_single_text", single);

            // Open-loop rate: acknowledgement latency at the target rate, and end to end while it lasts.
            Metrics beforeRate = metrics(http);
            long callsBeforeRate = settledCalls(crm, quiet);
            Phase rate = generator.rate("rate", s.texts(Block.RATE, RATE, s.texts(), s.customers()), s.rate(),
                    Retry.NONE, Duration.ofMinutes(10));
            phases.add(rate);
            long rateDrained = drainedAt(http, drainTimeout);
            complete &= rateDrained >= 0;
            Metrics afterRate = metrics(http);
            print(rate);
            out.put("ack_rate_achieved_per_s", round(rate.ackPerSecond(), 1));
            out.put("ack_p50_ms", round(rate.percentileMillis(50), 3));
            out.put("ack_p99_ms", round(rate.percentileMillis(99), 3));
            out.put("ack_p999_ms", round(rate.percentileMillis(99.9), 3));
            out.put("ack_max_ms", round(rate.maxMillis(), 3));
            e2e(out, "e2e", beforeRate, afterRate);
            out.put("rate_drain_after_last_ack_s", rateDrained < 0 ? null : round((rateDrained - rate.lastAckNanos) / 1e9, 2));
            long callsAfterRate = settledCalls(crm, quiet);
            out.put("crm_calls_per_text_rate", round((callsAfterRate - callsBeforeRate) / (double) s.texts(), 4));
            cpuPerText(out, "cpu_ms_per_text_rate", beforeRate, afterRate, s.texts());

            // Burst: acknowledgement throughput, then how long the flow takes to write it all, and at what CRM cost.
            Metrics beforeBurst = metrics(http);
            long callsBeforeBurst = settledCalls(crm, quiet);
            Map<String, Long> kindsBeforeBurst = crm.callsByKind();
            long answeringBeforeBurst = crm.answerMillis();
            long burstStart = System.nanoTime();
            Phase burst = generator.burst("burst", s.texts(Block.BURST, BURST, s.texts(), s.customers()), Retry.NONE,
                    Duration.ofMinutes(10), n -> {
                    });
            phases.add(burst);
            long burstDrained = drainedAt(http, drainTimeout);
            complete &= burstDrained >= 0;
            double burstDrain = burstDrained < 0 ? Double.NaN : (burstDrained - burstStart) / 1e9;
            Metrics afterBurst = metrics(http);
            print(burst);
            out.put("ack_per_s", round(burst.ackPerSecond(), 1));
            out.put("burst_ack_s", round(burst.seconds(), 3));
            out.put("burst_ack_p50_ms", round(burst.percentileMillis(50), 1));
            out.put("burst_ack_p99_ms", round(burst.percentileMillis(99), 1));
            out.put("burst_drain_s", round(burstDrain, 2));
            out.put("burst_written_per_s", round(s.texts() / burstDrain, 1));
            e2e(out, "burst_e2e", beforeBurst, afterBurst);
            cpuPerText(out, "cpu_ms_per_text_burst", beforeBurst, afterBurst, s.texts());
            long burstCalls = settledCalls(crm, quiet) - callsBeforeBurst;
            out.put("crm_calls_per_text_burst", round(burstCalls / (double) s.texts(), 4));
            out.put("crm_calls_burst", burstCalls);
            putKinds(out, "crm_calls_burst_by_kind", kindsBeforeBurst, crm.callsByKind());
            if (answeringBeforeBurst >= 0 && burstCalls > 0) {
                out.put("crm_answer_ms_per_call_burst", round((crm.answerMillis() - answeringBeforeBurst)
                        / (double) burstCalls, 1));
            }
            out.put("leads_created_burst", (long) (leads(afterBurst) - leads(beforeBurst)));
            heapNow(out, afterBurst);
        }
        complete &= losses(out, phases, crm);
        out.put("complete", complete);
        write(Path.of(o.required("out")), out);
        writeLedger(Path.of(o.required("out")).resolveSibling("ledger-connector.tsv"), phases);
        return 0;
    }

    /** The counter textbridge.leads.created; Prometheus' client drops the reserved suffix _created. */
    private static double leads(Metrics m) {
        return m.sum("textbridge_leads_total") + m.sum("textbridge_leads_created_total");
    }

    /**
     * The CRM side named by {@code --crm}: {@code local} (the connector's embedded CRM) or {@code salesforce} (the
     * {@link SalesforceStandIn}, asked at {@code --crm-control}).
     */
    private static CrmSide crmSide(Options o, Http connector) {
        String crm = o.string("crm", "local");
        return switch (crm) {
            case "local" -> new LocalCrmSide(connector);
            case "salesforce" -> new SalesforceStandInSide(new Http(o.required("crm-control")));
            default -> throw new IllegalArgumentException("--crm " + crm + ": local or salesforce");
        };
    }

    /** How long the CRM must see no call before a count is read: five calls' latency, at least 300 ms. */
    private static Duration quietAfter(Options o) {
        Duration five = o.duration("crm-latency", Duration.ofMillis(50)).multipliedBy(5);
        return five.compareTo(Duration.ofMillis(300)) < 0 ? Duration.ofMillis(300) : five;
    }

    /** The CRM's call count once it has not moved for {@code quiet} (at most 30 s of waiting). */
    private static long settledCalls(CrmSide crm, Duration quiet) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long calls = crm.apiCalls();
        long stableSince = System.nanoTime();
        while (System.nanoTime() - stableSince < quiet.toNanos() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            long now = crm.apiCalls();
            if (now != calls) {
                calls = now;
                stableSince = System.nanoTime();
            }
        }
        return calls;
    }

    /** The calls of each kind between two readings, as {@code "soap search": 1, ...} (nothing when the CRM does not tell). */
    private static void putKinds(Map<String, Object> out, String key, Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> made = new java.util.TreeMap<>();
        after.forEach((kind, count) -> {
            long n = count - before.getOrDefault(kind, 0L);
            if (n > 0) {
                made.put(kind, n);
            }
        });
        if (!after.isEmpty()) {
            out.put(key, made);
        }
    }

    /**
     * End to end, from the connector's own timer {@code textbridge.inbound.end-to-end}: for every text, from the
     * moment its callback was received (before the inbox commit and the acknowledgement) to the moment the CRM call
     * that wrote its activity returned. Percentiles from the histogram's buckets between two scrapes.
     */
    /**
     * The connector's CPU time (all its threads: webhooks, commits, the flow, GC) from before a phase until it had
     * written everything, per text: a figure that, unlike latencies, barely depends on what else the machine runs.
     */
    private static void cpuPerText(Map<String, Object> out, String key, Metrics before, Metrics after, int texts) {
        double nanos = after.sum(CPU) - before.sum(CPU);
        out.put(key, nanos > 0 ? round(nanos / 1e6 / texts, 3) : null);
    }

    private static void e2e(Map<String, Object> out, String prefix, Metrics before, Metrics after) {
        List<Metrics.Bucket> b = before.buckets(E2E);
        List<Metrics.Bucket> a = after.buckets(E2E);
        if (a.isEmpty()) {
            System.err.println("the connector exports no buckets for " + E2E + ": was it started with "
                    + "management.metrics.distribution.percentiles-histogram.textbridge.inbound.end-to-end=true?");
        }
        out.put(prefix + "_p50_ms", round(Metrics.quantileBetween(b, a, 0.50) * 1000, 1));
        out.put(prefix + "_p99_ms", round(Metrics.quantileBetween(b, a, 0.99) * 1000, 1));
        double count = after.sum(E2E + "_count") - before.sum(E2E + "_count");
        out.put(prefix + "_mean_ms", round(count == 0 ? Double.NaN
                : (after.sum(E2E + "_sum") - before.sum(E2E + "_sum")) / count * 1000, 1));
        out.put(prefix + "_under_250ms", round(Metrics.fractionAtMost(b, a, 0.25), 4));
        out.put(prefix + "_max_ms", round(after.sum(E2E + "_max") * 1000, 1));
    }

    private static void heapNow(Map<String, Object> out, Metrics metrics) {
        out.put("heap_used_end_mb", round(metrics.sum("jvm_memory_used_bytes", "area", "heap") / 1048576.0, 1));
        out.put("heap_max_mb", round(metrics.sum("jvm_memory_max_bytes", "area", "heap") / 1048576.0, 1));
    }

    /**
     * Waits until every text this connector process stored is final (written, unroutable or dead, by its counters);
     * answers {@link System#nanoTime()} at that moment, or -1 when it did not happen within the timeout.
     */
    private static long drainedAt(Http http, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Metrics m = metrics(http);
            double stored = m.sum(STORED, "kind", "inbound", "outcome", "stored");
            double done = m.sum("textbridge_inbound_written_total") + m.sum("textbridge_inbound_unroutable_total")
                    + m.sum("textbridge_inbound_dead_total");
            if (done >= stored) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        System.err.println("the connector did not drain within " + timeout);
        return -1;
    }

    private static Metrics metrics(Http http) {
        return Metrics.parse(http.getOk("/actuator/prometheus"));
    }

    /** Sent, acknowledged, written once, lost (acknowledged, never written) and doubled, from the CRM's own records. */
    private static boolean losses(Map<String, Object> out, List<Phase> phases, CrmSide crm) throws InterruptedException {
        Set<String> numbers = new HashSet<>();
        phases.forEach(p -> p.texts.forEach(t -> numbers.add(t.from())));
        CrmSide.Holdings holdings = crm.holdings(numbers);
        Map<String, Integer> activities = holdings.activitiesPerMessage();
        long sent = 0, acknowledged = 0, writtenUnique = 0, lost = 0, doubled = 0, writtenUnacknowledged = 0;
        for (Phase phase : phases) {
            for (int i = 0; i < phase.texts.size(); i++) {
                int copies = activities.getOrDefault(phase.texts.get(i).sid(), 0);
                sent++;
                acknowledged += phase.acked[i] ? 1 : 0;
                writtenUnique += copies > 0 ? 1 : 0;
                lost += phase.acked[i] && copies == 0 ? 1 : 0;
                doubled += copies > 1 ? 1 : 0;
                writtenUnacknowledged += !phase.acked[i] && copies > 0 ? 1 : 0;
            }
        }
        long doubledLeads = holdings.createdLeadsPerNumber().values().stream().filter(n -> n > 1).count();
        out.put("sent", sent);
        out.put("acknowledged", acknowledged);
        out.put("written_unique", writtenUnique);
        out.put("lost", lost);
        out.put("doubled", doubled);
        out.put("written_not_acknowledged", writtenUnacknowledged);
        out.put("numbers_with_doubled_leads", doubledLeads);
        out.put("failed_attempts", phases.stream().mapToInt(p -> p.failedAttempts).sum());
        out.put("rejected", phases.stream().mapToInt(p -> p.rejected).sum());
        return sent == acknowledged;
    }

    // ------------------------------------------------------------------------------------------------------ crash

    private static int crash(Options o) throws Exception {
        Setup s = Setup.of(o);
        Http http = new Http(s.target());
        CrmSide crm = crmSide(o, http);
        Path progress = Path.of(o.required("progress"));
        Path killed = Path.of(o.required("killed"));
        Path restarted = Path.of(o.required("restarted"));
        Duration drainTimeout = o.duration("drain-timeout", Duration.ofMinutes(10));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("crm", crm.name());
        out.put("crm_latency", o.string("crm-latency", "?"));
        s.describe(out);
        out.put("kill_at_acknowledged", o.integer("kill-at", s.texts() / 2));

        List<Text> texts = s.texts(Block.CRASH, CRASH, s.texts(), s.customers());
        AtomicInteger acked = new AtomicInteger();
        Thread reporter = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                writeProgress(progress, acked.get());
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "progress");
        reporter.setDaemon(true);
        reporter.start();
        Phase burst;
        try (LoadGenerator generator = new LoadGenerator(s.target(), s.connections(), Duration.ofSeconds(60))) {
            // Unacknowledged texts are sent again, as Twilio retries, until five minutes after the burst.
            burst = generator.burst("crash-burst", texts,
                    new Retry(o.duration("retry-window", Duration.ofMinutes(5)), Duration.ofMillis(250),
                            Duration.ofSeconds(2)),
                    Duration.ofMinutes(10), acked::set);
        } finally {
            reporter.interrupt();
            reporter.join();
            writeProgress(progress, acked.get());
        }
        print(burst);
        long restartDeadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!Files.exists(restarted) && System.nanoTime() < restartDeadline) {
            Thread.sleep(100);
        }
        boolean crashed = Files.exists(restarted) && Files.exists(killed);
        out.put("killed_and_restarted", crashed);
        long killedAt = crashed ? Long.parseLong(Files.readString(killed).strip()) : Long.MAX_VALUE;
        long restartedAt = crashed ? Long.parseLong(Files.readString(restarted).strip()) : 0;
        int ackedBeforeKill = 0;
        for (int i = 0; i < texts.size(); i++) {
            ackedBeforeKill += burst.acked[i] && burst.ackedAtEpochMillis[i] < killedAt ? 1 : 0;
        }
        out.put("acknowledged_before_kill", ackedBeforeKill);
        out.put("restart_s", crashed ? round((restartedAt - killedAt) / 1000.0, 2) : null);
        out.put("texts_retried", burst.retried());
        out.put("ack_per_s_including_crash", round(burst.ackPerSecond(), 1));

        // Drained when the CRM holds every acknowledged text (checking only the customers still missing one).
        Map<String, List<Text>> byCustomer = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            if (burst.acked[i]) {
                byCustomer.computeIfAbsent(texts.get(i).from(), k -> new ArrayList<>()).add(texts.get(i));
            }
        }
        long drainStart = System.currentTimeMillis();
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        Set<String> waiting = new HashSet<>(byCustomer.keySet());
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            Map<String, Integer> held = crm.holdings(waiting).activitiesPerMessage();
            waiting.removeIf(customer -> byCustomer.get(customer).stream().allMatch(t -> held.containsKey(t.sid())));
            if (!waiting.isEmpty()) {
                System.out.printf("  waiting for %d customers' texts to reach the CRM%n", waiting.size());
                Thread.sleep(2000);
            }
        }
        long drainedAt = System.currentTimeMillis();
        out.put("drained_s_after_restart", crashed ? round((drainedAt - restartedAt) / 1000.0, 1) : null);
        out.put("drain_wait_s", round((drainedAt - drainStart) / 1000.0, 1));
        Metrics after = metrics(http);
        out.put("repeats_acknowledged_after_restart", (long) after.sum(STORED, "kind", "inbound", "outcome", "repeat"));
        heapNow(out, after);
        boolean complete = losses(out, List.of(burst), crm) && crashed && waiting.isEmpty();
        out.put("complete", complete);
        write(Path.of(o.required("out")), out);
        writeLedger(Path.of(o.required("out")).resolveSibling("ledger-crash.tsv"), List.of(burst));
        return 0;
    }

    private static void writeProgress(Path progress, int acked) {
        try {
            Path tmp = progress.resolveSibling(progress.getFileName() + ".tmp");
            Files.writeString(tmp, acked + "\n");
            Files.move(tmp, progress, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("cannot write progress: " + e);
        }
    }

    // ------------------------------------------------------------------------------------------------------ output

    private static void print(Phase p) {
        System.out.printf(Locale.ROOT, "  %-14s %-5s sent %6d  acked %6d  in %7.2fs  %8.1f/s  ack p50 %8.2f ms  p99 %8.2f ms  p99.9 %8.2f ms  max %8.2f ms  failed attempts %d%n",
                p.name, p.mode, p.sent(), p.acknowledged(), p.seconds(), p.ackPerSecond(), p.percentileMillis(50),
                p.percentileMillis(99), p.percentileMillis(99.9), p.maxMillis(), p.failedAttempts);
    }

    private static void writeLedger(Path file, List<Phase> phases) throws IOException {
        StringBuilder tsv = new StringBuilder("phase\tsid\tfrom\tto\tacked\tattempts\tacked_at_epoch_ms\n");
        for (Phase p : phases) {
            for (int i = 0; i < p.texts.size(); i++) {
                Text t = p.texts.get(i);
                tsv.append(p.name).append('\t').append(t.sid()).append('\t').append(t.from()).append('\t').append(t.to())
                        .append('\t').append(p.acked[i]).append('\t').append(p.attempts[i]).append('\t')
                        .append(p.ackedAtEpochMillis[i]).append('\n');
            }
        }
        Files.writeString(file, tsv, StandardCharsets.UTF_8);
    }

    static void write(Path file, Map<String, Object> values) throws IOException {
        Files.writeString(file, Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(values) + "\n");
    }

    static Object round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return null;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
