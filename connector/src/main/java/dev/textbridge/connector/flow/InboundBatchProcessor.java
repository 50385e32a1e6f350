package dev.textbridge.connector.flow;

import dev.textbridge.connector.consent.ConsentStore;
import dev.textbridge.connector.consent.HelpReplies;
import dev.textbridge.connector.conversation.ConversationMessage;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.inbox.DecisionTrace;
import dev.textbridge.connector.inbox.InboxEntry;
import dev.textbridge.connector.inbox.InboxStore;
import dev.textbridge.connector.inbox.InboxStore.MessageRoute;
import dev.textbridge.connector.routing.DecidedBy;
import dev.textbridge.connector.routing.RoutingDecision;
import dev.textbridge.crm.api.ActivityDraft;
import dev.textbridge.crm.api.ActivityWriteResult;
import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.ConsentChange;
import dev.textbridge.crm.api.CreatedLead;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.NewLead;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.PhoneNumber;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

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
 * Takes one claimed batch of inbound texts through routing and writing, spending one CRM call per step for the whole
 * batch: the candidates of all senders, then the activities together with the leads of the senders no record carries.
 * Progress is committed to the inbox after each step, and every CRM write is idempotent by the message's key, so a
 * batch interrupted at any point (a CRM outage, a crash) is finished later without doubling anything.
 */
