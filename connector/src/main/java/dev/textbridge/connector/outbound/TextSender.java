package dev.textbridge.connector.outbound;

import dev.textbridge.connector.consent.ConsentStore;
import dev.textbridge.connector.conversation.ConversationMessage;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.conversation.SellerScope;
import dev.textbridge.connector.conversation.VisibleRecords;
import dev.textbridge.connector.numbers.BusinessNumber;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.connector.template.MergeFields;
import dev.textbridge.connector.template.Template;
import dev.textbridge.connector.template.TemplateCatalog;
import dev.textbridge.crm.api.CrmRecord;
import dev.textbridge.crm.api.RecordPhone;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.CrmUser;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.PhoneNumber;
import dev.textbridge.mappings.model.SegmentCount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.textbridge.connector.outbound.SendRefusedException.Kind.INVALID_REQUEST;
import static dev.textbridge.connector.outbound.SendRefusedException.Kind.NOT_YOUR_NUMBER;
import static dev.textbridge.connector.outbound.SendRefusedException.Kind.NO_SUCH_RECORD;

/**
 * Sends a seller's text: checks who may send what from where, records the intent before the provider is called
 * (outside any transaction), records the provider's answer, and makes the text part of the record's conversation.
 * A text to an invalid number or to a customer who opted out is recorded as failed and never reaches the provider.
 */
public class TextSender {

    /** Twilio's and most providers' ceiling for one (concatenated) text. */
    public static final int MAX_BODY_LENGTH = 1600;

    private static final Logger log = LoggerFactory.getLogger(TextSender.class);

    private final OutboundStore store;
    private final Map<String, SmsSender> senders;
    private final BusinessNumbers numbers;
    private final VisibleRecords records;
    private final ConversationStore conversations;
    private final ConsentStore consent;
    private final TemplateCatalog templates;
    private final String defaultRegion;
    private final Clock clock;

    public TextSender(OutboundStore store, List<SmsSender> senders, BusinessNumbers numbers, VisibleRecords records,
                      ConversationStore conversations, ConsentStore consent, TemplateCatalog templates,
                      String defaultRegion, Clock clock) {
        this.store = store;
        this.senders = senders.stream().collect(Collectors.toMap(SmsSender::provider, Function.identity()));
        this.numbers = numbers;
        this.records = records;
        this.conversations = conversations;
        this.consent = consent;
        this.templates = templates;
        this.defaultRegion = defaultRegion;
        this.clock = clock;
    }

    public OutboundText send(CrmUser seller, SendCommand command) {
        if (command.idempotencyKey() != null) {
            Optional<OutboundText> earlier = store.findByIdempotencyKey(seller.id(), command.idempotencyKey());
            if (earlier.isPresent()) {
                return finishSending(earlier.get(), true);
            }
        }
        List<BusinessNumber> own = numbers.assignedTo(seller.id(), seller.teamIds());
        BusinessNumber from = businessNumber(command.from(), own);
        CrmRecord record = visibleRecord(seller, command);
        String body = body(seller, command, record);
        if (body.isBlank()) {
            throw new SendRefusedException(INVALID_REQUEST, "the body is empty");
        }
        if (body.length() > MAX_BODY_LENGTH) {
            throw new SendRefusedException(INVALID_REQUEST, "the body has " + body.length()
                    + " characters; a text holds at most " + MAX_BODY_LENGTH);
        }
        String customer = customerNumber(command, record);
        Optional<PhoneNumber> to = PhoneNumber.tryParse(customer, defaultRegion).filter(PhoneNumber::isE164);
        FailureReason refusal = to.isEmpty() ? FailureReason.INVALID_SEND_PARAMETERS
                : consent.hasOptedOut(to.get(), from.number()) ? FailureReason.RECIPIENT_OPTED_OUT : null;
        SegmentCount count = SegmentCount.of(body);
        Instant now = clock.instant();
        OutboundText intent = new OutboundText(UUID.randomUUID().toString(), seller.id(), command.idempotencyKey(),
                record.ref(), record.name(), from.number().value(), to.map(PhoneNumber::value).orElse(customer.strip()),
                body, count.segments(), count.encoding().wireName(), from.provider(), null,
                refusal == null ? OutboundText.SENDING : "failed", refusal, null, null, null, now);
        Optional<OutboundText> stored = store.insert(intent, now);
        if (stored.isEmpty()) {
            // Another request with the same idempotency key got there first.
            return finishSending(store.findByIdempotencyKey(seller.id(), command.idempotencyKey()).orElseThrow(), true);
        }
        if (refusal != null) {
            log.info("Text {} not sent: {}", intent.id(), refusal.text());
            // Part of the conversation all the same, so that the seller sees it, and why, in the history.
            recordInConversation(stored.get());
            return stored.get();
        }
        return finishSending(stored.get(), false);
    }

