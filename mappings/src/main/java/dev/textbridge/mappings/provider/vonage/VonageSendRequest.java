package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.SegmentCount;
import dev.textbridge.mappings.model.SmsEncoding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A text to send through Vonage's SMS API ({@code POST /sms/json} on {@code https://rest.nexmo.com}), as the form
 * fields Vonage expects. Numbers go as international digits without {@code +}; a text with a character outside GSM-7
 * goes as {@code unicode}, or Vonage would mangle it.
 *
 * @param callback  where Vonage sends this text's delivery receipts
 * @param clientRef our reference for the text (at most 40 characters), which every delivery receipt carries back
 */
public record VonageSendRequest(String from, String to, String text, String callback, String clientRef) {

    /** The SMS API's path below its base URL. */
    public static final String PATH = "/sms/json";

    public VonageSendRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        if (clientRef != null && clientRef.length() > 40) {
            throw new IllegalArgumentException("Vonage takes a client-ref of at most 40 characters");
        }
    }

    /** The form fields, credentials first. */
    public Map<String, String> formFields(String apiKey, String apiSecret) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("api_key", apiKey);
        fields.put("api_secret", apiSecret);
        fields.put("from", digits(from));
        fields.put("to", digits(to));
        fields.put("text", text);
        fields.put("type", SegmentCount.of(text).encoding() == SmsEncoding.GSM_7 ? "text" : "unicode");
        if (callback != null) {
            fields.put("callback", callback);
            fields.put("status-report-req", "true");
        }
        if (clientRef != null) {
            fields.put("client-ref", clientRef);
        }
        return fields;
    }

    private static String digits(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
