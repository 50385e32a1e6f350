package dev.textbridge.connector.routing;

import dev.textbridge.crm.api.CandidateRecord;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Decides which CRM record an inbound text belongs to, by the six rules of the product specification (F2), applied
 * in order; each later rule only breaks the ties the earlier ones left. Pure: the same request always yields the
 * same decision.
 */
public final class RoutingEngine {

    private final List<RecordType> typeOrder;

    /** @param typeOrder the preference of rule 4, most preferred first; types not listed come last */
    public RoutingEngine(List<RecordType> typeOrder) {
        this.typeOrder = List.copyOf(typeOrder);
    }

    public RoutingDecision decide(RoutingRequest request) {
        List<CandidateRecord> remaining = distinctRecords(request.candidates());
        if (remaining.isEmpty()) {
            return withoutCandidates(request);
        }
        if (remaining.size() == 1) {
            return new RoutingDecision(DecidedBy.SINGLE_CANDIDATE, remaining.get(0), null,
                    List.of(new CandidateOutcome(remaining.get(0), 0, standings(remaining.get(0), request))),
                    "Only the " + describe(remaining.get(0)) + " carries " + request.customer() + "." + unassignedNote(request));
        }
        Map<RecordRef, Integer> lostAt = new LinkedHashMap<>();
        List<CandidateRecord> all = List.copyOf(remaining);
        int decidingRule = 6;
        for (int rule = 1; rule <= 6 && remaining.size() > 1; rule++) {
            List<CandidateRecord> kept = keepBest(rule, remaining, request);
            for (CandidateRecord candidate : remaining) {
                if (!kept.contains(candidate)) {
                    lostAt.put(candidate.ref(), rule);
                }
            }
            remaining = kept;
            decidingRule = rule;
        }
        if (remaining.size() > 1) {
            // Rule 6 ends on equal timestamps; the record id makes the decision reproducible.
            remaining.sort(Comparator.comparing(c -> c.ref().id()));
            for (CandidateRecord candidate : remaining.subList(1, remaining.size())) {
                lostAt.put(candidate.ref(), 6);
            }
        }
        CandidateRecord chosen = remaining.get(0);
        List<CandidateOutcome> outcomes = new ArrayList<>();
        outcomes.add(new CandidateOutcome(chosen, 0, standings(chosen, request)));
        for (CandidateRecord candidate : all) {
            if (candidate != chosen) {
                outcomes.add(new CandidateOutcome(candidate, lostAt.get(candidate.ref()), standings(candidate, request)));
            }
        }
        return new RoutingDecision(DecidedBy.rule(decidingRule), chosen, null, outcomes,
                "The " + describe(chosen) + " won at rule " + decidingRule + " (" + RULE_NAMES[decidingRule] + ") among "
                        + all.size() + " records carrying " + request.customer() + "." + unassignedNote(request));
    }

    private static final String[] RULE_NAMES = {"",
            "most recent conversation with the seller",
            "owned by the seller",
            "owned by the seller's team or one of its members",
            "record type order",
            "active before inactive",
            "most recently updated"};

    /** What each rule sees of a candidate, so an admin can follow the decision rule by rule. */
    private Map<String, String> standings(CandidateRecord c, RoutingRequest request) {
        Map<String, String> standings = new LinkedHashMap<>();
        Instant last = request.lastConversationAt().get(c.ref());
        standings.put("rule-1", last == null ? "no conversation with the seller's numbers" : "last message " + last);
        Seller seller = request.seller();
        String owner = c.ownerId() == null ? "nobody" : c.ownerId();
        standings.put("rule-2", seller == null ? "not applied: the number is assigned to nobody"
                : seller.isTeam() ? "not applied: the number belongs to team " + seller.id()
                : seller.id().equals(c.ownerId()) ? "owned by " + owner + ", the seller"
                : "owned by " + owner + ", not the seller " + seller.id());
        standings.put("rule-3", seller == null ? "not applied: the number is assigned to nobody"
                : !seller.isTeam() ? "not applied: the number belongs to user " + seller.id()
                : seller.id().equals(c.ownerId()) ? "owned by the team " + owner
                : ownedByTeamOrMember(c, request) ? "owned by " + owner + ", a member of " + seller.id()
                : "owned by " + owner + ", outside team " + seller.id());
        standings.put("rule-4", c.ref().type().wireName() + ", " + ordinal(typeRank(c.ref().type()) + 1) + " in type order");
        standings.put("rule-5", c.active() ? "active" : "inactive");
        standings.put("rule-6", "updated " + c.lastModified());
        return standings;
    }

