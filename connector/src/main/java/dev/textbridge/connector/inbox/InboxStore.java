package dev.textbridge.connector.inbox;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The durable inbox: accepted callbacks, unique on provider and provider message id, and their processing state.
 * Every method commits before it returns.
 */
public class InboxStore {

    private static final String PENDING = "('received','routed','retrying')";
    /** Rows per insert statement in a group commit: few statements per group, few distinct statement texts. */
    private static final int INSERT_ROWS = 64;
    private static final TypeReference<List<MediaAttachment>> MEDIA = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    /** For JDBC batches, which {@link JdbcClient} does not issue; the same connections as {@code jdbc}. */
    private final JdbcOperations batches;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Database database;

    /** @param database the database behind {@code jdbc}, see {@link Database#of(DataSource)} */
    public InboxStore(JdbcOperations jdbc, TransactionTemplate transactions, JsonMapper json, Database database) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.database = database;
    }

    /** The databases the inbox runs on, and how each keeps workers from claiming the same messages. */
    public enum Database {
        /** Embedded, one instance: the claim token's conditional update is enough. */
        H2(""),
        /** Shared by several instances: a claim locks the rows it selects and skips rows another one is claiming. */
        POSTGRESQL(" for update skip locked");

        private final String claimLocking;

        Database(String claimLocking) {
            this.claimLocking = claimLocking;
        }

        /** Reads the product name from the database's metadata. */
        public static Database of(DataSource dataSource) {
            String product;
            try (Connection connection = dataSource.getConnection()) {
                product = connection.getMetaData().getDatabaseProductName();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot tell which database the inbox is on: " + e.getMessage(), e);
            }
            return switch (product) {
                case "H2" -> H2;
                case "PostgreSQL" -> POSTGRESQL;
                default -> throw new IllegalStateException("the inbox runs on H2 or PostgreSQL, not on " + product);
            };
        }
    }

    /** Stores a new inbound text; false when a message with the same key is already stored (a provider's retry). */
    public boolean accept(InboundMessage message) {
        try {
            jdbc.sql("""
                            insert into inbox_message (provider, provider_message_id, from_number, to_number, body, media,
                                segments, received_at, state, next_attempt_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)""")
                    .params(message.provider(), message.providerMessageId(), message.from().value(),
                            message.to().value(), message.body(),
                            message.media().isEmpty() ? null : json.writeValueAsString(message.media()),
                            message.segments(), at(message.receivedAt()), at(message.receivedAt()),
                            at(message.receivedAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException repeat) {
            return false;
        }
    }

    /**
     * Stores a group of new inbound texts in one transaction (a group commit): answers, in the order given, true for
     * each text stored now and false for a repeat, whether of a text already stored or of one earlier in the same
     * group. Either every text of the group is committed or, when this throws, none is.
     */
    public List<Boolean> acceptAll(List<InboundMessage> messages) {
        return acceptGroup(messages, InboxStore::key, this::storedKeys, this::insert);
    }

    /** Stores a group of delivery reports in one transaction, as {@link #acceptAll(List)} stores texts. */
    public List<Boolean> acceptAllReports(List<DeliveryReport> reports) {
        return acceptGroup(reports, InboxStore::key, this::storedReportKeys, this::insertReports);
    }

    private <T> List<Boolean> acceptGroup(List<T> items, Function<T, String> keyOf,
                                          Function<List<T>, Set<String>> storedKeysOf, Consumer<List<T>> insertRows) {
        if (items.isEmpty()) {
            return List.of();
        }
        return transactions.execute(status -> {
            Map<String, Integer> firstOfKey = new LinkedHashMap<>();
            List<Boolean> stored = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                stored.add(firstOfKey.putIfAbsent(keyOf.apply(items.get(i)), i) == null);
            }
            Set<String> alreadyStored = new HashSet<>();
            List<T> firsts = firstOfKey.values().stream().map(items::get).toList();
            for (int from = 0; from < firsts.size(); from += INSERT_ROWS) {
                alreadyStored.addAll(storedKeysOf.apply(firsts.subList(from, Math.min(firsts.size(), from + INSERT_ROWS))));
            }
            List<T> fresh = new ArrayList<>();
            for (int i : firstOfKey.values()) {
                if (alreadyStored.contains(keyOf.apply(items.get(i)))) {
                    stored.set(i, false);
                } else {
                    fresh.add(items.get(i));
                }
            }
            for (int from = 0; from < fresh.size(); from += INSERT_ROWS) {
                insertRows.accept(fresh.subList(from, Math.min(fresh.size(), from + INSERT_ROWS)));
            }
            return stored;
        });
    }

    private static String key(InboundMessage message) {
        return message.provider() + ":" + message.providerMessageId();
    }

    private static String key(DeliveryReport report) {
        return report.provider() + ":" + report.providerMessageId() + ":" + report.status().name();
    }

    /** The keys among these texts' that are stored already: one indexed lookup per key, in one statement. */
    private Set<String> storedKeys(List<InboundMessage> messages) {
        List<Object> params = new ArrayList<>(messages.size() * 2);
        messages.forEach(m -> params.addAll(List.of(m.provider(), m.providerMessageId())));
        // A join with the keys, not "provider_message_id in (...)": that would scan, the index leads with provider.
        return new HashSet<>(jdbc.sql("""
                        select m.provider, m.provider_message_id
                        from (values %s) as k(provider, message_id)
                        join inbox_message m on m.provider = k.provider and m.provider_message_id = k.message_id"""
                        .formatted(String.join(", ", Collections.nCopies(messages.size(), "(?, ?)"))))
                .params(params)
                .query((rs, row) -> rs.getString(1) + ":" + rs.getString(2))
                .list());
    }

    private Set<String> storedReportKeys(List<DeliveryReport> reports) {
        List<Object> params = new ArrayList<>(reports.size() * 3);
        reports.forEach(r -> params.addAll(List.of(r.provider(), r.providerMessageId(), r.status().name())));
        return new HashSet<>(jdbc.sql("""
                        select d.provider, d.provider_message_id, d.status
                        from (values %s) as k(provider, message_id, status)
                        join delivery_report d on d.provider = k.provider and d.provider_message_id = k.message_id
                                              and d.status = k.status"""
                        .formatted(String.join(", ", Collections.nCopies(reports.size(), "(?, ?, ?)"))))
                .params(params)
                .query((rs, row) -> rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3))
                .list());
    }

    /** One multi-row insert: a single statement, however many rows, where a JDBC batch is one per row on H2. */
    private void insert(List<InboundMessage> rows) {
        String values = String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)"));
        List<Object> params = new ArrayList<>(rows.size() * 10);
        for (InboundMessage message : rows) {
            params.addAll(Arrays.asList(message.provider(), message.providerMessageId(), message.from().value(),
                    message.to().value(), message.body(),
                    message.media().isEmpty() ? null : json.writeValueAsString(message.media()),
                    message.segments(), at(message.receivedAt()), at(message.receivedAt()), at(message.receivedAt())));
        }
        jdbc.sql("""
                        insert into inbox_message (provider, provider_message_id, from_number, to_number, body, media,
                            segments, received_at, state, next_attempt_at, updated_at)
                        values\s""" + values)
                .params(params)
                .update();
    }

    private void insertReports(List<DeliveryReport> rows) {
        String values = String.join(", ", Collections.nCopies(rows.size(), "(?, ?, ?, ?, ?, ?)"));
        List<Object> params = new ArrayList<>(rows.size() * 6);
        for (DeliveryReport report : rows) {
            params.addAll(reportColumns(report));
        }
        jdbc.sql("""
                        insert into delivery_report (provider, provider_message_id, status, error_code, failure_reason, reported_at)
                        values\s""" + values)
                .params(params)
                .update();
    }

    private List<Object> reportColumns(DeliveryReport report) {
        return Arrays.asList(report.provider(), report.providerMessageId(), report.status().name(),
                report.providerErrorCode(), report.failureReason() == null ? null : report.failureReason().name(),
                at(report.reportedAt()));
    }

    /** Stores a delivery report; false when the same report (message and status) is already stored. */
    public boolean accept(DeliveryReport report) {
        try {
            jdbc.sql("""
                            insert into delivery_report (provider, provider_message_id, status, error_code, failure_reason, reported_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(reportColumns(report))
                    .update();
            return true;
        } catch (DuplicateKeyException repeat) {
            return false;
        }
    }

    /** A stored delivery report not applied yet, with its row id. */
    public record PendingReport(long id, DeliveryReport report) {
    }

    /** Delivery reports not applied yet, oldest first. */
    /**
     * Up to {@code max} reports not applied yet: never-checked ones first, then those checked longest ago, so that
     * reports waiting for a text that is not known yet never hold back the others.
     */
    public List<PendingReport> pendingReports(int max) {
        return jdbc.sql("""
                        select * from delivery_report where applied = false
                        order by checked_at nulls first, id fetch first %d rows only""".formatted(max))
                .query((rs, row) -> new PendingReport(rs.getLong("id"), new DeliveryReport(rs.getString("provider"),
                        rs.getString("provider_message_id"), DeliveryStatus.valueOf(rs.getString("status")),
                        rs.getString("error_code"),
                        rs.getString("failure_reason") == null ? null : FailureReason.valueOf(rs.getString("failure_reason")),
                        instant(rs, "reported_at"))))
                .list();
    }

    public void markReportApplied(long id) {
        jdbc.sql("update delivery_report set applied = true where id = ?").param(id).update();
    }

    /**
     * Notes that the report's text is still unknown: it waits for its next turn, and is given up (marked applied) once
     * it was first stored longer ago than {@code giveUpAfter}.
     *
     * @return whether it was given up
     */
    public boolean markReportChecked(long id, Instant now, Duration giveUpAfter) {
        jdbc.sql("update delivery_report set stored_at = coalesce(stored_at, ?), checked_at = ? where id = ?")
                .params(at(now), at(now), id).update();
        return jdbc.sql("update delivery_report set applied = true where id = ? and stored_at < ?")
                .params(id, at(now.minus(giveUpAfter))).update() > 0;
    }

    /**
     * Reserves up to {@code max} messages that are due, oldest first, skipping any message behind an earlier one of
     * the same customer that is waiting for a retry or held by another worker, so that each customer's texts reach
     * the CRM in arrival order. A reservation lapses after {@code claimTimeout}, so a batch taken by a worker that
     * crashed is taken again. A message is reserved only while it is still pending and unreserved, and only together
     * with every earlier pending message of its customer, so workers claiming at the same moment never share a message
     * nor split a customer's texts. On PostgreSQL the claim locks the rows it selects and skips, rather than waits
     * for, the rows another instance is claiming.
     */
    public List<InboxEntry> claimBatch(int max, Instant now, Duration claimTimeout) {
        String token = UUID.randomUUID().toString();
        return transactions.execute(status -> {
            List<Long> ids = jdbc.sql("""
                            select m.id from inbox_message m
                            where m.state in %s and m.next_attempt_at <= ?
                              and (m.claimed_until is null or m.claimed_until < ?)
                              and not exists (select 1 from inbox_message e
                                              where e.from_number = m.from_number and e.id < m.id and e.state in %s
                                                and (e.next_attempt_at > ? or e.claimed_until >= ?))
                            order by m.id
                            fetch first %d rows only%s""".formatted(PENDING, PENDING, max, database.claimLocking))
                    .params(at(now), at(now), at(now), at(now))
                    .query(Long.class)
                    .list();
            if (ids.isEmpty()) {
                return List.of();
            }
            jdbc.sql("""
                            update inbox_message set claim_token = :token, claimed_until = :until
                            where id in (:ids) and state in %s and (claimed_until is null or claimed_until < :now)"""
                            .formatted(PENDING))
                    .param("token", token).param("until", at(now.plus(claimTimeout))).param("ids", ids)
                    .param("now", at(now))
                    .update();
            // A message goes only with every earlier pending one of its customer: released again when one of those
            // is not in this claim (another instance is claiming it, or it was replayed meanwhile). A separate
            // statement because checking each message against the list of claimed ids made claiming a fifth of the
            // flow's work with batches of hundreds.
            jdbc.sql("""
                            update inbox_message m set claim_token = null, claimed_until = null
                            where m.id in (:ids) and m.claim_token = :token
                              and exists (select 1 from inbox_message e
                                          where e.from_number = m.from_number and e.id < m.id and e.state in %s
                                            and e.claim_token is distinct from :token)""".formatted(PENDING))
                    .param("token", token).param("ids", ids)
                    .update();
            return jdbc.sql("select * from inbox_message where id in (:ids) and claim_token = :token order by id")
                    .param("ids", ids).param("token", token)
                    .query(this::entry)
                    .list();
        });
    }

    /** Where one message goes and why: its record, that record's name and owner, and the routing decision. */
    public record MessageRoute(long id, RecordRef record, String recordName, String recordOwner, DecisionTrace decision) {
    }

    /** Records where messages go and why, before their activities are written: one JDBC batch for them all. */
    public void recordRoutes(List<MessageRoute> routes, Instant now) {
        if (routes.isEmpty()) {
            return;
        }
        batches.batchUpdate("""
                        update inbox_message set state = 'routed', record_type = ?, record_id = ?, record_name = ?,
                            record_owner_id = ?, decided_by = ?, lead_created = ?, decision = ?, updated_at = ?
                        where id = ?""",
                routes.stream().map(route -> new Object[]{route.record().type().wireName(), route.record().id(),
                        route.recordName(), route.recordOwner(), route.decision().decidedBy(),
                        route.decision().leadCreated(), json.writeValueAsString(route.decision()), at(now), route.id()})
                        .toList());
    }

    public void markUnroutable(long id, DecisionTrace decision, Instant now) {
        jdbc.sql("""
                        update inbox_message set state = 'unroutable', decided_by = ?, decision = ?, attempts = attempts + 1,
                            claim_token = null, claimed_until = null, updated_at = ?
                        where id = ?""")
                .params(decision.decidedBy(), json.writeValueAsString(decision), at(now), id)
                .update();
    }

    /** Marks messages written, each with its CRM activity (by message id): one JDBC batch for them all. */
    public void markWritten(Map<Long, String> activityIds, Instant now) {
        if (activityIds.isEmpty()) {
            return;
        }
        batches.batchUpdate("""
                        update inbox_message set state = 'written', activity_id = ?, attempts = attempts + 1,
                            last_error = null, claim_token = null, claimed_until = null, updated_at = ?
                        where id = ?""",
                activityIds.entrySet().stream().map(written -> new Object[]{written.getValue(), at(now), written.getKey()})
                        .toList());
    }

    /**
     * Records a failed attempt: the message is retried at {@code nextAttemptAt}, or is dead when that is null.
     */
    public void markFailed(long id, String error, Instant nextAttemptAt, Instant now) {
        jdbc.sql("""
                        update inbox_message set state = ?, attempts = attempts + 1, last_error = ?,
                            first_failure_at = coalesce(first_failure_at, ?), next_attempt_at = ?,
                            claim_token = null, claimed_until = null, updated_at = ?
                        where id = ?""")
                .params(nextAttemptAt == null ? "dead" : "retrying", truncate(error), at(now),
                        at(nextAttemptAt == null ? now : nextAttemptAt), at(now), id)
                .update();
    }

    public Optional<InboxEntry> find(String provider, String providerMessageId) {
        return jdbc.sql("select * from inbox_message where provider = ? and provider_message_id = ?")
                .params(provider, providerMessageId)
                .query(this::entry)
                .optional();
    }

    public List<InboxEntry> dead() {
        return jdbc.sql("select * from inbox_message where state = 'dead' order by id").query(this::entry).list();
    }

    /**
     * Puts a dead or unroutable message back in the flow, with a fresh retry budget.
     *
     * @return false when the message is in no state that can be replayed
     */
    public boolean replay(String provider, String providerMessageId, Instant now) {
        return jdbc.sql("""
                        update inbox_message set state = case when record_id is null then 'received' else 'routed' end,
                            next_attempt_at = ?, first_failure_at = null, claim_token = null, claimed_until = null,
                            updated_at = ?
                        where provider = ? and provider_message_id = ? and state in ('dead', 'unroutable')""")
                .params(at(now), at(now), provider, providerMessageId)
                .update() == 1;
    }

    /** Replays every dead message; answers how many. */
    public int replayAllDead(Instant now) {
        return jdbc.sql("""
                        update inbox_message set state = case when record_id is null then 'received' else 'routed' end,
                            next_attempt_at = ?, first_failure_at = null, claim_token = null, claimed_until = null,
                            updated_at = ?
                        where state = 'dead'""")
                .params(at(now), at(now))
                .update();
    }

    /** How many messages are not final yet. */
    public long pendingCount() {
        return jdbc.sql("select count(*) from inbox_message where state in " + PENDING).query(Long.class).single();
    }

    private InboxEntry entry(ResultSet rs, int row) throws SQLException {
        String media = rs.getString("media");
        InboundMessage message = new InboundMessage(rs.getString("provider"), rs.getString("provider_message_id"),
                PhoneNumber.ofNormalised(rs.getString("from_number")), PhoneNumber.ofNormalised(rs.getString("to_number")),
                rs.getString("body"), media == null ? List.of() : json.readValue(media, MEDIA), rs.getInt("segments"),
                instant(rs, "received_at"));
        String recordId = rs.getString("record_id");
        RecordRef record = recordId == null ? null
                : new RecordRef(RecordType.fromWireName(rs.getString("record_type")), recordId);
        String decision = rs.getString("decision");
        return new InboxEntry(rs.getLong("id"), message, InboxState.fromWireName(rs.getString("state")),
                rs.getInt("attempts"), instant(rs, "first_failure_at"), rs.getString("last_error"), record,
                rs.getString("record_name"), rs.getString("record_owner_id"), decision == null ? null : json.readValue(decision, DecisionTrace.class),
                rs.getString("activity_id"), instant(rs, "updated_at"), rs.getString("notice"));
    }

    /** Keeps what the admin should know about a message beyond its routing, shown in its trace. */
    public void recordNotice(long id, String notice) {
        jdbc.sql("update inbox_message set notice = ? where id = ?").params(notice, id).update();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 1997) + "...";
    }
}
