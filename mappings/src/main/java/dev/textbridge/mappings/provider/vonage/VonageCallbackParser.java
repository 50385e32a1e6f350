package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.InvalidPhoneNumberException;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Vonage's webhooks into the canonical model: SMS API inbound messages and delivery receipts (parameters as
 * {@link VonageParameters} collects them) and the Messages API's JSON inbound and status webhooks (told apart by their
 * {@code message_uuid}). Vonage writes numbers as international digits without {@code +}.
 * <p>
 * A delivery report is keyed by the {@code client-ref} ({@code client_ref}) the connector sets on every text it
 * sends: Vonage splits a long text into parts with one {@code messageId} and one receipt each, and the reference is
 * what all of them share. A report without one (a text some other system sent) is keyed by Vonage's message id.
 * <p>
 * The SMS API delivers a long inbound text part by part ({@code concat-part} of {@code concat-total}); each part is
 * read as a message of its own. The Messages API delivers it whole.
 */
public final class VonageCallbackParser {

    /** The provider's name in the canonical model and in the webhook path. */
    public static final String PROVIDER = "vonage";

    private static final Set<String> SMS_CHANNELS = Set.of("sms", "mms");

    /**
     * @param receivedAt    when the connector accepted the webhook
     * @param defaultRegion ISO 3166 region for a number that is neither international digits nor a short code
     * @throws MalformedCallbackException naming the field, when the message id, sender or recipient is missing or not
     *                                    usable, or the text is binary
     */
    public InboundMessage parseInbound(ProviderCallback callback, Instant receivedAt, String defaultRegion) {
        return parseInboundText(callback, receivedAt, defaultRegion).orElseThrow(() -> new MalformedCallbackException(
                "the message came over another channel than SMS or MMS"));
    }

    /**
     * Like {@link #parseInbound}, but a Messages API message from another channel (WhatsApp, Viber, Messenger: an
     * application may route them to the same URL) is no text message, and gives nothing.
     */
    public Optional<InboundMessage> parseInboundText(ProviderCallback callback, Instant receivedAt, String defaultRegion) {
        if (VonageParameters.isMessagesApi(callback)) {
            JsonNode body = VonageParameters.json(callback.body());
            String channel = text(body, "channel");
            if (channel != null && !SMS_CHANNELS.contains(channel.toLowerCase(Locale.ROOT))) {
                return Optional.empty();
            }
        }
        return Optional.of(parseSmsOrMms(callback, receivedAt, defaultRegion));
    }

    private InboundMessage parseSmsOrMms(ProviderCallback callback, Instant receivedAt, String defaultRegion) {
        if (VonageParameters.isMessagesApi(callback)) {
            return messagesApiInbound(VonageParameters.json(callback.body()), receivedAt, defaultRegion);
        }
        Map<String, String> parameters = VonageParameters.of(callback);
        String type = parameters.getOrDefault("type", "text");
        if ("binary".equalsIgnoreCase(type.strip())) {
            throw new MalformedCallbackException("the message is binary (type 'binary'): it has no text to file");
        }
        return new InboundMessage(PROVIDER,
                required(parameters, "messageId"),
                address(required(parameters, "msisdn"), "msisdn", defaultRegion),
                address(required(parameters, "to"), "to", defaultRegion),
                parameters.getOrDefault("text", ""),
                List.of(),
                1,
                receivedAt);
    }

    /**
     * @param reportedAt when the connector accepted the webhook
     * @throws MalformedCallbackException when the message id or status is missing or the status is unknown
     */
    public DeliveryReport parseStatus(ProviderCallback callback, Instant reportedAt) {
        if (VonageParameters.isMessagesApi(callback)) {
            return messagesApiStatus(VonageParameters.json(callback.body()), reportedAt);
        }
        Map<String, String> parameters = VonageParameters.of(callback);
        String vonageStatus = required(parameters, "status");
        DeliveryStatus status = VonageStatusMapping.ofDeliveryReceipt(vonageStatus).orElseThrow(() ->
                new MalformedCallbackException("the field 'status' has a status we do not know: '" + vonageStatus + "'"));
        String errorCode = blankToNull(parameters.get("err-code"));
        FailureReason reason = failed(status) ? VonageErrorCodes.ofDeliveryReceipt(errorCode) : null;
        String key = blankToNull(parameters.get("client-ref"));
        return new DeliveryReport(PROVIDER, key != null ? key : required(parameters, "messageId"), status,
                failed(status) ? errorCode : null, reason, reportedAt);
    }

    private InboundMessage messagesApiInbound(JsonNode body, Instant receivedAt, String defaultRegion) {
        String type = text(body, "message_type");
        String text = "";
        List<MediaAttachment> media = List.of();
        switch (type == null ? "text" : type) {
            case "text" -> text = text(body, "text") == null ? "" : text(body, "text");
            case "image", "video", "audio", "file", "vcard" -> {
                JsonNode item = body.path(type);
                String url = text(item, "url");
                if (url == null) {
                    throw new MalformedCallbackException("the field '" + type + ".url' is missing");
                }
                media = List.of(new MediaAttachment(url, null));
                text = text(item, "caption") == null ? "" : text(item, "caption");
            }
            default -> throw new MalformedCallbackException(
                    "the field 'message_type' has a type we do not read: '" + type + "'");
        }
        int segments = 1;
        String parts = text(body.path("sms"), "num_messages");
        if (parts != null) {
            try {
                segments = Math.max(1, Integer.parseInt(parts.strip()));
            } catch (NumberFormatException ignored) {
                segments = 1;
            }
        }
        return new InboundMessage(PROVIDER,
                requiredText(body, "message_uuid"),
                address(requiredText(body, "from"), "from", defaultRegion),
                address(requiredText(body, "to"), "to", defaultRegion),
                text, media, segments, receivedAt);
    }

    private DeliveryReport messagesApiStatus(JsonNode body, Instant reportedAt) {
        String vonageStatus = requiredText(body, "status");
        DeliveryStatus status = VonageStatusMapping.ofMessagesApi(vonageStatus).orElseThrow(() ->
                new MalformedCallbackException("the field 'status' has a status we do not know: '" + vonageStatus + "'"));
        String errorCode = failed(status) ? text(body.path("error"), "title") : null;
        FailureReason reason = failed(status) ? VonageErrorCodes.ofMessagesApi(errorCode) : null;
        String key = text(body, "client_ref");
        return new DeliveryReport(PROVIDER, key != null ? key : requiredText(body, "message_uuid"), status, errorCode,
                reason, reportedAt);
    }

    private static boolean failed(DeliveryStatus status) {
        return status == DeliveryStatus.FAILED || status == DeliveryStatus.UNDELIVERED;
    }

    /** Vonage writes international numbers as digits only; a short code keeps its few digits. */
    static PhoneNumber address(String raw, String field, String defaultRegion) {
        String value = raw.strip();
        if (value.length() > 8 && value.chars().allMatch(Character::isDigit)) {
            value = "+" + value;
        }
        try {
            return PhoneNumber.parse(value, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            throw new MalformedCallbackException(
                    "the field '" + field + "' is not a phone number we accept: " + e.reason(), e);
        }
    }

    private static String required(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || value.isBlank()) {
            throw new MalformedCallbackException("the field '" + name + "' is missing");
        }
        return value;
    }

    private static String requiredText(JsonNode node, String name) {
        String value = text(node, name);
        if (value == null || value.isBlank()) {
            throw new MalformedCallbackException("the field '" + name + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isValueNode() && !value.isNull() ? blankToNull(value.asString()) : null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
