package dev.textbridge.connector.flow;

import dev.textbridge.connector.conversation.ConversationHistory;
import dev.textbridge.connector.crm.TeamDirectory;
import dev.textbridge.connector.inbox.CandidateTrace;
import dev.textbridge.connector.inbox.DecisionTrace;
import dev.textbridge.connector.inbox.InboxEntry;
import dev.textbridge.connector.inbox.InboxStore;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.connector.routing.RoutingDecision;
import dev.textbridge.connector.routing.RoutingEngine;
import dev.textbridge.connector.routing.RoutingRequest;
import dev.textbridge.connector.routing.Seller;
import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.CreatedLead;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Takes one claimed batch of inbound texts through routing, lead creation and activity writing, spending one CRM
 * call per step for the whole batch. Progress is committed to the inbox after each step, and every CRM write is
 * idempotent by the message's key, so a batch interrupted at any point (a CRM outage, a crash) is finished later
 * without doubling anything.
 */
public class InboundBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundBatchProcessor.class);

    private final InboxStore inbox;
    private final CrmAdapter crm;
    private final RoutingEngine routing;
    private final BusinessNumbers numbers;
    private final ConversationHistory history;
    private final TeamDirectory teams;
    private final RetryPolicy retryPolicy;
    private final String defaultLeadOwner;
    private final Clock clock;
    private final MeterRegistry meters;

    public InboundBatchProcessor(InboxStore inbox, CrmAdapter crm, RoutingEngine routing, BusinessNumbers numbers,
                                 ConversationHistory history, TeamDirectory teams, RetryPolicy retryPolicy,
                                 String defaultLeadOwner, Clock clock, MeterRegistry meters) {
        this.inbox = inbox;
        this.crm = crm;
        this.routing = routing;
        this.numbers = numbers;
        this.history = history;
        this.teams = teams;
        this.retryPolicy = retryPolicy;
        this.defaultLeadOwner = defaultLeadOwner;
        this.clock = clock;
        this.meters = meters;
    }

    public void process(List<InboxEntry> batch) {
        Map<Long, Route> routes = new LinkedHashMap<>();
        Set<Long> finished = new HashSet<>();
        for (InboxEntry entry : batch) {
            if (entry.isRouted()) {
                routes.put(entry.id(), new Route(entry.record(), entry.recordName(), entry.decision()));
            }
        }
        try {
            List<InboxEntry> unrouted = batch.stream().filter(e -> !e.isRouted()).toList();
            if (!unrouted.isEmpty()) {
                route(unrouted, routes, finished);
            }
            write(batch, routes, finished);
        } catch (CrmUnavailableException | org.springframework.dao.DataAccessException e) {
            String error = e instanceof CrmUnavailableException ? "CRM unavailable: " + e.getMessage()
                    : "store unavailable: " + e.getMessage();
            log.warn("A batch of {} texts could not be completed and will be retried: {}", batch.size(), error);
            for (InboxEntry entry : batch) {
                if (!finished.contains(entry.id())) {
                    fail(entry, error);
                }
            }
        }
    }

    private void route(List<InboxEntry> unrouted, Map<Long, Route> routes, Set<Long> finished) {
        Set<PhoneNumber> customers = new HashSet<>();
        Set<String> teamIds = new HashSet<>();
        for (InboxEntry entry : unrouted) {
            customers.add(entry.message().from());
            numbers.sellerOf(entry.message().to()).filter(Seller::isTeam).ifPresent(s -> teamIds.add(s.id()));
        }
        Map<PhoneNumber, List<CandidateRecord>> candidates = crm.findCandidates(customers);
        Map<String, Set<String>> members = teamIds.isEmpty() ? Map.of() : teams.membersOf(teamIds);
        Instant now = clock.instant();

        Map<PhoneNumber, List<RoutedInBatch>> routedInBatch = new HashMap<>();
        Map<LeadKey, List<InboxEntry>> leadsNeeded = new LinkedHashMap<>();
        Map<Long, RoutingDecision> leadDecisions = new HashMap<>();
        for (InboxEntry entry : unrouted) {
            PhoneNumber customer = entry.message().from();
            PhoneNumber to = entry.message().to();
            Seller seller = numbers.sellerOf(to).orElse(null);
            Set<PhoneNumber> sameSeller = numbers.sameSellerNumbers(to);
            Map<RecordRef, Instant> lastAt = new HashMap<>(history.lastMessageAt(customer, sameSeller));
            for (RoutedInBatch earlier : routedInBatch.getOrDefault(customer, List.of())) {
                if (sameSeller.contains(earlier.to())) {
                    lastAt.merge(earlier.record(), earlier.at(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            RoutingDecision decision = routing.decide(new RoutingRequest(customer, to, seller,
                    candidates.getOrDefault(customer, List.of()), lastAt,
                    seller != null && seller.isTeam() ? members.getOrDefault(seller.id(), Set.of()) : Set.of(),
                    defaultLeadOwner));
            switch (decision.decidedBy()) {
                case UNROUTABLE -> {
                    inbox.markUnroutable(entry.id(), trace(decision, false), now);
                    finished.add(entry.id());
                    meters.counter("textbridge.inbound.unroutable").increment();
                }
                case NEW_LEAD -> {
                    leadsNeeded.computeIfAbsent(new LeadKey(customer, decision.leadOwner()), k -> new ArrayList<>()).add(entry);
                    leadDecisions.put(entry.id(), decision);
                }
                default -> {
                    CandidateRecord chosen = decision.chosen();
                    routes.put(entry.id(), new Route(chosen.ref(), chosen.name(), trace(decision, false)));
                    routedInBatch.computeIfAbsent(customer, k -> new ArrayList<>())
                            .add(new RoutedInBatch(to, chosen.ref(), entry.message().receivedAt()));
                }
            }
        }
        if (!leadsNeeded.isEmpty()) {
            List<NewLead> newLeads = new ArrayList<>();
            for (Map.Entry<LeadKey, List<InboxEntry>> need : leadsNeeded.entrySet()) {
                // The first message's key makes creation idempotent: a retry of this batch finds the same lead.
                newLeads.add(new NewLead(need.getValue().get(0).key(), need.getKey().customer(), need.getKey().owner(),
                        "Text from " + need.getKey().customer().value()));
            }
            List<CreatedLead> created = crm.createLeads(newLeads);
            int i = 0;
            for (List<InboxEntry> entries : leadsNeeded.values()) {
                CreatedLead lead = created.get(i++);
                meters.counter("textbridge.leads.created").increment();
                for (InboxEntry entry : entries) {
                    routes.put(entry.id(), new Route(lead.ref(), lead.name(), trace(leadDecisions.get(entry.id()), true)));
                }
            }
        }
        for (InboxEntry entry : unrouted) {
            Route route = routes.get(entry.id());
            if (route != null) {
                inbox.recordRoute(entry.id(), route.record(), route.name(), route.decision(), now);
            }
        }
    }

    private void write(List<InboxEntry> batch, Map<Long, Route> routes, Set<Long> finished) {
        List<InboxEntry> toWrite = batch.stream().filter(e -> routes.containsKey(e.id()) && !finished.contains(e.id())).toList();
        if (toWrite.isEmpty()) {
            return;
        }
        List<ActivityDraft> drafts = toWrite.stream().map(e -> draft(e, routes.get(e.id()).record())).toList();
        List<ActivityWriteResult> results = crm.writeActivities(drafts);
        Instant now = clock.instant();
        for (int i = 0; i < toWrite.size(); i++) {
            InboxEntry entry = toWrite.get(i);
            ActivityWriteResult result = results.get(i);
            if (result.isWritten()) {
                inbox.markWritten(entry.id(), result.activityId(), now);
                meters.counter("textbridge.inbound.written").increment();
                meters.timer("textbridge.inbound.end-to-end").record(Duration.between(entry.message().receivedAt(), now));
            } else if (result.retryable()) {
                fail(entry, "CRM refused the activity: " + result.error());
            } else {
                inbox.markFailed(entry.id(), "CRM refused the activity for good: " + result.error(), null, now);
                meters.counter("textbridge.inbound.dead").increment();
            }
            finished.add(entry.id());
        }
        log.debug("Wrote {} texts to the CRM in one call", toWrite.size());
    }

    private void fail(InboxEntry entry, String error) {
        Instant now = clock.instant();
        Optional<Instant> next = retryPolicy.nextAttempt(entry.attempts(), entry.firstFailureAt(), now);
        inbox.markFailed(entry.id(), error, next.orElse(null), now);
        if (next.isEmpty()) {
            meters.counter("textbridge.inbound.dead").increment();
            log.warn("Message {} is dead after {} attempts: {}", entry.key(), entry.attempts() + 1, error);
        }
    }

    private static ActivityDraft draft(InboxEntry entry, RecordRef record) {
        var m = entry.message();
        return new ActivityDraft(entry.key(), record, Direction.INBOUND, m.from(), m.to(), m.body(), m.media(),
                m.receivedAt(), m.provider(), m.providerMessageId(), null);
    }

    private static DecisionTrace trace(RoutingDecision decision, boolean leadCreated) {
        List<CandidateTrace> candidates = decision.candidates().stream()
                .map(o -> new CandidateTrace(o.candidate().ref().type().wireName(), o.candidate().ref().id(),
                        o.candidate().name(), o.outcome()))
                .toList();
        return new DecisionTrace(decision.decidedBy().wireName(), leadCreated, candidates, decision.explanation());
    }

    private record Route(RecordRef record, String name, DecisionTrace decision) {
    }

    private record LeadKey(PhoneNumber customer, String owner) {
    }

    private record RoutedInBatch(PhoneNumber to, RecordRef record, Instant at) {
    }
}
