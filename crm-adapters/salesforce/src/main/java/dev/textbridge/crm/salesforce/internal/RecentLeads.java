package dev.textbridge.crm.salesforce.internal;

import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The leads this adapter created lately, by the number they were created for: looked up by id while the search index
 * may not show them yet, only for the numbers a lookup asks about (a burst would otherwise re-read every lead it made).
 */
public final class RecentLeads {

    private record Created(PhoneNumber number, Instant at) {
    }

    private final ConcurrentHashMap<String, Created> created = new ConcurrentHashMap<>();

    public void remember(String leadId, PhoneNumber number, Instant at) {
        created.put(leadId, new Created(number, at));
    }

    /** The ids of leads created at or after {@code since} for one of these numbers; older ones are forgotten. */
    public Set<String> since(Instant since, Set<PhoneNumber> numbers) {
        created.values().removeIf(lead -> lead.at().isBefore(since));
        return created.entrySet().stream()
                .filter(entry -> !entry.getValue().at().isBefore(since) && numbers.contains(entry.getValue().number()))
                .map(java.util.Map.Entry::getKey).collect(Collectors.toUnmodifiableSet());
    }
}
