package dev.textbridge.connector.conversation;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.PhoneNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conversations held on CRM records: one per customer number, business number and record, with the time of its
 * latest message. What routing rule 1 asks, answered without a CRM API call.
 */
public class ConversationStore {

    private final JdbcClient jdbc;

    public ConversationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Takes note of a message on a record: starts the conversation, or moves its last message time forward. */
    public void recordMessage(ConversationMessage message) {
        if (update(message) == 0) {
            try {
                jdbc.sql("""
                                insert into conversation (customer_number, business_number, record_type, record_id,
                                    record_name, owner_id, last_message_at, created_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                        .params(message.customer().value(), message.businessNumber().value(),
                                message.record().type().wireName(), message.record().id(), message.recordName(),
                                message.ownerId(), at(message.at()), at(message.at()))
                        .update();
            } catch (DuplicateKeyException concurrentStart) {
                update(message);
            }
        }
    }

    private int update(ConversationMessage message) {
        return jdbc.sql("""
                        update conversation set last_message_at = greatest(last_message_at, ?),
                            record_name = coalesce(?, record_name), owner_id = coalesce(?, owner_id)
                        where customer_number = ? and business_number = ? and record_type = ? and record_id = ?""")
                .params(at(message.at()), message.recordName(), message.ownerId(), message.customer().value(),
                        message.businessNumber().value(), message.record().type().wireName(), message.record().id())
                .update();
    }

    /** Every conversation of each customer, on any business number and record, in one query. */
    public Map<PhoneNumber, List<Conversation>> conversationsOf(Set<PhoneNumber> customers) {
        if (customers.isEmpty()) {
            return Map.of();
        }
        Map<PhoneNumber, List<Conversation>> byCustomer = new HashMap<>();
        jdbc.sql("""
                        select customer_number, business_number, record_type, record_id, last_message_at
                        from conversation where customer_number in (:customers)""")
                .param("customers", customers.stream().map(PhoneNumber::value).toList())
                .query((rs, row) -> new Conversation(PhoneNumber.ofNormalised(rs.getString("customer_number")),
                        PhoneNumber.ofNormalised(rs.getString("business_number")),
                        new RecordRef(RecordType.fromWireName(rs.getString("record_type")), rs.getString("record_id")),
                        rs.getObject("last_message_at", OffsetDateTime.class).toInstant()))
                .list()
                .forEach(c -> byCustomer.computeIfAbsent(c.customer(), k -> new ArrayList<>()).add(c));
        return byCustomer;
    }

    /** Whether the record holds a conversation on any of the business numbers. */
    public boolean holdsConversation(RecordRef record, Set<PhoneNumber> businessNumbers) {
        if (businessNumbers.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                        select count(*) from conversation
                        where record_type = :type and record_id = :id and business_number in (:numbers)""")
                .param("type", record.type().wireName()).param("id", record.id())
                .param("numbers", businessNumbers.stream().map(PhoneNumber::value).toList())
                .query(Long.class).single() > 0;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
