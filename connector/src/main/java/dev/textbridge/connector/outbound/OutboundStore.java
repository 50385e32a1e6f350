package dev.textbridge.connector.outbound;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The texts sellers sent, from the intent recorded before the provider call to their last delivery status. */
public class OutboundStore {

    private final JdbcClient jdbc;

    public OutboundStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a text before anything is sent.
     *
     * @return empty when the seller already sent a text with the same idempotency key (find it with
     *         {@link #findByIdempotencyKey})
     */
    public Optional<OutboundText> insert(OutboundText text, Instant now) {
        try {
            jdbc.sql("""
                            insert into outbound_message (id, seller_id, idempotency_key, record_type, record_id, record_name,
                                from_number, to_number, body, segments, encoding, provider, provider_message_id, status,
                                failure_reason, provider_error_code, created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(text.id(), text.sellerId(), text.idempotencyKey(), text.record().type().wireName(),
                            text.record().id(), text.recordName(), text.from(), text.to(), text.body(), text.segments(),
                            text.encoding(), text.provider(), text.providerMessageId(), text.status(),
                            text.failureReason() == null ? null : text.failureReason().name(), text.providerErrorCode(),
                            at(now), at(now))
                    .update();
            return find(text.id());
        } catch (DuplicateKeyException repeat) {
            return Optional.empty();
        }
    }

    public Optional<OutboundText> find(String id) {
        return jdbc.sql("select * from outbound_message where id = ?").param(id).query(this::text).optional();
    }

    public Optional<OutboundText> findByIdempotencyKey(String sellerId, String idempotencyKey) {
        return jdbc.sql("select * from outbound_message where seller_id = ? and idempotency_key = ?")
                .params(sellerId, idempotencyKey).query(this::text).optional();
    }

    /** Records the provider's answer to a text still {@code sending}. */
    public OutboundText recordAnswer(String id, ProviderAnswer answer, Instant now) {
        jdbc.sql("""
                        update outbound_message set provider_message_id = ?, status = ?, failure_reason = ?,
                            provider_error_code = ?, updated_at = ?
                        where id = ? and status = 'sending'""")
                .params(answer.providerMessageId(), wireName(answer.status()),
                        answer.failureReason() == null ? null : answer.failureReason().name(),
                        answer.providerErrorCode(), at(now), id)
                .update();
        return find(id).orElseThrow();
    }

    /**
     * Applies a delivery report if it moves the text forward; a late or repeated report changes nothing.
     *
     * @return true when the report was applied or can never apply (it is done with); false while the text it
     *         names is not known yet (the report overtook the send answer)
     */
    public boolean apply(DeliveryReport report, Instant now) {
        Optional<OutboundText> text = jdbc.sql("select * from outbound_message where provider = ? and provider_message_id = ?")
                .params(report.provider(), report.providerMessageId()).query(this::text).optional();
        if (text.isEmpty()) {
            return false;
        }
        String current = text.get().status();
        if (!OutboundText.SENDING.equals(current) && !statusOf(current).canAdvanceTo(report.status())) {
            return true;
        }
        jdbc.sql("""
                        update outbound_message set status = ?, failure_reason = coalesce(?, failure_reason),
                            provider_error_code = coalesce(?, provider_error_code), updated_at = ?
                        where id = ? and status = ?""")
                .params(wireName(report.status()), report.failureReason() == null ? null : report.failureReason().name(),
                        report.providerErrorCode(), at(now), text.get().id(), current)
                .update();
        return true;
    }

    /** Texts still {@code sending} since before the given time: their request died between intent and answer. */
    public List<OutboundText> sendingSince(Instant before, int max) {
        return jdbc.sql("""
                        select * from outbound_message where status = 'sending' and created_at < ?
                        order by created_at fetch first %d rows only""".formatted(max))
                .param(at(before)).query(this::text).list();
    }

    /** Texts whose CRM activity is not written yet (texts still {@code sending} wait for the provider's answer). */
    public List<OutboundText> withoutActivity(int max) {
        return jdbc.sql("""
                        select * from outbound_message where activity_id is null and status <> 'sending'
                        order by created_at fetch first %d rows only""".formatted(max))
                .query(this::text).list();
    }

    /** Texts whose CRM activity shows an older status than the text has now. */
    public List<OutboundText> withStaleActivity(int max) {
        return jdbc.sql("""
                        select * from outbound_message where activity_id is not null and activity_status <> status
                        order by updated_at fetch first %d rows only""".formatted(max))
                .query(this::text).list();
    }

    public void recordActivity(String id, String activityId, String activityStatus) {
        jdbc.sql("update outbound_message set activity_id = ?, activity_status = ? where id = ?")
                .params(activityId, activityStatus, id).update();
    }

    public static String wireName(DeliveryStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus statusOf(String wireName) {
        return DeliveryStatus.valueOf(wireName.toUpperCase(Locale.ROOT));
    }

    private OutboundText text(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("failure_reason");
        return new OutboundText(rs.getString("id"), rs.getString("seller_id"), rs.getString("idempotency_key"),
                new RecordRef(RecordType.fromWireName(rs.getString("record_type")), rs.getString("record_id")),
                rs.getString("record_name"), rs.getString("from_number"), rs.getString("to_number"), rs.getString("body"),
                rs.getInt("segments"), rs.getString("encoding"), rs.getString("provider"),
                rs.getString("provider_message_id"), rs.getString("status"),
                reason == null ? null : FailureReason.valueOf(reason), rs.getString("provider_error_code"),
                rs.getString("activity_id"), rs.getString("activity_status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
