package dev.textbridge.mappings.crm;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.Direction;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * One text message as a mapping sees it, with what {@link ActivityAttribute} names.
 *
 * @param customerNumber null when not known
 * @param businessNumber null when not known
 * @param status         null for an inbound text
 * @param failureReason  null unless the text failed
 */
public record ActivityFacts(Direction direction, PhoneNumber customerNumber, PhoneNumber businessNumber, String body,
                            List<MediaAttachment> media, Instant at, DeliveryStatus status,
                            FailureReason failureReason, String provider, String providerMessageId) {

    public ActivityFacts {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(at, "at");
        body = body == null ? "" : body;
        media = media == null ? List.of() : List.copyOf(media);
    }

    /** The attribute's value as a field would hold it; null when the text has none. */
    public String value(ActivityAttribute attribute) {
        return switch (attribute) {
            case DIRECTION -> direction == Direction.INBOUND ? "Inbound" : "Outbound";
            case CUSTOMER_NUMBER -> customerNumber == null ? null : customerNumber.value();
            case BUSINESS_NUMBER -> businessNumber == null ? null : businessNumber.value();
            case BODY -> bodyWithMedia();
            case TIME -> at.truncatedTo(ChronoUnit.MILLIS).toString(); // Salesforce keeps milliseconds
            case DATE -> at.atZone(ZoneOffset.UTC).toLocalDate().toString();
            case DELIVERY_STATUS -> status == null ? null : status.name();
            case FAILURE_REASON -> failureReason == null ? null : failureReason.text();
            case PROVIDER -> provider;
            case PROVIDER_MESSAGE_ID -> providerMessageId;
        };
    }

    private String bodyWithMedia() {
        StringBuilder text = new StringBuilder(body);
        for (MediaAttachment attachment : media) {
            text.append(text.isEmpty() ? "" : "\n").append("Media: ").append(attachment.url());
        }
        return text.toString();
    }
}
