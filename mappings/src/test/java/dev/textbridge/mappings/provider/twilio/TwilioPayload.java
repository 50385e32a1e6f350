package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.provider.FormBody;
import dev.textbridge.mappings.provider.ProviderCallback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Twilio webhook bodies as Twilio sends them (field order, legacy copies, geo fields), to change per test. */
final class TwilioPayload {

    static final String AUTH_TOKEN = "9f86d081884c7d659a2feaa0c55ad015";
    static final String ACCOUNT_SID = "AC3f0b2c8e9d1a4b7c6e5f4a3b2c1d0e9f";
    static final String MESSAGING_SERVICE_SID = "MG7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d";
    static final String SMS_SID = "SM5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
    static final String MMS_SID = "MM1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e";
    static final String CUSTOMER = "+15550100200";
    static final String BUSINESS_NUMBER = "+15550100300";
    static final String INBOUND_URL = "https://sms.example.com/webhooks/twilio/inbound";
    static final String STATUS_URL = "https://sms.example.com/webhooks/twilio/status";
    static final String FORM = "application/x-www-form-urlencoded";

    private final Map<String, List<String>> fields = new LinkedHashMap<>();

    private TwilioPayload() {
    }

    /** A text from {@link #CUSTOMER} to {@link #BUSINESS_NUMBER}, a number in a Messaging Service. */
    static TwilioPayload inboundSms() {
        return new TwilioPayload()
                .with("ToCountry", "US").with("ToState", "CA").with("SmsMessageSid", SMS_SID)
                .with("NumMedia", "0").with("ToCity", "").with("FromZip", "94105").with("SmsSid", SMS_SID)
                .with("FromState", "CA").with("SmsStatus", "received").with("FromCity", "SAN FRANCISCO")
                .with("Body", "Hi, it's Dana 👋 is \"Tuesday 3pm\" still ok? 100% & more+")
                .with("FromCountry", "US").with("To", BUSINESS_NUMBER)
                .with("MessagingServiceSid", MESSAGING_SERVICE_SID).with("ToZip", "").with("NumSegments", "1")
                .with("MessageSid", SMS_SID).with("AccountSid", ACCOUNT_SID).with("From", CUSTOMER)
                .with("ApiVersion", "2010-04-01");
    }

    /** A photo with a caption, to a number that is not in a Messaging Service. */
    static TwilioPayload inboundMms() {
        return inboundSms().without("MessagingServiceSid")
                .with("SmsMessageSid", MMS_SID).with("SmsSid", MMS_SID).with("MessageSid", MMS_SID)
                .with("Body", "Here's the dent 📷")
                .with("NumMedia", "1")
                .with("MediaContentType0", "image/jpeg")
                .with("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/"
                        + MMS_SID + "/Media/ME0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d");
    }

    /** A status callback for a text we sent from {@link #BUSINESS_NUMBER} to {@link #CUSTOMER}. */
    static TwilioPayload statusCallback(String messageStatus) {
        return new TwilioPayload()
                .with("SmsSid", SMS_SID).with("SmsStatus", messageStatus).with("MessageStatus", messageStatus)
                .with("To", CUSTOMER).with("MessagingServiceSid", MESSAGING_SERVICE_SID)
                .with("MessageSid", SMS_SID).with("AccountSid", ACCOUNT_SID).with("From", BUSINESS_NUMBER)
                .with("ApiVersion", "2010-04-01");
    }

    /** Sets a field, replacing any value it had, keeping its place. */
    TwilioPayload with(String name, String value) {
        fields.put(name, new ArrayList<>(List.of(value)));
        return this;
    }

    /** Adds one more value to a field, as in a repeated name. */
    TwilioPayload adding(String name, String value) {
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    TwilioPayload without(String name) {
        fields.remove(name);
        return this;
    }

    Map<String, List<String>> fields() {
        return fields;
    }

    /** The fields as {@code RequestValidator} takes them: one value per name. */
    Map<String, String> singleValues() {
        Map<String, String> single = new LinkedHashMap<>();
        fields.forEach((name, values) -> single.put(name, values.get(0)));
        return single;
    }

    byte[] encoded() {
        return fields.entrySet().stream()
                .flatMap(field -> field.getValue().stream().map(value -> encode(field.getKey()) + "=" + encode(value)))
                .collect(Collectors.joining("&"))
                .getBytes(StandardCharsets.UTF_8);
    }

    FormBody form() {
        return FormBody.parse(encoded());
    }

    /** This body posted to {@code url}, signed with {@code authToken} the way Twilio signs it. */
    ProviderCallback signedFor(String url, String authToken) {
        return postedTo(url, TwilioRequestSigner.signature(authToken, url, fields));
    }

    /** This body posted to {@code url} with the given {@code X-Twilio-Signature}, or none when null. */
    ProviderCallback postedTo(String url, String signature) {
        return callback(url, FORM, encoded(), signature);
    }

    static ProviderCallback callback(String url, String contentType, byte[] body, String signature) {
        Map<String, List<String>> headers = signature == null
                ? Map.of()
                : Map.of("x-twilio-signature", List.of(signature));
        return new ProviderCallback(url, headers, contentType, body);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
