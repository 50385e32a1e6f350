package dev.textbridge.connector.consent;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.PhoneNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Whether a customer accepts texts from a business number, from the opt-out and opt-in keywords they sent. HELP
 * changes nothing. A later keyword replaces an earlier one.
 */
public class ConsentStore {

    private final JdbcClient jdbc;

    public ConsentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the consent an inbound text expresses, if it is an opt-out or opt-in keyword. */
    public void recordKeyword(InboundMessage message) {
        ConsentKeyword keyword = ConsentKeyword.of(message.body()).orElse(null);
        if (keyword == null || keyword == ConsentKeyword.HELP) {
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

    /** Whether the text opts its sender out (true) or back in (false); empty when it says nothing about consent. */
    public java.util.Optional<Boolean> optOutExpressedBy(InboundMessage message) {
        return ConsentKeyword.of(message.body()).filter(keyword -> keyword != ConsentKeyword.HELP)
                .map(keyword -> keyword == ConsentKeyword.OPT_OUT);
    }

    public boolean hasOptedOut(PhoneNumber customer, PhoneNumber businessNumber) {
        return jdbc.sql("select opted_out from consent where customer_number = ? and business_number = ?")
                .params(customer.value(), businessNumber.value())
                .query(Boolean.class).optional().orElse(false);
    }
}