    /**
     * Sends a text the connector itself answers with (the HELP reply), from a business number to a customer, at most
     * once per {@code key}. It is recorded and written to the CRM like a seller's text, with
     * {@link OutboundText#AUTOMATIC_SENDER} as its sender; a customer who opted out still gets it, as carriers expect
     * an answer to HELP.
     */
    public OutboundText sendAutomatic(RecordRef record, String recordName, PhoneNumber from, PhoneNumber to,
                                      String body, String key) {
        Optional<OutboundText> earlier = store.findByIdempotencyKey(OutboundText.AUTOMATIC_SENDER, key);
        if (earlier.isPresent()) {
            return finishSending(earlier.get(), true);
        }
        BusinessNumber number = numbers.find(from).orElseThrow(() -> new IllegalArgumentException(
                from.value() + " is not a business number"));
        SegmentCount count = SegmentCount.of(body);
        Instant now = clock.instant();
        OutboundText intent = new OutboundText(UUID.randomUUID().toString(), OutboundText.AUTOMATIC_SENDER, key, record,
                recordName, from.value(), to.value(), body, count.segments(), count.encoding().wireName(),
                number.provider(), null, OutboundText.SENDING, null, null, null, null, now);
        Optional<OutboundText> stored = store.insert(intent, now);
        return stored.isPresent() ? finishSending(stored.get(), false)
                : finishSending(store.findByIdempotencyKey(OutboundText.AUTOMATIC_SENDER, key).orElseThrow(), true);
    }

    /**
     * Settles texts whose request died between the intent and the provider's answer and was never retried: the
     * provider is asked whether it took each one; if it did the text is recorded as sent, else as failed, never
     * sent blindly a second time.
     *
     * @return how many texts were settled
     */
    public int settleAbandoned(Duration olderThan, int max) {
        int settled = 0;
        for (OutboundText text : store.sendingSince(clock.instant().minus(olderThan), max)) {
            SmsSender sender = senders.get(text.provider());
            try {
                ProviderAnswer answer = sender == null ? null : sender.findSent(text).orElse(null);
                if (answer == null) {
                    answer = ProviderAnswer.refused(FailureReason.UNKNOWN, null, "the provider never answered the send request");
                }
                store.recordAnswer(text.id(), answer, clock.instant());
                settled++;
            } catch (ProviderUnavailableException e) {
                log.warn("Could not settle text {} yet: {}", text.id(), e.getMessage());
            }
        }
        return settled;
    }

