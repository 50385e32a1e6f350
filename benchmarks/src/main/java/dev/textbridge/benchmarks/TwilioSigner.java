package dev.textbridge.benchmarks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Plays Twilio's side of an inbound-SMS webhook: the fields of a real payload, form-encoded, and
 * {@code X-Twilio-Signature} computed as Twilio computes it (HMAC-SHA1 keyed with the auth token over the public URL
 * followed by every field name and value in name order, Base64). Plain JDK, no test jars; the module's tests check it
 * against Twilio's own {@code RequestValidator}.
 */
final class TwilioSigner {

    static final String INBOUND_PATH = "/webhooks/twilio/inbound";
    static final String ACCOUNT_SID = "ACbe0c4ba5c4e2000000000000000b3c4";

    private TwilioSigner() {
    }

    /** The fields Twilio posts for an inbound SMS, in Twilio's order. */
    static Map<String, String> inboundFields(String messageSid, String from, String to, String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ToCountry", "US");
        fields.put("ToState", "CA");
        fields.put("SmsMessageSid", messageSid);
        fields.put("NumMedia", "0");
        fields.put("ToCity", "");
        fields.put("FromZip", "94105");
        fields.put("SmsSid", messageSid);
        fields.put("FromState", "CA");
        fields.put("SmsStatus", "received");
        fields.put("FromCity", "SAN FRANCISCO");
        fields.put("Body", body);
        fields.put("FromCountry", "US");
        fields.put("To", to);
        fields.put("ToZip", "");
        fields.put("NumSegments", "1");
        fields.put("MessageSid", messageSid);
        fields.put("AccountSid", ACCOUNT_SID);
        fields.put("From", from);
        fields.put("ApiVersion", "2010-04-01");
        return fields;
    }

    /** X-Twilio-Signature of a form post to {@code url} (the public URL, with its query string if any). */
    static String sign(String url, Map<String, String> fields, String authToken) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(fields).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
        }
    }

    static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
