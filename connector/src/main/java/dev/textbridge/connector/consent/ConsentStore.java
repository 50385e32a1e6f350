package dev.textbridge.connector.consent;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.PhoneNumber;
import org.springframework.dao.DuplicateKeyException;
import dev.textbridge.mappings.provider.ProviderMapping;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether a customer accepts texts from a business number, from the opt-out and opt-in keywords they sent (the
 * standard ones and those of the provider that carried the text) and the consent flags providers set. HELP changes
 * nothing. A later keyword replaces an earlier one.
 */
public class ConsentStore {

    private final JdbcClient jdbc;
    private final Map<String, ProviderMapping> providers;

    public ConsentStore(JdbcClient jdbc, List<ProviderMapping> providers) {
        this.jdbc = jdbc;
        this.providers = providers.stream().collect(Collectors.toMap(ProviderMapping::provider, Function.identity()));
    }

    /** The keyword a text is, by the words of the provider that carried it. */
    public Optional<ConsentKeyword> keywordOf(InboundMessage message) {
        ProviderMapping provider = providers.get(message.provider());
        return provider == null ? ConsentKeyword.of(message.body()) : provider.consentKeyword(message.body());
    }

    /** Records the consent an inbound text expresses, if it is an opt-out or opt-in keyword. */
    public void recordKeyword(InboundMessage message) {
        keywordOf(message).ifPresent(keyword -> record(message, keyword));
    }

    /**
     * Records the consent a text expresses, by its keyword or by the provider's flag on it; recording the same text's
     * consent again changes nothing.
     */
    public void record(InboundMessage message, ConsentKeyword keyword) {
        if (keyword == ConsentKeyword.HELP) {
            return;
        }
        boolean optedOut = keyword == ConsentKeyword.OPT_OUT;
        OffsetDateTime at = message.receivedAt().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                        update consent set opted_out = ?, keyword = ?, provider = ?, provider_message_id = ?, changed_at = ?
                        where customer_number = ? and business_number = ? and changed_at <= ?""")
                .params(optedOut, keyword.wireName(), message.provider(), message.providerMessageId(), at,
                        message.from().value(), message.to().value(), at)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("""
                                insert into consent (customer_number, business_number, opted_out, keyword, provider,
                                    provider_message_id, changed_at) values (?, ?, ?, ?, ?, ?, ?)""")
                        .params(message.from().value(), message.to().value(), optedOut, keyword.wireName(),
                                message.provider(), message.providerMessageId(), at)
                        .update();
            } catch (DuplicateKeyException newerKeywordAlreadyThere) {
                // A later keyword was recorded first; it stands.
            }
        }
    }

    /**
     * For each of these texts that (by its keyword or the provider's flag on it) set the consent now recorded for its
     * sender and business number: true for an opt-out, false for an opt-in. Texts that did not, or that a later text
     * overrode since, are absent. One query for all of them.
     */
    public Map<InboundMessage, Boolean> optOutsExpressedBy(Collection<InboundMessage> messages) {
        if (messages.isEmpty()) {
            return Map.of();
        }
        record Row(String customer, String business, String provider, String messageId, boolean optedOut) {
        }
        List<Row> rows = jdbc.sql("""
                        select customer_number, business_number, provider, provider_message_id, opted_out from consent
                        where customer_number in (:customers)""")
                .param("customers", messages.stream().map(m -> m.from().value()).distinct().toList())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5)))
                .list();
        Map<InboundMessage, Boolean> expressed = new LinkedHashMap<>();
        for (InboundMessage message : messages) {
            rows.stream().filter(row -> row.customer().equals(message.from().value())
                            && row.business().equals(message.to().value()) && row.provider().equals(message.provider())
                            && row.messageId().equals(message.providerMessageId()))
                    .findFirst().ifPresent(row -> expressed.put(message, row.optedOut()));
        }
        return expressed;
    }

    public boolean hasOptedOut(PhoneNumber customer, PhoneNumber businessNumber) {
        return jdbc.sql("select opted_out from consent where customer_number = ? and business_number = ?")
                .params(customer.value(), businessNumber.value())
                .query(Boolean.class).optional().orElse(false);
    }
}
