package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.provider.ProviderCallback;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Event Grid deliveries from ACS as Microsoft documents them (communication-services-telephony-sms-events.md). */
final class AcsPayloads {

    static final String SECRET = "q7Vt2pLk9Xr4mN8sW1cY6bH3";
    static final String EVENTS_URL = "https://sms.example.com/webhooks/acs/events";
    static final String TOPIC = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourcegroups/acse2e/providers/"
            + "microsoft.communication/communicationservices/textbridge-acs";

    private AcsPayloads() {
    }

    static String smsReceived(String messageId, String from, String to, String message, int segments) {
        return "{\"id\":\"" + messageId + "\",\"topic\":\"" + TOPIC + "\",\"subject\":\"/phonenumber/" + to.replace("+", "")
                + "\",\"data\":{\"messageId\":\"" + messageId + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"message\":" + quote(message) + ",\"receivedTimestamp\":\"2026-11-25T10:00:00.32Z\","
                + "\"segmentCount\":" + segments + "},\"eventType\":\"Microsoft.Communication.SMSReceived\","
                + "\"dataVersion\":\"1.0\",\"metadataVersion\":\"1\",\"eventTime\":\"2026-11-25T10:00:01Z\"}";
    }

    static String deliveryReport(String messageId, String from, String to, String status, String details) {
        return "{\"id\":\"" + messageId + "\",\"topic\":\"" + TOPIC + "\",\"subject\":\"/phonenumber/" + from.replace("+", "")
                + "\",\"data\":{\"messageId\":\"" + messageId + "\",\"from\":\"" + from + "\",\"to\":\"" + to
                + "\",\"deliveryStatus\":\"" + status + "\",\"deliveryStatusDetails\":\"" + details + "\","
                + "\"receivedTimestamp\":\"2026-11-25T10:00:20.2855749Z\",\"deliveryAttempts\":[{\"timestamp\":"
                + "\"2026-11-25T10:00:14.9315918Z\",\"segmentsSucceeded\":1,\"segmentsFailed\":0}],"
                + "\"Tag\":\"5f0c7d2e-8a41-4b6e-9c3d-2e1f0a9b8c7d\"},"
                + "\"eventType\":\"Microsoft.Communication.SMSDeliveryReportReceived\",\"dataVersion\":\"1.0\","
                + "\"metadataVersion\":\"1\",\"eventTime\":\"2026-11-25T10:00:20Z\"}";
    }

    static String validation(String code) {
        return "[{\"id\":\"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66\",\"topic\":\"" + TOPIC + "\",\"subject\":\"\","
                + "\"data\":{\"validationCode\":\"" + code + "\",\"validationUrl\":\"https://rp-eastus2.eventgrid.azure.net:553/"
                + "eventsubscriptions/textbridge/validate?id=" + code + "&t=2026-11-25T10:00:00.0000000Z"
                + "&apiVersion=2018-05-01-preview&token=1A1A1A1A\"},"
                + "\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"eventTime\":\"2026-11-25T10:00:00Z\","
                + "\"metadataVersion\":\"1\",\"dataVersion\":\"1\"}]";
    }

    /** The same SMS event in the CloudEvents v1.0 schema, as Event Grid writes a system event in it. */
    static String cloudEventSmsReceived(String messageId, String from, String to, String message) {
        return "{\"specversion\":\"1.0\",\"type\":\"Microsoft.Communication.SMSReceived\",\"source\":\"" + TOPIC
                + "\",\"id\":\"" + messageId + "\",\"time\":\"2026-11-25T10:00:01Z\",\"subject\":\"/phonenumber/"
                + to.replace("+", "") + "\",\"data\":{\"messageId\":\"" + messageId + "\",\"from\":\"" + from
                + "\",\"to\":\"" + to + "\",\"message\":" + quote(message) + ",\"receivedTimestamp\":"
                + "\"2026-11-25T10:00:00.32Z\",\"segmentCount\":1}}";
    }

    static String array(String... events) {
        return "[" + String.join(",", events) + "]";
    }

    static ProviderCallback delivery(String body, String contentType) {
        return new ProviderCallback(EVENTS_URL + "?secret=" + SECRET,
                Map.of("aeg-event-type", List.of("Notification")), contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                default -> quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }
}
