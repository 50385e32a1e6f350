package dev.textbridge.mappings.provider.twilio;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A text to send through Twilio's Messages API ({@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}), as
 * the form fields Twilio expects.
 *
 * @param statusCallback where Twilio posts this message's delivery reports
 */
public record TwilioSendRequest(String to, String from, String body, String statusCallback) {

    public TwilioSendRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(body, "body");
    }

    /** The path of the Messages resource for an account, below the API's base URL. */
    public static String messagesPath(String accountSid) {
        return "/2010-04-01/Accounts/" + accountSid + "/Messages.json";
    }

    public Map<String, String> formFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("To", to);
        fields.put("From", from);
        fields.put("Body", body);
        if (statusCallback != null) {
            fields.put("StatusCallback", statusCallback);
        }
        return fields;
    }
}
