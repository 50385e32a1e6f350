package dev.textbridge.connector.conversation;

import dev.textbridge.crm.api.RecordRef;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;

/** A message just written to a record, as the conversation store takes note of it. */
public record ConversationMessage(PhoneNumber customer, PhoneNumber businessNumber, RecordRef record,
                                  String recordName, String ownerId, Direction direction, String body, Instant at) {
}
