package dev.textbridge.connector.conversation;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conversations already held on CRM records, as the connector's store knows them: what routing rule 1 asks
 * without spending a CRM API call.
 */
public class ConversationHistory {

    private final JdbcClient jdbc;

    public ConversationHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Per record, the time of the most recent message between the customer and any of the business numbers.
     */
    public Map<RecordRef, Instant> lastMessageAt(PhoneNumber customer, Set<PhoneNumber> businessNumbers) {
        if (businessNumbers.isEmpty()) {
            return Map.of();
        }
        List<String> numbers = businessNumbers.stream().map(PhoneNumber::value).toList();
        Map<RecordRef, Instant> latest = new HashMap<>();
        jdbc.sql("""
                        select record_type, record_id, max(received_at) as last_at from inbox_message
                        where from_number = :customer and to_number in (:numbers) and state = 'written'
                        group by record_type, record_id""")
                .param("customer", customer.value())
                .param("numbers", numbers)
                .query((rs, row) -> latest.put(
                        new RecordRef(RecordType.fromWireName(rs.getString("record_type")), rs.getString("record_id")),
                        rs.getObject("last_at", OffsetDateTime.class).toInstant()))
                .list();
        return latest;
    }
}
