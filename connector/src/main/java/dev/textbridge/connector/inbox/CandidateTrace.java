package dev.textbridge.connector.inbox;

import java.util.Map;

/**
 * One candidate of a routing decision as stored and shown to admins.
 *
 * @param phoneField the field that carried the customer's number, or {@code conversation} for a record that is a
 *                   candidate only because it holds a conversation with the customer
 * @param outcome    {@code chosen} or {@code lost at rule-N}
 * @param standings  per rule ({@code rule-1} .. {@code rule-6}), what the rule saw of this candidate
 */
public record CandidateTrace(String type, String id, String name, String phoneField, String outcome,
                             Map<String, String> standings) {
    public CandidateTrace {
        standings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(standings == null ? Map.of() : standings));
    }
}
