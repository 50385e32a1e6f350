package dev.textbridge.mappings.provider.telnyx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A text to send through Telnyx's {@code POST /v2/messages}, as the JSON fields Telnyx expects.
 *
 * @param messagingProfileId optional; null leaves it to the profile of the {@code from} number
 * @param webhookUrl         where Telnyx posts this message's {@code message.sent} and {@code message.finalized}
 */
public record TelnyxSendRequest(String from, String to, String text, String messagingProfileId, String webhookUrl) {

    public static final String MESSAGES_PATH = "/v2/messages";

    public TelnyxSendRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    public Map<String, String> jsonFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("from", from);
        fields.put("to", to);
        fields.put("text", text);
        if (messagingProfileId != null && !messagingProfileId.isBlank()) {
            fields.put("messaging_profile_id", messagingProfileId);
        }
        if (webhookUrl != null) {
            fields.put("webhook_url", webhookUrl);
        }
        return fields;
    }
}
