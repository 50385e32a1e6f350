package dev.textbridge.crm.local;

import dev.textbridge.crm.api.Notification;
import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.crm.api.RecordType;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The local CRM's in-app notifications. */
final class NotificationStore {

    void send(Connection connection, List<Notification> notifications, Instant now) throws SQLException {
        Database.batch(connection, """
                        insert into local_crm_notification (recipient_id, title, body, target_type, target_id, sent_at)
                        values (?, ?, ?, ?, ?, ?)""",
                notifications.stream().map(n -> Arrays.<Object>asList(n.recipientId(), n.title(), n.body(),
                        n.target() == null ? null : n.target().type().wireName(),
                        n.target() == null ? null : n.target().id(), now)).toList());
    }

    List<SentNotification> of(Connection connection, String recipientId) throws SQLException {
        return Database.query(connection, """
                select recipient_id, title, body, target_type, target_id, sent_at from local_crm_notification
                where recipient_id = ? order by seq desc""", List.of(recipientId),
                row -> new SentNotification(new Notification(row.getString("recipient_id"), row.getString("title"),
                        row.getString("body"), row.getString("target_id") == null ? null
                        : new RecordRef(RecordType.fromWireName(row.getString("target_type")), row.getString("target_id"))),
                        Database.instant(row, "sent_at")));
    }
}
