package dev.textbridge.benchmarks;

import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@link SalesforceStandIn}, asked on its control port: calls from its count of every SOAP and REST request the
 * connector made (token requests apart), holdings from the Tasks and SMS leads its org holds.
 */
final class SalesforceStandInSide implements CrmSide {

    private final Http control;

    SalesforceStandInSide(Http control) {
        this.control = control;
    }

    @Override
    public String name() {
        return "salesforce stand-in";
    }

    @Override
    public long apiCalls() {
        return control.getJson("/calls").path("api").asLong();
    }

    @Override
    public long answerMillis() {
        long total = 0;
        for (JsonNode millis : control.getJson("/calls").path("process_ms").values()) {
            total += millis.asLong();
        }
        return total;
    }

    @Override
    public Map<String, Long> callsByKind() {
        JsonNode calls = control.getJson("/calls");
        Map<String, Long> kinds = new TreeMap<>();
        calls.path("kinds").properties().forEach(e -> kinds.put(e.getKey(), e.getValue().asLong()));
        return kinds;
    }

    @Override
    public Holdings holdings(Set<String> customerNumbers) {
        JsonNode holdings = control.getJson("/holdings");
        Map<String, Integer> activities = new HashMap<>();
        holdings.path("activities").properties().forEach(e -> activities.put(e.getKey(), e.getValue().asInt()));
        Map<String, Integer> leads = new HashMap<>();
        holdings.path("leads").properties().forEach(e -> {
            if (customerNumbers.contains(e.getKey())) {
                leads.put(e.getKey(), e.getValue().asInt());
            }
        });
        return new Holdings(Map.copyOf(activities), Map.copyOf(leads));
    }
}