    private static String ordinal(int n) {
        return n + switch (n) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    private List<CandidateRecord> keepBest(int rule, List<CandidateRecord> remaining, RoutingRequest request) {
        return switch (rule) {
            case 1 -> keepMax(remaining, c -> {
                Instant at = request.lastConversationAt().get(c.ref());
                return at == null ? Long.MIN_VALUE : at.toEpochMilli();
            });
            case 2 -> request.seller() == null || request.seller().isTeam() ? remaining
                    : keepMax(remaining, c -> request.seller().id().equals(c.ownerId()) ? 1 : 0);
            case 3 -> request.seller() == null || !request.seller().isTeam() ? remaining
                    : keepMax(remaining, c -> ownedByTeamOrMember(c, request) ? 1 : 0);
            case 4 -> keepMax(remaining, c -> -typeRank(c.ref().type()));
            case 5 -> keepMax(remaining, c -> c.active() ? 1 : 0);
            case 6 -> keepMax(remaining, c -> c.lastModified().toEpochMilli());
            default -> throw new IllegalArgumentException("no rule " + rule);
        };
    }

    private static boolean ownedByTeamOrMember(CandidateRecord c, RoutingRequest request) {
        // A record may have no owner; immutable sets refuse contains(null).
        return c.ownerId() != null
                && (request.seller().id().equals(c.ownerId()) || request.teamMembers().contains(c.ownerId()));
    }

    private static List<CandidateRecord> keepMax(List<CandidateRecord> candidates, ToLongFunction<CandidateRecord> score) {
        long best = candidates.stream().mapToLong(score).max().orElseThrow();
        List<CandidateRecord> kept = new ArrayList<>();
        for (CandidateRecord candidate : candidates) {
            if (score.applyAsLong(candidate) == best) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    private int typeRank(RecordType type) {
        int index = typeOrder.indexOf(type);
        return index < 0 ? typeOrder.size() : index;
    }

    private static List<CandidateRecord> distinctRecords(List<CandidateRecord> candidates) {
        Map<RecordRef, CandidateRecord> byRef = new LinkedHashMap<>();
        for (CandidateRecord candidate : candidates) {
            byRef.putIfAbsent(candidate.ref(), candidate);
        }
        return new ArrayList<>(byRef.values());
    }

    private static RoutingDecision withoutCandidates(RoutingRequest request) {
        if (!request.customer().isE164()) {
            return new RoutingDecision(DecidedBy.UNROUTABLE, null, null, List.of(),
                    "No record carries " + request.customer() + ", and a " + describeKind(request)
                            + " cannot become a lead (it cannot receive replies).");
        }
        String owner = request.seller() != null ? request.seller().id() : request.defaultLeadOwner();
        if (owner == null || owner.isBlank()) {
            return new RoutingDecision(DecidedBy.UNROUTABLE, null, null, List.of(),
                    "No record carries " + request.customer() + ", and no one could own a new lead: "
                            + request.businessNumber() + " is assigned to nobody and textbridge.routing.default-lead-owner is not set.");
        }
        String whose = request.seller() != null
                ? "the owner of " + request.businessNumber()
                : "textbridge.routing.default-lead-owner, because " + request.businessNumber() + " is assigned to nobody";
        return new RoutingDecision(DecidedBy.NEW_LEAD, null, owner, List.of(),
                "No record carries " + request.customer() + "; a new lead owned by " + owner + " (" + whose + ").");
    }

    private static String describeKind(RoutingRequest request) {
        return switch (request.customer().kind()) {
            case SHORT_CODE -> "short code";
            case ALPHANUMERIC -> "alphanumeric sender id";
            case E164 -> "phone number";
        };
    }

    private static String unassignedNote(RoutingRequest request) {
        return request.seller() == null
                ? " " + request.businessNumber() + " is assigned to nobody, so only the rules that need no seller applied."
                : "";
    }

    private static String describe(CandidateRecord candidate) {
        return candidate.ref().type().wireName() + " " + candidate.ref().id()
                + (candidate.name() == null ? "" : " (" + candidate.name() + ")");
    }
}
