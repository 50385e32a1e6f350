package dev.textbridge.crm.salesforce.internal;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** The leads this adapter created lately: looked up by id while the search index may not show them yet. */
public final class RecentLeads {

    private final ConcurrentHashMap<String, Instant> created = new ConcurrentHashMap<>();

    public void remember(String leadId, Instant at) {
        created.put(leadId, at);
    }

    /** The ids of leads created at or after {@code since}; older ones are forgotten. */
    public Set<String> since(Instant since) {
        created.values().removeIf(at -> at.isBefore(since));
        return created.entrySet().stream().filter(entry -> !entry.getValue().isBefore(since))
                .map(java.util.Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }
}
