package dev.textbridge.connector.conversation;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The conversations held on CRM records: one per customer number, business number and record, with the time of its
 * latest message. What routing rule 1 asks, answered without a CRM API call.
 */
public class ConversationStore {

    private static final TypeReference<List<MediaAttachment>> MEDIA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    /** For JDBC batches, which {@link JdbcClient} does not issue; the same connections as {@code jdbc}. */
    private final JdbcOperations batches;
    private final JsonMapper json;

    public ConversationStore(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
        this.json = json;
    }

    /**
     * Takes note of messages on records, in their order: starts each conversation, or moves its last message time
     * forward. One JDBC batch updates the conversations; one more starts those that none held, and a last one updates
     * them again for the later messages of a conversation started in this batch.
     */
    public void recordMessages(List<ConversationMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try {
            record(messages);
        } catch (DuplicateKeyException concurrentStart) {
            // Another transaction started one of the conversations after the insert's check: it exists now, and every
            // step is idempotent. (Inside a transaction on PostgreSQL the failure aborted it; the caller retries.)
            record(messages);
        }
    }

    private void record(List<ConversationMessage> messages) {
        List<ConversationMessage> unheld = changedNone(messages, update(messages));
        if (unheld.isEmpty()) {
            return;
        }
        // The first message of each conversation no row held starts it; the later ones move it forward after. Each
        // conversation is inserted once: H2 answers an "insert ... where not exists" from that statement's previous
        // run with the same values, blind to the row the run inserted, so a second insert would hit the key.
        Map<List<String>, ConversationMessage> firsts = new LinkedHashMap<>();
        List<ConversationMessage> later = new ArrayList<>();
        for (ConversationMessage m : unheld) {
            List<String> conversation = List.of(m.customer().value(), m.businessNumber().value(),
                    m.record().type().wireName(), m.record().id());
            if (firsts.putIfAbsent(conversation, m) != null) {
                later.add(m);
            }
        }
        List<ConversationMessage> starting = List.copyOf(firsts.values());
        // No duplicate key for a conversation another transaction started meanwhile: on PostgreSQL a failed
        // statement aborts the whole transaction.
        int[] started = batches.batchUpdate("""
                        insert into conversation (customer_number, business_number, record_type, record_id,
                            record_name, owner_id, last_message_at, last_direction, last_body, created_at)
                        select ?, ?, ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from conversation
                            where customer_number = ? and business_number = ? and record_type = ? and record_id = ?)""",
                starting.stream().map(m -> new Object[]{m.customer().value(), m.businessNumber().value(),
                        m.record().type().wireName(), m.record().id(), m.recordName(), m.ownerId(), at(m.at()),
                        m.direction().wireName(), m.body(), at(m.at()), m.customer().value(), m.businessNumber().value(),
                        m.record().type().wireName(), m.record().id()}).toList());
        List<ConversationMessage> moveForward = new ArrayList<>(changedNone(starting, started));
        moveForward.addAll(later);
        if (!moveForward.isEmpty()) {
            update(moveForward);
        }
    }

    private int[] update(List<ConversationMessage> messages) {
        // The last message only changes when this one is not older (messages may be recorded out of order).
        return batches.batchUpdate("""
                        update conversation set
                            last_direction = case when last_message_at <= ? then ? else last_direction end,
                            last_body = case when last_message_at <= ? then ? else last_body end,
                            last_message_at = greatest(last_message_at, ?),
                            record_name = coalesce(?, record_name), owner_id = coalesce(?, owner_id)
                        where customer_number = ? and business_number = ? and record_type = ? and record_id = ?""",
                messages.stream().map(m -> new Object[]{at(m.at()), m.direction().wireName(), at(m.at()), m.body(),
                        at(m.at()), m.recordName(), m.ownerId(), m.customer().value(), m.businessNumber().value(),
                        m.record().type().wireName(), m.record().id()}).toList());
    }