public class InboundBatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(InboundBatchProcessor.class);

    private final InboxStore inbox;
    private final CrmAdapter crm;
    private final InboundRouter router;
    private final ConversationStore conversations;
    private final ConsentStore consent;
    private final InboundNotifier notifier;
    private final HelpReplies helpReplies;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transactions;

    public InboundBatchProcessor(InboxStore inbox, CrmAdapter crm, InboundRouter router,
                                 ConversationStore conversations, ConsentStore consent, InboundNotifier notifier,
                                 HelpReplies helpReplies, RetryPolicy retryPolicy, Clock clock, MeterRegistry meters,
                                 TransactionTemplate transactions) {
        this.inbox = inbox;
        this.crm = crm;
        this.router = router;
        this.conversations = conversations;
        this.consent = consent;
        this.notifier = notifier;
        this.helpReplies = helpReplies;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.meters = meters;
        this.transactions = transactions;
    }

    public void process(List<InboxEntry> batch) {
        Map<Long, Route> routes = new LinkedHashMap<>();
        Set<Long> finished = new HashSet<>();
        for (InboxEntry entry : batch) {
            if (entry.isRouted()) {
                routes.put(entry.id(), new Route(entry.record(), entry.recordName(), entry.recordOwner(), entry.decision(), null, null));
            }
        }
        try {
            // Consent counts from the moment the keyword is processed, whatever becomes of the text itself.
            batch.forEach(entry -> consent.recordKeyword(entry.message()));
            List<InboxEntry> unrouted = batch.stream().filter(e -> !e.isRouted()).toList();
            if (!unrouted.isEmpty()) {
                route(unrouted, routes, finished);
            }
            write(batch, routes, finished);
        } catch (RuntimeException e) {
            // Anything else is a defect; the batch still retries and ends dead rather than blocking its customers.
            String error = e instanceof CrmUnavailableException ? "CRM unavailable: " + e.getMessage()
                    : e instanceof org.springframework.dao.DataAccessException ? "store unavailable: " + e.getMessage()
                    : "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!(e instanceof CrmUnavailableException || e instanceof org.springframework.dao.DataAccessException)) {
                log.error("A batch of {} texts failed unexpectedly", batch.size(), e);
            }
            log.warn("A batch of {} texts could not be completed and will be retried: {}", batch.size(), error);
            for (InboxEntry entry : batch) {
                if (!finished.contains(entry.id())) {
                    fail(entry, error);
                }
            }
        }
    }

    private void route(List<InboxEntry> unrouted, Map<Long, Route> routes, Set<Long> finished) {
        List<RoutingDecision> decisions = router.route(unrouted.stream()
                .map(e -> new Arrival(e.message().from(), e.message().to(), e.message().receivedAt()))
                .toList());
        Instant now = clock.instant();
        Map<PhoneNumber, NewLead> leadsNeeded = new HashMap<>();
        for (int i = 0; i < unrouted.size(); i++) {
            InboxEntry entry = unrouted.get(i);
            RoutingDecision decision = decisions.get(i);
            switch (decision.decidedBy()) {
                case UNROUTABLE -> {
                    inbox.markUnroutable(entry.id(), DecisionTraces.of(decision, false), now);
                    finished.add(entry.id());
                    meters.counter("textbridge.inbound.unroutable").increment();
                }
                case NEW_LEAD -> {
                    // Texts of one unknown sender in one batch share one lead, owned as the first text decided; the
                    // first text's key makes it idempotent: a retry of this batch finds the same lead.
                    PhoneNumber customer = entry.message().from();
                    NewLead lead = leadsNeeded.get(customer);
                    if (lead == null) {
                        lead = new NewLead(entry.key(), customer, decision.leadOwner(), "Text from " + customer.value());
                        leadsNeeded.put(customer, lead);
                        routes.put(entry.id(), Route.toNewLead(lead, decision));
                    } else {
                        routes.put(entry.id(), Route.toNewLead(lead, null));
                    }
                }
                default -> {
                    CandidateRecord chosen = decision.chosen();
                    routes.put(entry.id(), new Route(chosen.ref(), chosen.name(), chosen.ownerId(),
                            DecisionTraces.of(decision, false), null, null));
                }
            }
        }
        // One commit for the routes to known records (each commit is a file write on H2), before any activity is
        // written; a new lead's texts are routed once the lead exists, in the commit that marks them written.
        List<MessageRoute> known = new ArrayList<>();
        for (InboxEntry entry : unrouted) {
            Route route = routes.get(entry.id());
            if (route != null && route.record() != null) {
                known.add(route.of(entry.id()));
            }
        }
        transactions.executeWithoutResult(status -> inbox.recordRoutes(known, now));
    }

    private void write(List<InboxEntry> batch, Map<Long, Route> routes, Set<Long> finished) {
        List<InboxEntry> toWrite = batch.stream().filter(e -> routes.containsKey(e.id()) && !finished.contains(e.id())).toList();
        if (toWrite.isEmpty()) {
            return;
        }
        List<ActivityDraft> drafts = toWrite.stream().map(e -> draft(e, routes.get(e.id()))).toList();
        // One call for the batch: the activities, and the leads of the customers no record carries.
        List<ActivityWriteResult> results = crm.writeActivities(drafts);
        Instant now = clock.instant();
        Map<Long, ConversationMessage> written = new LinkedHashMap<>();
        Map<Long, String> activityIds = new LinkedHashMap<>();
        Map<Long, Route> onNewLeads = new LinkedHashMap<>();
        for (int i = 0; i < toWrite.size(); i++) {
            InboxEntry entry = toWrite.get(i);
            ActivityWriteResult result = results.get(i);
            if (result.isWritten()) {
                Route route = routes.get(entry.id());
                if (route.newLead() != null) {
                    route = route.on(result.lead());
                    routes.put(entry.id(), route);
                    onNewLeads.put(entry.id(), route);
                    if (route.decision().leadCreated()) {
                        meters.counter("textbridge.leads.created").increment();
                    }
                }
                ConversationMessage message = new ConversationMessage(entry.message().from(), entry.message().to(),
                        route.record(), route.name(), route.ownerId(), Direction.INBOUND, entry.message().body(),
                        entry.message().receivedAt());
                written.put(entry.id(), message);
                activityIds.put(entry.id(), result.activityId());
                continue;
            } else if (result.retryable()) {
                fail(entry, "CRM refused the activity: " + result.error());
            } else {
                inbox.markFailed(entry.id(), "CRM refused the activity for good: " + result.error(), null, now);
                meters.counter("textbridge.inbound.dead").increment();
            }
            finished.add(entry.id());
        }
        // The written texts and their conversations in one commit, with the routes of those on new leads; should it
        // fail, they are not finished and the batch's retry rewrites them idempotently.
        transactions.executeWithoutResult(status -> {
            inbox.recordRoutes(onNewLeads.entrySet().stream().map(onLead -> onLead.getValue().of(onLead.getKey()))
                    .toList(), now);
            conversations.recordMessages(List.copyOf(written.values()));
            inbox.markWritten(activityIds, now);
        });
        for (InboxEntry entry : toWrite) {
            if (activityIds.containsKey(entry.id())) {
                finished.add(entry.id());
                meters.counter("textbridge.inbound.written").increment();
                meters.timer("textbridge.inbound.end-to-end").record(Duration.between(entry.message().receivedAt(), now));
            }
        }
        log.debug("Wrote {} texts to the CRM in one call", toWrite.size());
        Map<Long, String> notices = notifier.notifyAbout(written);
        if (!notices.isEmpty()) {
            transactions.executeWithoutResult(status -> notices.forEach(inbox::recordNotice));
        }
        showConsentInCrm(toWrite, routes, written);
        helpReplies.answer(written, toWrite.stream().collect(java.util.stream.Collectors.toMap(InboxEntry::id,
                InboxEntry::message)));
    }

    /** The connector already keeps consent and blocks opted-out numbers; this shows it to people reading the record. */
    private void showConsentInCrm(List<InboxEntry> toWrite, Map<Long, Route> routes,
                                  Map<Long, ConversationMessage> written) {
        List<InboxEntry> done = toWrite.stream().filter(entry -> written.containsKey(entry.id())).toList();
        Map<InboundMessage, Boolean> expressed = consent.optOutsExpressedBy(done.stream().map(InboxEntry::message).toList());
        List<ConsentChange> changes = new ArrayList<>();
        for (InboxEntry entry : done) {
            Boolean optedOut = expressed.get(entry.message());
            if (optedOut != null) {
                changes.add(new ConsentChange(routes.get(entry.id()).record(), entry.message().from(), optedOut,
                        entry.message().receivedAt()));
            }
        }
        if (changes.isEmpty()) {
            return;
        }
        try {
            crm.recordConsent(changes);
        } catch (CrmUnavailableException e) {
            log.warn("SMS consent of {} texts not shown in the CRM: {}", changes.size(), e.getMessage());
        }
    }

    private void fail(InboxEntry entry, String error) {
        Instant now = clock.instant();
        Optional<Instant> next = retryPolicy.nextAttempt(entry.firstFailureAt(), now);
        inbox.markFailed(entry.id(), error, next.orElse(null), now);
        if (next.isEmpty()) {
            meters.counter("textbridge.inbound.dead").increment();
            log.warn("Message {} is dead after {} attempts: {}", entry.key(), entry.attempts() + 1, error);
        }
    }

    /** Assigned to the record's owner, as a seller would file it; the adapter knows what its CRM lets own one. */
    private static ActivityDraft draft(InboxEntry entry, Route route) {
        var m = entry.message();
        return new ActivityDraft(entry.key(), route.record(), Direction.INBOUND, m.from(), m.to(), m.body(), m.media(),
                m.receivedAt(), m.provider(), m.providerMessageId(), null, route.ownerId(), route.newLead());
    }

    /**
     * Where a text goes: a record that exists, or ({@code record} null) the lead to create for it. {@code leadDecision}
     * is the engine's decision for the text a new lead is created for, null for the customer's later texts joining it.
     */
    private record Route(RecordRef record, String name, String ownerId, DecisionTrace decision, NewLead newLead,
                         RoutingDecision leadDecision) {

        static Route toNewLead(NewLead lead, RoutingDecision leadDecision) {
            return new Route(null, null, lead.ownerId(), null, lead, leadDecision);
        }

        /** As the inbox records it for the message. */
        MessageRoute of(long id) {
            return new MessageRoute(id, record, name, ownerId, decision);
        }

        /** The route once the lead exists. */
        Route on(CreatedLead lead) {
            DecisionTrace trace = leadDecision != null ? DecisionTraces.of(leadDecision, true)
                    : new DecisionTrace(DecidedBy.NEW_LEAD.wireName(), false, List.of(), "No record carried "
                    + newLead.phone() + " when this text arrived; it joins lead " + lead.ref().id() + " (owned by "
                    + ownerId + "), created for the customer's earlier text.");
            return new Route(lead.ref(), lead.name(), ownerId, trace, null, null);
        }
    }
}
