package dev.textbridge.connector.routing;

import dev.textbridge.crm.api.CandidateRecord;

/**
 * How one candidate fared: chosen, or the rule at which it lost.
 *
 * @param lostAtRule 0 for the chosen record, else the number of the rule that eliminated it
 */
public record CandidateOutcome(CandidateRecord candidate, int lostAtRule) {

    public boolean chosen() {
        return lostAtRule == 0;
    }

    /** {@code chosen} or {@code lost at rule-N}, as the admin API shows it. */
    public String outcome() {
        return chosen() ? "chosen" : "lost at rule-" + lostAtRule;
    }
}
