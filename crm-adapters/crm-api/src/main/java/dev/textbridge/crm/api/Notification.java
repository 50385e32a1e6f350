package dev.textbridge.crm.api;

import java.util.Objects;

/**
 * An in-app notification for one CRM user: a title, a short body, and the record it opens.
 *
 * @param recipientId the user to notify
 * @param target      the record the notification opens; may be null for a notice about the user's setup
 */
public record Notification(String recipientId, String title, String body, RecordRef target) {
    public Notification {
        Objects.requireNonNull(recipientId, "recipientId");
        Objects.requireNonNull(title, "title");
        body = body == null ? "" : body;
    }
}
