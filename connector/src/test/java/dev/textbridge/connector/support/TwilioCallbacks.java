package dev.textbridge.connector.support;

import com.twilio.security.RequestValidator;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio callbacks as Twilio sends them: the fields of a real payload, form-encoded, signed as Twilio signs. */
public final class TwilioCallbacks {

    public static final String AUTH_TOKEN = "test-auth-token-0123456789abcdef";
    public static final String PUBLIC_BASE_URL = "https://sms.example.com";
    public static final String ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    private TwilioCallbacks() {
    }

    /** A fresh 34-character message sid. */
    public static String newMessageSid() {
        return "SM" + String.format("%032x", SEQUENCE.incrementAndGet());
    }

    /** The fields Twilio posts for an inbound SMS. */
    public static Map<String, String> inbound(String messageSid, String from, String to, String body) {
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

    /**
     * X-Twilio-Signature for a form post: HMAC-SHA1 over the URL and the sorted fields. Every signature made here is
     * first checked with Twilio's own {@link RequestValidator}, so the tests send what Twilio would.
     */
    public static String sign(String url, Map<String, String> fields, String authToken) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(fields).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            String signature = Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
            assertThat(new RequestValidator(authToken).validate(url, fields, signature))
                    .as("Twilio's RequestValidator accepts the test's signature").isTrue();
            return signature;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(String url, Map<String, String> fields) {
        return sign(url, fields, AUTH_TOKEN);
    }

    public static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
