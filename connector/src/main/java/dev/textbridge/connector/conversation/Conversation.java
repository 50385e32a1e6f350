package dev.textbridge.connector.conversation;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;

/** The thread between one customer number and one business number on one CRM record, as routing sees it. */
public record Conversation(PhoneNumber customer, PhoneNumber businessNumber, RecordRef record, Instant lastMessageAt) {
}
