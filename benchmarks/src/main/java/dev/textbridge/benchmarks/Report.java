package dev.textbridge.benchmarks;

import tools.jackson.core.type.TypeReference;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges what the steps of one run wrote (ceiling.json, connector.json, crash.json, the connector's VmHWM readings and
 * GC logs) into one JSON with the keys, and prints it as one table with the targets beside the figures.
 */
final class Report {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    /** The keys, always present (null when the scenario does not measure them). */
    private static final List<String> KEYS = List.of("ack_per_s", "ceiling_ack_per_s", "ack_ratio", "ack_p50_ms",
            "ack_p99_ms", "ack_p999_ms", "e2e_p50_ms", "e2e_p99_ms", "crm_calls_per_text_burst",
            "crm_calls_single_text", "heap_peak_mb", "rss_peak_mb", "sent", "acknowledged", "written_unique", "lost",
            "doubled", "machine", "date");

    private Report() {
    }

    static int run(Options o) throws IOException {
        Path dir = Path.of(o.required("dir"));
        String scenario = o.string("scenario", "default");
        Map<String, Object> ceiling = read(dir.resolve("ceiling.json"));
        Map<String, Object> connector = read(dir.resolve("connector.json"));
        Map<String, Object> crash = read(dir.resolve("crash.json"));

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", scenario);
        KEYS.forEach(key -> out.put(key, null));
        out.putAll(ceiling);
        out.putAll(connector);
        if (connector.isEmpty()) {
            out.putAll(crash);
        } else {
            crash.forEach((key, value) -> out.put("crash_" + key, value));
        }
        Object ack = out.get("ack_per_s");
        Object top = out.get("ceiling_ack_per_s");
        if (ack instanceof Number a && top instanceof Number c && c.doubleValue() > 0) {
            out.put("ack_ratio", Bench.round(a.doubleValue() / c.doubleValue(), 3));
        }
        double heap = gcHeapPeakMb(dir);
        for (String key : List.of("heap_used_end_mb", "crash_heap_used_end_mb")) {
            if (out.get(key) instanceof Number n) {
                heap = Math.max(heap, n.doubleValue());
            }
        }
        out.put("heap_peak_mb", heap > 0 ? Bench.round(heap, 1) : null);
        double rss = rssPeakMb(dir);
        out.put("rss_peak_mb", rss > 0 ? Bench.round(rss, 1) : null);
        out.put("connector_java_options", o.string("java-options", ""));
        out.put("connector_jar", o.string("connector-jar", null));
        out.put("commit", o.string("commit", null));
        out.put("load_average_start", loadAverage(dir.resolve("loadavg-start.txt")));
        out.put("load_average_end", loadAverage(Path.of("/proc/loadavg")));
        out.put("machine", machine(o.string("machine", null)));
        out.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());

