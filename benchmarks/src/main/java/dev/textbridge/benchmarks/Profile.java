package dev.textbridge.benchmarks;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a JFR recording of the connector ({@code benchmarks/run --jfr}) spent its time: CPU samples by thread pool,
 * by hottest method (self) and by method on the stack (inclusive, project and H2 frames), contended monitors, and the
 * file writes and forces that H2's commits cost.
 */
final class Profile {

    private Profile() {
    }

    static int run(Path recording, Options o) throws IOException {
        if (recording == null) {
            System.err.println("usage: Bench profile FILE.jfr [--top 25] [--thread reactor-http] [--include prefix,prefix]");
            return 2;
        }
        int top = o.integer("top", 25);
        String threadFilter = o.string("thread", null);
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Long> appSelf = new HashMap<>();
        Map<String, Duration> monitors = new HashMap<>();
        Map<String, Duration> fileTime = new HashMap<>();
        Map<String, Long> fileCount = new HashMap<>();
        Map<String, Long> fileBytes = new HashMap<>();
        long samples = 0;
        Duration gcPause = Duration.ZERO;
        long gcs = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        String thread = pool(event.getThread("sampledThread"));
                        if (threadFilter != null && !thread.contains(threadFilter)) {
                            continue;
                        }
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        samples++;
                        byThread.merge(thread, 1L, Long::sum);
                        List<RecordedFrame> frames = stack.getFrames();
                        self.merge(name(frames.get(0)), 1L, Long::sum);
                        Set<String> seen = new HashSet<>();
                        boolean appCounted = false;
                        for (RecordedFrame frame : frames) {
                            String name = name(frame);
                            if (seen.add(name)) {
                                inclusive.merge(name, 1L, Long::sum);
                            }
                            if (!appCounted && name.startsWith("dev.textbridge.")) {
                                appSelf.merge(name, 1L, Long::sum);
                                appCounted = true;
                            }
                        }
                    }
                    case "jdk.JavaMonitorEnter" -> monitors.merge(
                            event.getClass("monitorClass").getName() + " <- " + firstApp(event.getStackTrace()),
                            event.getDuration(), Duration::plus);
                    case "jdk.FileWrite", "jdk.FileForce", "jdk.FileRead" -> {
                        String key = type.substring(4) + " " + shorten(event.getString("path"));
                        fileTime.merge(key, event.getDuration(), Duration::plus);
                        fileCount.merge(key, 1L, Long::sum);
                        if (event.hasField("bytesWritten")) {
                            fileBytes.merge(key, event.getLong("bytesWritten"), Long::sum);
                        }
                    }
                    case "jdk.GarbageCollection" -> {
                        gcs++;
                        gcPause = gcPause.plus(event.getDuration("sumOfPauses"));
                    }
                    default -> {
                    }
                }
            }
        }
        System.out.printf("%d CPU samples%s; %d GCs, %d ms paused%n", samples,
                threadFilter == null ? "" : " on threads matching '" + threadFilter + "'", gcs, gcPause.toMillis());
        section("CPU samples by thread pool", byThread, samples, top);
        section("hottest methods (self)", self, samples, top);
        section("first project frame on the stack (self time attributed to it)", appSelf, samples, top);
        List<String> prefixes = List.of(o.string("include",
                "dev.textbridge.,org.h2.,org.springframework.security,com.zaxxer,org.springframework.jdbc").split(","));
        Map<String, Long> interesting = new HashMap<>();
        inclusive.forEach((k, v) -> {
            if (prefixes.stream().anyMatch(k::startsWith)) {
                interesting.put(k, v);
            }
        });
        section("on the stack (inclusive), methods under " + prefixes, interesting, samples, top * 2);
        System.out.println("\ncontended monitors (total wait)");
        monitors.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %8d ms  %s%n", e.getValue().toMillis(), e.getKey()));
        System.out.println("\nfile I/O above the JFR threshold (count, total time, bytes)");
        fileTime.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf("  %7d  %8d ms  %10d B  %s%n", fileCount.get(e.getKey()),
                        e.getValue().toMillis(), fileBytes.getOrDefault(e.getKey(), 0L), e.getKey()));
        return 0;
    }

    private static void section(String title, Map<String, Long> counts, long total, int top) {
        System.out.println("\n" + title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %6d  %5.1f%%  %s%n", e.getValue(),
                        100.0 * e.getValue() / Math.max(1, total), e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static String firstApp(RecordedStackTrace stack) {
        if (stack == null) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String name = name(frame);
            if (name.startsWith("dev.textbridge.")) {
                return name;
            }
        }
        return stack.getFrames().isEmpty() ? "?" : name(stack.getFrames().get(0));
    }

    private static String pool(RecordedThread thread) {
        if (thread == null) {
            return "?";
        }
        String name = thread.getJavaName() == null ? thread.getOSName() : thread.getJavaName();
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }

    private static String shorten(String path) {
        if (path == null) {
            return "?";
        }
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
