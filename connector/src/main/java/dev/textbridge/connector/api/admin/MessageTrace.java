package dev.textbridge.connector.api.admin;

import dev.textbridge.connector.inbox.DecisionTrace;
import dev.textbridge.connector.inbox.InboxEntry;
import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.MediaAttachment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A message as the admin API shows it: what arrived, where it went, why, and how far it got.
 *
 * @param consent {@code opt-out}, {@code opt-in} or {@code help} when the text is such a keyword, by the standard
 *                words and its provider's (recorded as the customer's consent for the business number), else null
 * @param notice  what else the admin should know, e.g. that a recipient lacks the SMS privilege; else null
 */
public record MessageTrace(String provider, String providerMessageId, String direction, String from, String to,
                           String body, List<MediaAttachment> media, int segments, Instant receivedAt, String state,
                           RecordView record, DecisionTrace decision, String activityId, int attempts,
                           String lastError, String consent, String notice) {

    public record RecordView(String type, String id, String name) {
    }

    /** @param consent the keyword the text is, as {@code ConsentStore.keywordOf} reads it */
    public static MessageTrace of(InboxEntry entry, Optional<ConsentKeyword> consent) {
        var m = entry.message();
        return new MessageTrace(m.provider(), m.providerMessageId(), Direction.INBOUND.wireName(), m.from().value(),
                m.to().value(), m.body(), m.media(), m.segments(), m.receivedAt(), entry.state().wireName(),
                entry.record() == null ? null
                        : new RecordView(entry.record().type().wireName(), entry.record().id(), entry.recordName()),
                entry.decision(), entry.activityId(), entry.attempts(), entry.lastError(),
                consent.map(ConsentKeyword::wireName).orElse(null), entry.notice());
    }
}