        Path file = Path.of(o.required("out"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Bench.write(file, out);
        print(out, file);

        // A loss check that did not run must not read as "nothing lost" (CI relies on it).
        List<String> lossKeys = new ArrayList<>();
        if (!connector.isEmpty()) {
            lossKeys.addAll(List.of("lost", "doubled"));
        }
        if (!crash.isEmpty()) {
            lossKeys.addAll(connector.isEmpty() ? List.of("lost", "doubled") : List.of("crash_lost", "crash_doubled"));
        }
        List<String> missing = lossKeys.stream().filter(key -> !(out.get(key) instanceof Number)).toList();
        if (lossKeys.isEmpty() || !missing.isEmpty()) {
            System.out.println("BROKEN: the run has no loss figures " + (lossKeys.isEmpty() ? "at all" : missing));
            return 1;
        }
        long lost = number(out, "lost") + number(out, "crash_lost");
        long doubled = number(out, "doubled") + number(out, "crash_doubled");
        if (lost > 0 || doubled > 0) {
            System.out.printf("FAILED: %d acknowledged texts lost, %d doubled%n", lost, doubled);
            return 3;
        }
        boolean complete = !Boolean.FALSE.equals(out.get("complete")) && !Boolean.FALSE.equals(out.get("crash_complete"))
                && (!connector.isEmpty() || !crash.isEmpty());
        if (!complete) {
            System.out.println("INCOMPLETE: not every text was acknowledged, or the connector did not drain (see above)");
            return 4;
        }
        return 0;
    }

    private static Map<String, Object> read(Path file) throws IOException {
        return Files.exists(file) ? Http.JSON.readValue(Files.readString(file), MAP) : new LinkedHashMap<>();
    }

    /** The 1-minute load average: other work on the machine during the run (2 cores: above 2 is contention). */
    private static Object loadAverage(Path file) {
        try {
            return Double.parseDouble(Files.readString(file).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long number(Map<String, Object> out, String key) {
        return out.get(key) instanceof Number n ? n.longValue() : 0;
    }

    /** The highest heap occupancy any GC of the connector found (before it collected), from -Xlog:gc. */
    private static double gcHeapPeakMb(Path dir) throws IOException {
        double peak = 0;
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(dir, "gc-connector-*.log*")) {
            for (Path log : logs) {
                for (String line : Files.readAllLines(log)) {
                    Matcher m = GC_HEAP.matcher(line);
                    if (m.find()) {
                        peak = Math.max(peak, mb(m.group(1), m.group(2)));
                    }
                }
            }
        }
        return peak;
    }

    private static double mb(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "K" -> v / 1024;
            case "G" -> v * 1024;
            default -> v;
        };
    }

    /** The highest VmHWM (peak resident set) of the connector's processes, in kB files written by benchmarks/run. */
    private static double rssPeakMb(Path dir) throws IOException {
        double peak = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "rss-*.txt")) {
            for (Path file : files) {
                String text = Files.readString(file).strip();
                if (!text.isEmpty()) {
                    peak = Math.max(peak, Long.parseLong(text) / 1024.0);
                }
            }
        }
        return peak;
    }

    static String machine(String label) {
        String cpu = "unknown CPU";
        long memKb = 0;
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse(cpu);
            memKb = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", ""))).findFirst().orElse(0L);
        } catch (IOException | RuntimeException e) {
            // not Linux: leave the defaults
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "?";
        }
        return String.format(Locale.ROOT, "%s%d cores (%s), %.0f GiB, %s %s, Java %s, host %s",
                label == null || label.isBlank() ? "" : label + ": ",
                Runtime.getRuntime().availableProcessors(), cpu, memKb / 1048576.0, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.runtime.version"), host);
    }

    // ------------------------------------------------------------------------------------------------------ table

