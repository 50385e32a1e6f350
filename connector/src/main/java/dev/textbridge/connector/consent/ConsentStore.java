package dev.textbridge.connector.consent;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.PhoneNumber;
import org.springframework.dao.DuplicateKeyException;
import dev.textbridge.mappings.provider.ProviderMapping;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    public boolean hasOptedOut(PhoneNumber customer, PhoneNumber businessNumber) {
        return jdbc.sql("select opted_out from consent where customer_number = ? and business_number = ?")
                .params(customer.value(), businessNumber.value())
                .query(Boolean.class).optional().orElse(false);
    }
}
