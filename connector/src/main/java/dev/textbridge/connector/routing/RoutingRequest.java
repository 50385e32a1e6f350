package dev.textbridge.connector.routing;

import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything the {@link RoutingEngine} needs to place one inbound text; plain data, gathered in batches by the flow.
 *
 * @param customer           the sender
 * @param businessNumber     the number that received the text
 * @param seller             the owner of the business number, or null when it is assigned to nobody
 * @param candidates         the records carrying the customer's number
 * @param lastConversationAt per record, the most recent message between this customer and the seller's numbers
 *                           (or only this business number when it is assigned to nobody)
 * @param teamMembers        when the seller is a team, its members' user ids; otherwise empty
 * @param defaultLeadOwner   who owns a new lead when the business number is assigned to nobody; may be null
 */
public record RoutingRequest(PhoneNumber customer, PhoneNumber businessNumber, Seller seller,
                             List<CandidateRecord> candidates, Map<RecordRef, Instant> lastConversationAt,
                             Set<String> teamMembers, String defaultLeadOwner) {
    public RoutingRequest {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(businessNumber, "businessNumber");
        candidates = List.copyOf(candidates);
        lastConversationAt = Map.copyOf(lastConversationAt);
        teamMembers = Set.copyOf(teamMembers);
    }
}
