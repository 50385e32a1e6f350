package dev.textbridge.connector.flow;

import dev.textbridge.connector.conversation.Conversation;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.crm.TeamDirectory;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.connector.routing.RoutingDecision;
import dev.textbridge.connector.routing.RoutingEngine;
import dev.textbridge.connector.routing.RoutingRequest;
import dev.textbridge.connector.routing.Seller;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides where a batch of inbound texts go, with no side effect: gathers what the {@link RoutingEngine} needs for
 * the whole batch at once (the candidates of every sender in one CRM call, the records holding their conversations
 * in at most one more, team memberships from a brief cache, conversation history from the store) and asks it, text
 * by text in arrival order, so that an earlier text of the batch counts as a conversation for a later one.
 */
public class InboundRouter {

    /** The phone field a candidate shows when it is one only through a conversation it holds. */
    public static final String CONVERSATION_FIELD = "conversation";

    private final CrmAdapter crm;
    private final RoutingEngine engine;
    private final BusinessNumbers numbers;
    private final ConversationStore conversations;
    private final TeamDirectory teams;
    private final String defaultLeadOwner;

    public InboundRouter(CrmAdapter crm, RoutingEngine engine, BusinessNumbers numbers, ConversationStore conversations,
                         TeamDirectory teams, String defaultLeadOwner) {
        this.crm = crm;
        this.engine = engine;
        this.numbers = numbers;
        this.conversations = conversations;
        this.teams = teams;
        this.defaultLeadOwner = defaultLeadOwner;
    }

    /** One decision per arrival, in the same order. */
    public List<RoutingDecision> route(List<Arrival> arrivals) {
        Set<PhoneNumber> customers = new HashSet<>();
        Set<String> teamIds = new HashSet<>();
        for (Arrival arrival : arrivals) {
            customers.add(arrival.from());
            numbers.sellerOf(arrival.to()).filter(Seller::isTeam).ifPresent(s -> teamIds.add(s.id()));
        }
        Map<PhoneNumber, List<CandidateRecord>> byPhone = crm.findCandidates(customers);
        Map<PhoneNumber, List<Conversation>> history = conversations.conversationsOf(customers);
        Map<RecordRef, CrmRecord> heldOnly = recordsHoldingConversationsOnly(byPhone, history);
        Map<String, Set<String>> members = teamIds.isEmpty() ? Map.of() : teams.membersOf(teamIds);

        Map<PhoneNumber, List<Conversation>> earlierInBatch = new HashMap<>();
        List<RoutingDecision> decisions = new ArrayList<>();
        for (Arrival arrival : arrivals) {
            PhoneNumber customer = arrival.from();
            Seller seller = numbers.sellerOf(arrival.to()).orElse(null);
            Set<PhoneNumber> sameSeller = numbers.sameSellerNumbers(arrival.to());

            List<Conversation> known = new ArrayList<>(history.getOrDefault(customer, List.of()));
            known.addAll(earlierInBatch.getOrDefault(customer, List.of()));
            Map<RecordRef, Instant> lastAt = new HashMap<>();
            for (Conversation conversation : known) {
                if (sameSeller.contains(conversation.businessNumber())) {
                    lastAt.merge(conversation.record(), conversation.lastMessageAt(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            Map<RecordRef, CandidateRecord> candidates = new LinkedHashMap<>();
            byPhone.getOrDefault(customer, List.of()).forEach(c -> candidates.putIfAbsent(c.ref(), c));
            for (Conversation conversation : known) {
                CrmRecord record = heldOnly.get(conversation.record());
                if (record != null) {
                    candidates.putIfAbsent(record.ref(), new CandidateRecord(record.ref(), record.name(),
                            record.ownerId(), record.active(), record.lastModified(), customer, CONVERSATION_FIELD));
                }
            }

            RoutingDecision decision = engine.decide(new RoutingRequest(customer, arrival.to(), seller,
                    List.copyOf(candidates.values()), lastAt,
                    seller != null && seller.isTeam() ? members.getOrDefault(seller.id(), Set.of()) : Set.of(),
                    defaultLeadOwner));
            decisions.add(decision);
            if (decision.chosen() != null) {
                earlierInBatch.computeIfAbsent(customer, k -> new ArrayList<>())
                        .add(new Conversation(customer, arrival.to(), decision.chosen().ref(), arrival.at()));
            }
        }
        return decisions;
    }

    /** The records that hold a conversation with a sender but carry none of their numbers (a moved conversation). */
    private Map<RecordRef, CrmRecord> recordsHoldingConversationsOnly(Map<PhoneNumber, List<CandidateRecord>> byPhone,
                                                                       Map<PhoneNumber, List<Conversation>> history) {
        Set<RecordRef> missing = new HashSet<>();
        history.forEach((customer, held) -> {
            Set<RecordRef> matched = new HashSet<>();
            byPhone.getOrDefault(customer, List.of()).forEach(c -> matched.add(c.ref()));
            held.stream().map(Conversation::record).filter(r -> !matched.contains(r)).forEach(missing::add);
        });
        return missing.isEmpty() ? Map.of() : crm.findRecords(missing);
    }
}
