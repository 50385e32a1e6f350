package dev.textbridge.connector.inbox;

import java.util.List;

/**
 * A routing decision as stored with its message: what decided it, whether a lead was created, the candidates and
 * their outcomes, and a sentence for the admin.
 */
public record DecisionTrace(String decidedBy, boolean leadCreated, List<CandidateTrace> candidates, String explanation) {
    public DecisionTrace {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
