package dev.textbridge.connector.routing;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One row of {@link RoutingScenariosTest}: a text from a customer to a business number, the conversations held before
 * it arrives, and where it must land. Written as a sentence:
 * {@code text("...").from(customer(201)).to(ALICE).after(conversation("C-0201B", ALICE, hoursAgo(1))).landsOn("C-0201B").by(RULE_1)}.
 *
 * @param sentence           the display name: what happens, and which rule decides
 * @param from               the sender as the provider posts it
 * @param to                 the business number that receives it
 * @param priorConversations conversations the customer already holds on records when the text arrives
 * @param expected           where the text must go
 */
record RoutingScenario(String sentence, String from, String to, List<PriorConversation> priorConversations,
                       Expected expected) {

    static final String SINGLE_CANDIDATE = "single-candidate";
    static final String RULE_1 = "rule-1";
    static final String RULE_2 = "rule-2";
    static final String RULE_3 = "rule-3";
    static final String RULE_4 = "rule-4";
    static final String RULE_5 = "rule-5";
    static final String RULE_6 = "rule-6";
    static final String NEW_LEAD = "new-lead";
    static final String UNROUTABLE = "unroutable";

    RoutingScenario {
        priorConversations = List.copyOf(priorConversations);
    }

    /**
     * A conversation between the scenario's customer and a business number, held on a record, its last message
     * {@code ago}: from the customer, or from the seller when {@code outbound}.
     */
    record PriorConversation(String recordId, String businessNumber, Duration ago, boolean outbound) {
        RecordRef record() {
            return recordRef(recordId);
        }
    }

    /**
     * @param recordId   the record the text lands on; null for a new lead (its id is not known in advance) or unroutable
     * @param decidedBy  the wire name of what decides
     * @param leadOwner  for a new lead, who owns it
     * @param phoneField when it matters, the field through which the chosen record carries the number
     */
    record Expected(String recordId, String decidedBy, String leadOwner, String phoneField) {
        boolean newLead() {
            return NEW_LEAD.equals(decidedBy);
        }

        boolean unroutable() {
            return UNROUTABLE.equals(decidedBy);
        }
    }

    static Builder text(String sentence) {
        return new Builder(sentence);
    }

    /** The customer texted the business number, and the text went to the record. */
    static PriorConversation conversation(String recordId, String businessNumber, Duration ago) {
        return new PriorConversation(recordId, businessNumber, ago, false);
    }

    /** The seller texted the customer from the business number, from the record. */
    static PriorConversation sellerTexted(String recordId, String businessNumber, Duration ago) {
        return new PriorConversation(recordId, businessNumber, ago, true);
    }

    /** The record a seed id denotes; the id's first letter is its type (C-, A-, O-, L-). */
    static RecordRef recordRef(String recordId) {
        RecordType type = switch (recordId.charAt(0)) {
            case 'C' -> RecordType.CONTACT;
            case 'A' -> RecordType.ACCOUNT;
            case 'O' -> RecordType.OPPORTUNITY;
            case 'L' -> RecordType.LEAD;
            default -> throw new IllegalArgumentException("no record type for id " + recordId);
        };
        return new RecordRef(type, recordId);
    }

    @Override
    public String toString() {
        return sentence;
    }

    static final class Builder {
        private final String sentence;
        private final List<PriorConversation> conversations = new ArrayList<>();
        private String from;
        private String to;
        private String recordId;
        private String phoneField;

        private Builder(String sentence) {
            this.sentence = sentence;
        }

        Builder from(String sender) {
            this.from = sender;
            return this;
        }

        Builder to(String businessNumber) {
            this.to = businessNumber;
            return this;
        }

        Builder after(PriorConversation... held) {
            conversations.addAll(List.of(held));
            return this;
        }

        Builder landsOn(String recordId) {
            this.recordId = recordId;
            return this;
        }

        /** The field the chosen record carries the number in, e.g. {@code contact.mobile} or {@code conversation}. */
        Builder through(String phoneField) {
            this.phoneField = phoneField;
            return this;
        }

        RoutingScenario by(String decidedBy) {
            Objects.requireNonNull(recordId, "landsOn(...) before by(...)");
            return build(new Expected(recordId, decidedBy, null, phoneField));
        }

        RoutingScenario createsALeadOwnedBy(String owner) {
            return build(new Expected(null, NEW_LEAD, owner, null));
        }

        RoutingScenario isUnroutable() {
            return build(new Expected(null, UNROUTABLE, null, null));
        }

        private RoutingScenario build(Expected expected) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            return new RoutingScenario(sentence, from, to, conversations, expected);
        }
    }
}