    /** The messages whose statement changed no row. */
    private static List<ConversationMessage> changedNone(List<ConversationMessage> messages, int[] rowCounts) {
        List<Boolean> changed = changedRow(rowCounts);
        List<ConversationMessage> none = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!changed.get(i)) {
                none.add(messages.get(i));
            }
        }
        return none;
    }

    /**
     * Per statement of a JDBC batch, whether it changed a row. Both H2 and the PostgreSQL driver count the rows of each
     * prepared statement; a driver that does not (PostgreSQL's reWriteBatchedInserts) would make every answer a guess.
     */
    private static List<Boolean> changedRow(int[] rowCounts) {
        List<Boolean> changed = new ArrayList<>(rowCounts.length);
        for (int count : rowCounts) {
            if (count < 0) {
                throw new IllegalStateException("the database driver did not count the rows of a batched statement ("
                        + count + "); turn off statement rewriting such as PostgreSQL's reWriteBatchedInserts");
            }
            changed.add(count > 0);
        }
        return changed;
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

    /** One page of the conversations visible through these business numbers or record owners, newest first. */
    public List<ConversationSummary> visible(String sellerId, Set<String> businessNumbers, Set<String> owners,
                                             int page, int size) {
        return jdbc.sql(SUMMARY + """
                        where c.business_number in (:numbers) or c.owner_id in (:owners)
                        order by c.last_message_at desc, c.id desc
                        offset :offset rows fetch next :size rows only""")
                .param("seller", sellerId).param("numbers", orNone(businessNumbers)).param("owners", orNone(owners))
                .param("offset", (long) page * size).param("size", size)
                .query(this::summary).list();
    }

    public long countVisible(Set<String> businessNumbers, Set<String> owners) {
        return jdbc.sql("select count(*) from conversation c where c.business_number in (:numbers) or c.owner_id in (:owners)")
                .param("numbers", orNone(businessNumbers)).param("owners", orNone(owners))
                .query(Long.class).single();
    }

    /** The conversations held on a record, newest first. */
    public List<ConversationSummary> onRecord(String sellerId, RecordRef record) {
        return jdbc.sql(SUMMARY + """
                        where c.record_type = :type and c.record_id = :id
                        order by c.last_message_at desc, c.id desc""")
                .param("seller", sellerId).param("type", record.type().wireName()).param("id", record.id())
                .query(this::summary).list();
    }

    public Optional<ConversationSummary> find(String sellerId, long id) {
        return jdbc.sql(SUMMARY + " where c.id = :conversation")
                .param("seller", sellerId).param("conversation", id).query(this::summary).optional();
    }

    /** Marks everything in the conversation up to now as read by the seller. */
    public void markRead(long id, String sellerId, Instant now) {
        if (jdbc.sql("update conversation_read set read_at = ? where conversation_id = ? and seller_id = ?")
                .params(at(now), id, sellerId).update() == 0) {
            try {
                jdbc.sql("insert into conversation_read (conversation_id, seller_id, read_at) values (?, ?, ?)")
                        .params(id, sellerId, at(now)).update();
            } catch (DuplicateKeyException concurrentRead) {
                jdbc.sql("update conversation_read set read_at = ? where conversation_id = ? and seller_id = ?")
                        .params(at(now), id, sellerId).update();
            }
        }
    }

    /** Every message of the conversation, both directions, oldest first. */
    public List<HistoryMessage> history(ConversationSummary conversation) {
        List<HistoryMessage> messages = new ArrayList<>();
        jdbc.sql("""
                        select body, received_at, from_number, media from inbox_message
                        where from_number = ? and to_number = ? and record_type = ? and record_id = ? and state = 'written'""")
                .params(conversation.customerNumber(), conversation.businessNumber(),
                        conversation.record().type().wireName(), conversation.record().id())
                .query((rs, row) -> messages.add(new HistoryMessage("inbound", rs.getString("body"),
                        rs.getObject("received_at", OffsetDateTime.class).toInstant(), rs.getString("from_number"), null,
                        null, media(rs.getString("media")))))
                .list();
        jdbc.sql("""
                        select body, created_at, seller_id, status, failure_reason from outbound_message
                        where to_number = ? and from_number = ? and record_type = ? and record_id = ?""")
                .params(conversation.customerNumber(), conversation.businessNumber(),
                        conversation.record().type().wireName(), conversation.record().id())
                .query((rs, row) -> messages.add(new HistoryMessage("outbound", rs.getString("body"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("seller_id"),
                        rs.getString("status"), rs.getString("failure_reason") == null ? null
                        : FailureReason.valueOf(rs.getString("failure_reason")).text(), List.of())))
                .list();
        messages.sort(java.util.Comparator.comparing(HistoryMessage::at));
        return messages;
    }

    /**
     * Takes each message's conversation's turn to notify, in the messages' order: true at most once per
     * {@code quietPeriod} and conversation, so that a burst of texts on one conversation notifies once. One JDBC batch.
     */
    public List<Boolean> claimNotifications(List<ConversationMessage> messages, Instant now,
                                            java.time.Duration quietPeriod) {
        if (messages.isEmpty()) {
            return List.of();
        }
        return changedRow(batches.batchUpdate("""
                        update conversation set last_notified_at = ?
                        where customer_number = ? and business_number = ? and record_type = ? and record_id = ?
                          and (last_notified_at is null or last_notified_at < ?)""",
                messages.stream().map(m -> new Object[]{at(now), m.customer().value(), m.businessNumber().value(),
                        m.record().type().wireName(), m.record().id(), at(now.minus(quietPeriod))}).toList()));
    }

    /** True the first time it is asked for a user: whether to tell them they lack the SMS privilege. */
    public boolean claimPrivilegeNotice(String userId, Instant now) {
        // Asked first rather than by catching the duplicate key: on PostgreSQL a failed statement aborts the whole
        // transaction, and the notifier claims every notice of a batch in one. Not as one "insert ... where not
        // exists" either: H2 answers such a statement's check from its previous run with the same values, blind to
        // the row that run inserted, so the second claim in a transaction hit the key.
        boolean told = jdbc.sql("select count(*) from privilege_notice where user_id = ?").param(userId)
                .query(Integer.class).single() > 0;
        if (told) {
            return false;
        }
        jdbc.sql("insert into privilege_notice (user_id, sent_at) values (?, ?)").params(userId, at(now)).update();
        return true;
    }

    /** A message of a conversation and its CRM activity, for moving the conversation. */
    public record MessageLink(String table, String rowId, String activityId) {
    }

    /** The messages on the conversation's record (written or still on their way), with their activities. */
    public List<MessageLink> messagesOf(ConversationSummary conversation) {
        List<MessageLink> links = new ArrayList<>();
        jdbc.sql("""
                        select id, activity_id from inbox_message
                        where from_number = ? and to_number = ? and record_type = ? and record_id = ?""")
                .params(conversation.customerNumber(), conversation.businessNumber(),
                        conversation.record().type().wireName(), conversation.record().id())
                .query((rs, row) -> links.add(new MessageLink("inbox_message", String.valueOf(rs.getLong("id")),
                        rs.getString("activity_id"))))
                .list();
        jdbc.sql("""
                        select id, activity_id from outbound_message
                        where to_number = ? and from_number = ? and record_type = ? and record_id = ?""")
                .params(conversation.customerNumber(), conversation.businessNumber(),
                        conversation.record().type().wireName(), conversation.record().id())
                .query((rs, row) -> links.add(new MessageLink("outbound_message", rs.getString("id"),
                        rs.getString("activity_id"))))
                .list();
        return links;
    }

    /** Puts a message on another record in the store (its CRM activity is moved by the caller). */
    public void relink(MessageLink message, RecordRef to, String recordName) {
        String key = message.table().equals("inbox_message") ? "cast(? as bigint)" : "?";
        jdbc.sql("update " + message.table() + " set record_type = ?, record_id = ?, record_name = ? where id = " + key)
                .params(to.type().wireName(), to.id(), recordName, message.rowId())
                .update();
    }

    /**
     * Recomputes the conversation between a customer and a business number on a record from the messages it holds
     * now: its last message, or no conversation at all when none is left.
     *
     * @return the conversation's id, or empty when none is left
     */
    public Optional<Long> rebuild(String customer, String businessNumber, RecordRef record, String recordName,
                                  String ownerId, Instant now) {
        List<Object[]> last = jdbc.sql("""
                        select direction, body, at from (
                            select 'inbound' as direction, body, received_at as at from inbox_message
                            where from_number = ? and to_number = ? and record_type = ? and record_id = ? and state = 'written'
                            union all
                            select 'outbound' as direction, body, created_at as at from outbound_message
                            where to_number = ? and from_number = ? and record_type = ? and record_id = ?
                        ) m order by at desc fetch first 1 rows only""")
                .params(customer, businessNumber, record.type().wireName(), record.id(),
                        customer, businessNumber, record.type().wireName(), record.id())
                .query((rs, row) -> new Object[]{rs.getString("direction"), rs.getString("body"),
                        rs.getObject("at", OffsetDateTime.class)})
                .list();
        Optional<Long> existing = jdbc.sql("""
                        select id from conversation
                        where customer_number = ? and business_number = ? and record_type = ? and record_id = ?""")
                .params(customer, businessNumber, record.type().wireName(), record.id()).query(Long.class).optional();
        if (last.isEmpty()) {
            existing.ifPresent(id -> {
                jdbc.sql("delete from conversation_read where conversation_id = ?").param(id).update();
                jdbc.sql("delete from conversation where id = ?").param(id).update();
            });
            return Optional.empty();
        }
        Object[] message = last.get(0);
        if (existing.isPresent()) {
            jdbc.sql("""
                            update conversation set last_direction = ?, last_body = ?, last_message_at = ?,
                                record_name = coalesce(?, record_name), owner_id = coalesce(?, owner_id)
                            where id = ?""")
                    .params(message[0], message[1], message[2], recordName, ownerId, existing.get()).update();
            return existing;
        }
        jdbc.sql("""
                        insert into conversation (customer_number, business_number, record_type, record_id, record_name,
                            owner_id, last_message_at, last_direction, last_body, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(customer, businessNumber, record.type().wireName(), record.id(), recordName, ownerId,
                        message[2], message[0], message[1], at(now))
                .update();
        return jdbc.sql("""
                        select id from conversation
                        where customer_number = ? and business_number = ? and record_type = ? and record_id = ?""")
                .params(customer, businessNumber, record.type().wireName(), record.id()).query(Long.class).optional();
    }

    private static final String SUMMARY = """
            select c.*, (select count(*) from inbox_message m
                         where m.from_number = c.customer_number and m.to_number = c.business_number
                           and m.record_type = c.record_type and m.record_id = c.record_id and m.state = 'written'
                           and (r.read_at is null or m.received_at > r.read_at)) as unread
            from conversation c left join conversation_read r on r.conversation_id = c.id and r.seller_id = :seller
            """;

    private ConversationSummary summary(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ConversationSummary(rs.getLong("id"), rs.getString("customer_number"), rs.getString("business_number"),
                new RecordRef(RecordType.fromWireName(rs.getString("record_type")), rs.getString("record_id")),
                rs.getString("record_name"), rs.getString("owner_id"), rs.getString("last_direction"),
                rs.getString("last_body"), rs.getObject("last_message_at", OffsetDateTime.class).toInstant(),
                rs.getLong("unread"));
    }

    private List<MediaAttachment> media(String json) {
        return json == null ? List.of() : this.json.readValue(json, MEDIA);
    }

    /** An IN list may not be empty; a value no row holds stands for "none". */
    private static List<String> orNone(Set<String> values) {
        return values.isEmpty() ? List.of("") : List.copyOf(values);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
