package dev.textbridge.connector.routing;

import dev.textbridge.crm.api.CandidateRecord;

import java.util.List;

/**
 * Where a text goes and why.
 *
 * @param chosen     the winning record, or null when a lead must be created or the text cannot be routed
 * @param leadOwner  for {@link DecidedBy#NEW_LEAD}, who owns the lead to create
 * @param candidates every candidate with its outcome, chosen first
 * @param explanation one sentence for the admin: "why did this text land here?"
 */
public record RoutingDecision(DecidedBy decidedBy, CandidateRecord chosen, String leadOwner,
                              List<CandidateOutcome> candidates, String explanation) {
    public RoutingDecision {
        candidates = List.copyOf(candidates);
    }

    public boolean needsLead() {
        return decidedBy == DecidedBy.NEW_LEAD;
    }
}