    private record Row(String label, String key, String unit, String target) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("acknowledged per second (burst)", "ack_per_s", "/s", null),
            new Row("ceiling: bare WebFlux 200 (burst)", "ceiling_ack_per_s", "/s", null),
            new Row("ack ratio (connector / ceiling)", "ack_ratio", "", ">= 0.5"),
            new Row("ack p50 at the open-loop rate", "ack_p50_ms", "ms", null),
            new Row("ack p99 at the open-loop rate", "ack_p99_ms", "ms", "< 20 ms"),
            new Row("ack p99.9 at the open-loop rate", "ack_p999_ms", "ms", null),
            new Row("ceiling ack p99 at the same rate", "ceiling_ack_p99_ms", "ms", null),
            new Row("open-loop rate achieved", "ack_rate_achieved_per_s", "/s", null),
            new Row("end to end p50 (received -> in CRM), rate", "e2e_p50_ms", "ms", "< 250 ms"),
            new Row("end to end p99, rate", "e2e_p99_ms", "ms", null),
            new Row("share of texts in the CRM within 250 ms", "e2e_under_250ms", "", null),
            new Row("flow lag after the rate's last ack", "rate_drain_after_last_ack_s", "s", null),
            new Row("burst: written in the CRM per second", "burst_written_per_s", "/s", null),
            new Row("burst: end to end p50", "burst_e2e_p50_ms", "ms", null),
            new Row("connector CPU per text, rate / burst", "cpu_ms_per_text_rate", "ms", null),
            new Row("", "cpu_ms_per_text_burst", "ms", null),
            new Row("CRM calls per text, burst", "crm_calls_per_text_burst", "", "<= 0.1"),
            new Row("CRM calls per text, rate", "crm_calls_per_text_rate", "", null),
            new Row("burst: stand-in's own time per call", "crm_answer_ms_per_call_burst", "ms", null),
            new Row("CRM calls, single text (worst of known/new)", "crm_calls_single_text", "", "<= 3"),
            new Row("CRM calls, single known / new text", "crm_calls_single_text_known", "", null),
            new Row("", "crm_calls_single_text_new", "", null),
            new Row("end to end, single known / new text", "e2e_single_text_known_ms", "ms", null),
            new Row("", "e2e_single_text_new_ms", "ms", null),
            new Row("heap peak (connector)", "heap_peak_mb", "MB", null),
            new Row("RSS peak (connector, VmHWM)", "rss_peak_mb", "MB", null),
            new Row("sent", "sent", "", null),
            new Row("acknowledged", "acknowledged", "", null),
            new Row("written once or more", "written_unique", "", null),
            new Row("lost (acknowledged, never written)", "lost", "", "0"),
            new Row("doubled (written twice or more)", "doubled", "", "0"),
            new Row("crash: acknowledged before the kill", "acknowledged_before_kill", "", null),
            new Row("crash: texts retried by the generator", "texts_retried", "", null),
            new Row("crash: restart to healthy", "restart_s", "s", null),
            new Row("crash: drained after restart", "drained_s_after_restart", "s", null),
            new Row("crash: sent", "crash_sent", "", null),
            new Row("crash: acknowledged", "crash_acknowledged", "", null),
            new Row("crash: written once or more", "crash_written_unique", "", null),
            new Row("crash: lost", "crash_lost", "", "0"),
            new Row("crash: doubled", "crash_doubled", "", "0"));

    private static void print(Map<String, Object> out, Path file) {
        String line = "-".repeat(96);
        System.out.println(line);
        System.out.printf("Textbridge benchmark, scenario %s, CRM %s with %s per call, %s%n", out.get("scenario"),
                out.getOrDefault("crm", out.get("crash_crm")), out.getOrDefault("crm_latency", out.get("crash_crm_latency")),
                out.get("date"));
        System.out.println(line);
        System.out.printf("%-46s %16s   %-10s %s%n", "", "figure", "target", "");
        for (Row row : ROWS) {
            Object value = out.get(row.key());
            if (value == null && row.label().startsWith("crash: ") && !row.key().startsWith("crash_")) {
                value = out.get("crash_" + row.key());
            }
            if (value == null) {
                continue;
            }
            String verdict = row.target() == null ? "" : meets(row, value) ? "met" : "MISSED";
            System.out.printf("%-46s %16s   %-10s %s%n", row.label(), format(value, row.unit()),
                    row.target() == null ? "" : row.target(), verdict);
        }
        System.out.println(line);
        for (String key : List.of("crm_calls_single_text_known_by_kind", "crm_calls_single_text_new_by_kind",
                "crm_calls_burst_by_kind")) {
            if (out.get(key) instanceof Map<?, ?> kinds) {
                System.out.printf("%s: %s%n", key.replace("_by_kind", "").replace('_', ' ') + " by kind",
                        kinds.isEmpty() ? "none" : kinds.toString().replaceAll("[{}]", "").replace("=", " "));
            }
        }
        System.out.println("machine: " + out.get("machine"));
        System.out.println("load average (1 min) at start / end: " + out.get("load_average_start") + " / "
                + out.get("load_average_end") + (out.get("commit") == null ? "" : "; tree at " + out.get("commit")));
        System.out.println("JSON:    " + file);
    }

    private static boolean meets(Row row, Object value) {
        if (!(value instanceof Number n)) {
            return false;
        }
        double v = n.doubleValue();
        String t = row.target();
        double bound = Double.parseDouble(t.replaceAll("[^0-9.]", ""));
        if (t.startsWith(">=")) {
            return v >= bound;
        } else if (t.startsWith("<=")) {
            return v <= bound;
        } else if (t.startsWith("<")) {
            return v < bound;
        }
        return v == bound;
    }

    private static String format(Object value, String unit) {
        if (value instanceof Double d) {
            String number = Math.abs(d) >= 100 ? String.format(Locale.ROOT, "%,.0f", d)
                    : Math.abs(d) >= 1 ? String.format(Locale.ROOT, "%.2f", d) : String.format(Locale.ROOT, "%.3f", d);
            return number + (unit.isEmpty() ? "" : " " + unit);
        }
        if (value instanceof Number n) {
            return String.format(Locale.ROOT, "%,d", n.longValue()) + (unit.isEmpty() ? "" : " " + unit);
        }
        return String.valueOf(value);
    }
}
