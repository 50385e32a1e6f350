package dev.textbridge.mappings.provider.telnyx;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.InvalidPhoneNumberException;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Telnyx's API v2 messaging webhooks, {@code {"data": {"event_type", "payload": {…}}, "meta": {…}}}: a
 * {@code message.received} event is an inbound text, {@code message.sent} and {@code message.finalized} are delivery
 * reports of a text we sent. The message's key is {@code payload.id} (the message), not {@code data.id} (the event),
 * so a retried event and the events of one message share it.
 */
public final class TelnyxCallbackParser {

    public static final String PROVIDER = "telnyx";
    public static final String RECEIVED = "message.received";
    public static final String SENT = "message.sent";
    public static final String FINALIZED = "message.finalized";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** @throws MalformedCallbackException naming the field, when the body is no {@code message.received} event */
    public InboundMessage parseInbound(byte[] body, Instant receivedAt, String defaultRegion) {
        JsonNode payload = payload(body, List.of(RECEIVED));
        List<MediaAttachment> media = new ArrayList<>();
        for (JsonNode item : payload.path("media")) {
            String url = text(item.path("url"));
            if (url == null) {
                throw new MalformedCallbackException("the field 'data.payload.media[].url' is missing");
            }
            media.add(new MediaAttachment(url, text(item.path("content_type"))));
        }
        JsonNode parts = payload.path("parts");
        return new InboundMessage(PROVIDER, messageId(payload),
                address(payload.path("from").path("phone_number"), "data.payload.from.phone_number", defaultRegion),
                address(payload.path("to").path(0).path("phone_number"), "data.payload.to[0].phone_number", defaultRegion),
                text(payload.path("text")), media, parts.isNumber() ? Math.max(1, parts.asInt()) : 1, receivedAt);
    }

    /**
     * @throws MalformedCallbackException when the body is no {@code message.sent}/{@code message.finalized} event, or its
     *                                    status is not one of an outbound message
     */
    public DeliveryReport parseStatus(byte[] body, Instant reportedAt) {
        JsonNode payload = payload(body, List.of(SENT, FINALIZED));
        String word = text(payload.path("to").path(0).path("status"));
        if (word == null) {
            throw new MalformedCallbackException("the field 'data.payload.to[0].status' is missing");
        }
        DeliveryStatus status = TelnyxStatusMapping.deliveryStatusOf(word).orElseThrow(() ->
                new MalformedCallbackException("the field 'data.payload.to[0].status' has a status we do not know: '" + word + "'"));
        String code = errorCode(payload.path("errors"));
        FailureReason reason = status == DeliveryStatus.FAILED || status == DeliveryStatus.UNDELIVERED
                ? TelnyxErrorCodes.failureReasonOf(code) : null;
        return new DeliveryReport(PROVIDER, messageId(payload), status, code, reason, reportedAt);
    }

    /** The first error's code, from a webhook's {@code payload.errors} or an API answer's {@code errors}; null when none. */
    public static String errorCode(JsonNode errors) {
        return errors.isArray() && !errors.isEmpty() ? text(errors.get(0).path("code")) : null;
    }

    private static JsonNode payload(byte[] body, List<String> eventTypes) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedCallbackException("the body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedCallbackException("the body is not a Telnyx webhook (expected a JSON object with 'data')");
        }
        String eventType = text(root.path("data").path("event_type"));
        if (eventType == null) {
            throw new MalformedCallbackException("the field 'data.event_type' is missing");
        }
        if (!eventTypes.contains(eventType)) {
            throw new MalformedCallbackException("the event '" + eventType + "' does not belong here (expected "
                    + String.join(" or ", eventTypes) + ")");
        }
        JsonNode payload = root.path("data").path("payload");
        if (!payload.isObject()) {
            throw new MalformedCallbackException("the field 'data.payload' is missing");
        }
        return payload;
    }

    private static String messageId(JsonNode payload) {
        String id = text(payload.path("id"));
        if (id == null) {
            throw new MalformedCallbackException("the field 'data.payload.id' is missing");
        }
        return id;
    }

    private static PhoneNumber address(JsonNode node, String field, String defaultRegion) {
        String raw = text(node);
        if (raw == null) {
            throw new MalformedCallbackException("the field '" + field + "' is missing");
        }
        try {
            return PhoneNumber.parse(raw, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            throw new MalformedCallbackException("the field '" + field + "' is not a phone number we accept: " + e.reason(), e);
        }
    }

    private static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || node.isObject() || node.isArray()) {
            return null;
        }
        String value = node.asString();
        return value.isBlank() ? null : value;
    }
}
