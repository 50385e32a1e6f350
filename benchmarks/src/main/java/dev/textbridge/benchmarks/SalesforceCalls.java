package dev.textbridge.benchmarks;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts every request the Salesforce stand-in receives, by kind: {@code token}; SOAP by operation and object
 * ({@code soap search}, {@code soap query Contact}, {@code soap create Task}...); REST by resource
 * ({@code rest customNotificationAction}, {@code rest query CustomNotificationType}). API calls are the SOAP and REST
 * ones; token requests are reported apart (Salesforce does not count them against the org's API requests).
 */
final class SalesforceCalls implements ServeEventListener {

    private static final Pattern OPERATION = Pattern.compile("Body[^>]*>\\s*<(?:[\\w.-]+:)?(\\w+)");
    private static final Pattern QUERY_STRING = Pattern.compile("<(?:[\\w.-]+:)?queryString>([^<]*)<");
    private static final Pattern SOBJECT_TYPE = Pattern.compile("<(?:[\\w.-]+:)?type(?:\\s[^>]*)?>(\\w+)</");

    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> processMillisByKind = new ConcurrentHashMap<>();
    private final Map<UUID, Started> inFlight = new ConcurrentHashMap<>();

    private record Started(String kind, long nanos) {
    }

    @Override
    public String getName() {
        return "benchmark-call-count";
    }

    @Override
    public void beforeMatch(ServeEvent event, Parameters parameters) {
        String kind = kind(event.getRequest());
        inFlight.put(event.getId(), new Started(kind, System.nanoTime()));
        byKind.computeIfAbsent(kind, key -> new LongAdder()).increment();
    }

    /**
     * How long the org took to answer, from the request's arrival to its answer being ready (the added latency comes
     * after): whether the stand-in itself keeps up.
     */
    @Override
    public void beforeResponseSent(ServeEvent event, Parameters parameters) {
        Started started = inFlight.remove(event.getId());
        if (started != null) {
            processMillisByKind.computeIfAbsent(started.kind(), key -> new LongAdder())
                    .add((System.nanoTime() - started.nanos()) / 1_000_000);
        }
    }

    /**
     * {@code {"api": n, "soap": n, "rest": n, "token": n, "kinds": {"soap search": n, ...}, "process_ms": {"soap
     * search": ms, ...}}}, running totals; {@code process_ms} is the time the org spent answering, latency excluded.
     */
    ObjectNode json() {
        Map<String, Long> kinds = new TreeMap<>();
        byKind.forEach((kind, count) -> kinds.put(kind, count.sum()));
        long soap = sum(kinds, "soap "), rest = sum(kinds, "rest "), token = sum(kinds, "token");
        ObjectNode out = Http.JSON.createObjectNode();
        out.put("api", soap + rest);
        out.put("soap", soap);
        out.put("rest", rest);
        out.put("token", token);
        out.put("other", sum(kinds, "other"));
        kinds.forEach(out.putObject("kinds")::put);
        Map<String, Long> millis = new TreeMap<>();
        processMillisByKind.forEach((kind, sum) -> millis.put(kind, sum.sum()));
        millis.forEach(out.putObject("process_ms")::put);
        return out;
    }

    private static long sum(Map<String, Long> kinds, String prefix) {
        return kinds.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(Map.Entry::getValue).sum();
    }

    static String kind(LoggedRequest request) {
        String path = URI.create(request.getUrl()).getPath();
        if (path.equals("/services/oauth2/token")) {
            return "token";
        }
        if (path.startsWith("/services/Soap/")) {
            return "soap " + soapKind(request.getBodyAsString());
        }
        if (path.startsWith("/services/data/")) {
            if (request.getMethod().getName().equals("GET") && request.queryParameter("q").isPresent()) {
                return "rest query " + from(request.queryParameter("q").firstValue());
            }
            return "rest " + path.substring(path.lastIndexOf('/') + 1);
        }
        return "other " + path;
    }

    /** {@code search}, {@code query Contact}, {@code create Task}, {@code describeSObjects}... */
    static String soapKind(String envelope) {
        // The operation and what it names come first; the rest of a 200-record create need not be scanned.
        String head = envelope.length() > 4096 ? envelope.substring(0, 4096) : envelope;
        Matcher operation = OPERATION.matcher(head);
        if (!operation.find()) {
            return "unknown";
        }
        String name = operation.group(1);
        String rest = head.substring(operation.end());
        return switch (name) {
            case "query", "queryAll" -> {
                Matcher soql = QUERY_STRING.matcher(envelope);
                yield name + (soql.find() ? " " + from(unescapeXml(soql.group(1))) : "");
            }
            case "create", "update", "upsert" -> {
                Matcher type = SOBJECT_TYPE.matcher(rest);
                yield name + (type.find() ? " " + type.group(1) : "");
            }
            default -> name;
        };
    }

    /** The object of a SOQL statement's top-level FROM (subqueries in the field list skipped). */
    static String from(String soql) {
        String upper = soql.toUpperCase(Locale.ROOT);
        int depth = 0;
        for (int i = 0; i < upper.length(); i++) {
            char c = upper.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (depth == 0 && upper.startsWith(" FROM ", i)) {
                Matcher object = Pattern.compile("\\s*(\\w+)").matcher(soql).region(i + 6, soql.length());
                return object.lookingAt() ? object.group(1) : "?";
            }
        }
        return "?";
    }

    private static String unescapeXml(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }
}
