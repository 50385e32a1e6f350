package dev.textbridge.connector.support;

import java.util.UUID;

/** What Event Grid posts for an ACS resource's SMS events, as Microsoft documents the events. */
public final class AcsEventGrid {

    public static final String WEBHOOK_SECRET = "q7Vt2pLk9Xr4mN8sW1cY6bH3";
    /** The resource's access key as the portal shows it: Base64 of 32 random bytes. */
    public static final String ACCESS_KEY = "pXk3Vq8YxZ0r0c1t9m4b6n2l5j7h8g0f1d3s5a7q9w0=";
    public static final String EVENTS_PATH = "/webhooks/acs/events";
    private static final String TOPIC = "/subscriptions/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e/resourcegroups/textbridge/"
            + "providers/microsoft.communication/communicationservices/textbridge-acs";

    private AcsEventGrid() {
    }

    public static String newIncomingId() {
        return "Incoming_20261125100000" + UUID.randomUUID();
    }

    public static String smsReceived(String messageId, String from, String to, String message) {
        return """
                [{"id": "%s", "topic": "%s", "subject": "/phonenumber/%s",
                  "data": {"messageId": "%s", "from": "%s", "to": "%s", "message": "%s",
                           "receivedTimestamp": "2026-11-25T10:00:00.32Z", "segmentCount": 1},
                  "eventType": "Microsoft.Communication.SMSReceived", "dataVersion": "1.0", "metadataVersion": "1",
                  "eventTime": "2026-11-25T10:00:01Z"}]""".formatted(messageId, TOPIC, to.replace("+", ""), messageId,
                from, to, message);
    }

    public static String deliveryReport(String messageId, String from, String to, String status, String details) {
        return """
                [{"id": "%s", "topic": "%s", "subject": "/phonenumber/%s",
                  "data": {"messageId": "%s", "from": "%s", "to": "%s", "deliveryStatus": "%s",
                           "deliveryStatusDetails": "%s", "receivedTimestamp": "2026-11-25T10:00:20.2855749Z",
                           "deliveryAttempts": [{"timestamp": "2026-11-25T10:00:14.9315918Z", "segmentsSucceeded": 1,
                                                 "segmentsFailed": 0}], "tag": "textbridge"},
                  "eventType": "Microsoft.Communication.SMSDeliveryReportReceived", "dataVersion": "1.0",
                  "metadataVersion": "1", "eventTime": "2026-11-25T10:00:20Z"}]""".formatted(messageId, TOPIC,
                from.replace("+", ""), messageId, from, to, status, details);
    }

    public static String subscriptionValidation(String code) {
        return """
                [{"id": "2d1781af-3a4c-4d7c-bd0c-e34b19da4e66", "topic": "%s", "subject": "",
                  "data": {"validationCode": "%s",
                           "validationUrl": "https://rp-eastus2.eventgrid.azure.net:553/eventsubscriptions/textbridge/validate?id=%s&t=2026-11-25T10:00:00.0000000Z&apiVersion=2018-05-01-preview&token=1A1A1A1A"},
                  "eventType": "Microsoft.EventGrid.SubscriptionValidationEvent", "eventTime": "2026-11-25T10:00:00Z",
                  "metadataVersion": "1", "dataVersion": "1"}]""".formatted(TOPIC, code, code);
    }
}
