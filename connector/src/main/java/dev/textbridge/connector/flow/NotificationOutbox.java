package dev.textbridge.connector.flow;

import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Notifications the CRM could not take when their text was written (an outage), kept in the connector's store and
 * sent again until the CRM takes them, so that an outage delays a seller's notification instead of losing it. One
 * still refused after {@link #GIVE_UP_AFTER} is dropped: by then the seller has seen the text in the CRM.
 */
public class NotificationOutbox {

    static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
    private static final Duration RETRY_EVERY = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(NotificationOutbox.class);

    private record Pending(long id, Notification notification, Instant createdAt, int attempts) {
    }

    private final JdbcClient jdbc;
    private final CrmAdapter crm;
    private final Clock clock;

    public NotificationOutbox(JdbcClient jdbc, CrmAdapter crm, Clock clock) {
        this.jdbc = jdbc;
        this.crm = crm;
        this.clock = clock;
    }

    /** Keeps notifications the CRM refused, for {@link #sendDue} to send again. */
    public void keep(List<Notification> notifications) {
        OffsetDateTime now = at(clock.instant());
        for (Notification n : notifications) {
            jdbc.sql("""
                            insert into notification_outbox (recipient_id, title, body, target_type, target_id, created_at,
                                attempts, next_attempt_at) values (?, ?, ?, ?, ?, ?, 1, ?)""")
                    .params(n.recipientId(), n.title(), n.body(),
                            n.target() == null ? null : n.target().type().wireName(),
                            n.target() == null ? null : n.target().id(), now, at(clock.instant().plus(RETRY_EVERY)))
                    .update();
        }
    }

    /**
     * Sends the kept notifications that are due, in one CRM call; on success they are gone, else they wait their next
     * turn. A crash between the CRM's answer and the delete sends them once more: a repeated notification is better
     * than a lost one.
     *
     * @return how many were sent
     */
    public int sendDue(int max) {
        Instant now = clock.instant();
        List<Pending> due = jdbc.sql("""
                        select * from notification_outbox where next_attempt_at <= ? order by next_attempt_at, id
                        fetch first %d rows only""".formatted(max))
                .param(at(now))
                .query((rs, row) -> new Pending(rs.getLong("id"), new Notification(rs.getString("recipient_id"),
                        rs.getString("title"), rs.getString("body"), rs.getString("target_id") == null ? null
                        : new RecordRef(RecordType.fromWireName(rs.getString("target_type")), rs.getString("target_id"))),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts")))
                .list();
        if (due.isEmpty()) {
            return 0;
        }
        try {
            crm.sendNotifications(due.stream().map(Pending::notification).toList());
        } catch (CrmUnavailableException e) {
            for (Pending pending : due) {
                if (pending.createdAt().isBefore(now.minus(GIVE_UP_AFTER))) {
                    log.warn("A notification for {} was refused by the CRM for {}; dropped", pending.notification()
                            .recipientId(), GIVE_UP_AFTER);
                    delete(pending.id());
                } else {
                    jdbc.sql("update notification_outbox set attempts = attempts + 1, next_attempt_at = ? where id = ?")
                            .params(at(now.plus(RETRY_EVERY)), pending.id()).update();
                }
            }
            log.warn("{} kept notifications could not be sent yet: {}", due.size(), e.getMessage());
            return 0;
        }
        due.forEach(pending -> delete(pending.id()));
        return due.size();
    }

    private void delete(long id) {
        jdbc.sql("delete from notification_outbox where id = ?").param(id).update();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
