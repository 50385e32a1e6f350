package dev.textbridge.crm.local;

import dev.textbridge.crm.api.Notification;

import java.time.Instant;

/** A notification the local CRM holds for a user, and when it arrived. */
public record SentNotification(Notification notification, Instant at) {
}