    /**
     * Calls the provider for a text still {@code sending}. When the intent is a retry's, the provider is first asked
     * whether it took the text already, so a crash between its answer and our record never sends twice.
     */
    private OutboundText finishSending(OutboundText text, boolean mayHaveBeenSent) {
        if (!OutboundText.SENDING.equals(text.status())) {
            return text;
        }
        SmsSender sender = senders.get(text.provider());
        if (sender == null) {
            return store.recordAnswer(text.id(), ProviderAnswer.refused(FailureReason.PROVIDER_ACCOUNT_PROBLEM, null,
                    "no sending client for provider " + text.provider()), clock.instant());
        }
        ProviderAnswer answer = (mayHaveBeenSent ? sender.findSent(text) : Optional.<ProviderAnswer>empty())
                .orElseGet(() -> sender.send(text));
        OutboundText recorded = store.recordAnswer(text.id(), answer, clock.instant());
        recordInConversation(recorded);
        return recorded;
    }

    private void recordInConversation(OutboundText text) {
        conversations.recordMessages(List.of(new ConversationMessage(PhoneNumber.ofNormalised(text.to()),
                PhoneNumber.ofNormalised(text.from()), text.record(), text.recordName(), null,
                Direction.OUTBOUND, text.body(), text.createdAt())));
    }

    /** {@code to} as given, or the text of the record's phone field that {@code phoneField} names. */
    private static String customerNumber(SendCommand command, CrmRecord record) {
        boolean hasTo = command.to() != null && !command.to().isBlank();
        boolean hasField = command.phoneField() != null && !command.phoneField().isBlank();
        if (hasTo == hasField) {
            throw new SendRefusedException(INVALID_REQUEST, hasTo
                    ? "give either 'to' or 'phoneField', not both"
                    : "'to' is missing: give the customer's number, or 'phoneField' to use one of the record's");
        }
        if (hasTo) {
            return command.to();
        }
        return record.phone(command.phoneField().strip()).map(RecordPhone::text)
                .orElseThrow(() -> new SendRefusedException(INVALID_REQUEST, "the " + record.ref().type().wireName()
                        + " has no phone field '" + command.phoneField().strip() + "' holding a value; it has "
                        + (record.phones().isEmpty() ? "none"
                        : String.join(", ", record.phones().stream().map(RecordPhone::field).toList()))));
    }

    private String body(CrmUser seller, SendCommand command, CrmRecord record) {
        if (command.templateId() == null) {
            return command.body() == null ? "" : command.body();
        }
        if (command.body() != null) {
            throw new SendRefusedException(INVALID_REQUEST, "give either 'body' or 'templateId', not both");
        }
        Template template = templates.usableBy(seller.id(), command.templateId())
                .orElseThrow(() -> new SendRefusedException(INVALID_REQUEST, "unknown template " + command.templateId()));
        try {
            return MergeFields.fill(template.body(), MergeFields.valuesFor(record.name(), seller.name()));
        } catch (IllegalArgumentException e) {
            throw new SendRefusedException(INVALID_REQUEST, "template '" + template.name() + "': " + e.getMessage());
        }
    }

    private BusinessNumber businessNumber(String given, List<BusinessNumber> own) {
        if (given == null || given.isBlank()) {
            throw new SendRefusedException(INVALID_REQUEST, "'from' is missing: give one of your business numbers");
        }
        PhoneNumber number = PhoneNumber.tryParse(given, defaultRegion)
                .orElseThrow(() -> new SendRefusedException(INVALID_REQUEST, "'from' is not a phone number: " + given));
        return own.stream().filter(n -> n.number().equals(number)).findFirst()
                .orElseThrow(() -> new SendRefusedException(NOT_YOUR_NUMBER,
                        number + " is not a business number assigned to you or to one of your teams"));
    }

    /** The record, if the seller may see it (F3): owned by the seller or a team of theirs, or holding a conversation on their numbers. */
    private CrmRecord visibleRecord(CrmUser seller, SendCommand command) {
        if (command.record() == null) {
            throw new SendRefusedException(INVALID_REQUEST, "'record' is missing: give its type and id");
        }
        return records.find(SellerScope.of(seller, numbers), command.record())
                .orElseThrow(() -> new SendRefusedException(NO_SUCH_RECORD, "no "
                        + command.record().type().wireName() + " " + command.record().id() + " that you may see"));
    }
}
