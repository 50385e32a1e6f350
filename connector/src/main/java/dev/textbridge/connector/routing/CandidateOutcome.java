package dev.textbridge.connector.routing;

import dev.textbridge.crm.api.CandidateRecord;

import java.util.Map;

/**
 * How one candidate fared: chosen, or the rule at which it lost, and where it stood on every rule.
 *
 * @param lostAtRule 0 for the chosen record, else the number of the rule that eliminated it
 * @param standings  per rule ({@code rule-1} .. {@code rule-6}), what the rule saw of this candidate, in words
 */
public record CandidateOutcome(CandidateRecord candidate, int lostAtRule, Map<String, String> standings) {

    public CandidateOutcome {
        standings = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(standings));
    }

    public boolean chosen() {
        return lostAtRule == 0;
    }

    /** {@code chosen} or {@code lost at rule-N}, as the admin API shows it. */
    public String outcome() {
        return chosen() ? "chosen" : "lost at rule-" + lostAtRule;
    }
}
