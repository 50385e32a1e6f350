package dev.textbridge.benchmarks;

import tools.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The connector's embedded local CRM: calls from the gauge {@code textbridge_crm_api_calls} on
 * {@code /actuator/prometheus}, activities from the read-only view {@code GET /local-crm/api/records} and
 * {@code GET /local-crm/api/records/{id}/activities} (neither is a CRM call, so reading them does not disturb the
 * count).
 */
final class LocalCrmSide implements CrmSide {

    private static final String SMS_LEAD_SOURCE = "SMS";

    private final Http connector;

    LocalCrmSide(Http connector) {
        this.connector = connector;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public long apiCalls() {
        Metrics metrics = Metrics.parse(connector.getOk("/actuator/prometheus"));
        if (!metrics.has("textbridge_crm_api_calls")) {
            throw new IllegalStateException("the connector has no textbridge_crm_api_calls gauge: it predates the "
                    + "local CRM's latency knob, rebuild it (mvn -B -ntp -DskipTests package)");
        }
        return (long) metrics.sum("textbridge_crm_api_calls");
    }

    @Override
    public Holdings holdings(Set<String> customerNumbers) throws InterruptedException {
        JsonNode records = connector.getJson("/local-crm/api/records");
        Map<String, Integer> leads = new HashMap<>();
        Set<String> matched = new HashSet<>();
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode record : records) {
            all.add(record);
            boolean carries = false;
            for (JsonNode phone : record.path("phones").values()) {
                if (customerNumbers.contains(phone.asString())) {
                    carries = true;
                    if (SMS_LEAD_SOURCE.equals(record.path("source").asString(null))) {
                        leads.merge(phone.asString(), 1, Integer::sum);
                    }
                }
            }
            if (carries) {
                matched.add(record.path("id").asString());
            }
        }
        // An opportunity is a candidate through its contact or account.
        List<String> ids = new ArrayList<>();
        for (JsonNode record : all) {
            String id = record.path("id").asString();
            if (matched.contains(id) || matched.contains(record.path("contact").asString(""))
                    || matched.contains(record.path("account").asString(""))) {
                ids.add(id);
            }
        }
        Map<String, Integer> activities = new ConcurrentHashMap<>();
        ExecutorService readers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(readers.submit(() -> {
                    JsonNode list = connector.getJson("/local-crm/api/records/"
                            + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/activities");
                    for (JsonNode activity : list) {
                        String sid = activity.path("providerMessageId").asString(null);
                        if (sid != null && "inbound".equals(activity.path("direction").asString(""))) {
                            activities.merge(sid, 1, Integer::sum);
                        }
                    }
                }));
            }
            for (Future<?> read : reads) {
                try {
                    read.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("reading the local CRM's activities failed", e.getCause());
                }
            }
        } finally {
            readers.shutdownNow();
        }
        return new Holdings(Map.copyOf(activities), Map.copyOf(leads));
    }
}
