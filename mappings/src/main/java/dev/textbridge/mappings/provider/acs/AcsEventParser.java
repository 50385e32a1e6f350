package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.InvalidPhoneNumberException;
import dev.textbridge.mappings.model.PhoneNumber;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what Event Grid delivers from ACS: a JSON array of events in the Event Grid schema ({@code eventType},
 * {@code data}), or, for a subscription set to CloudEvents v1.0, one event or an array of them ({@code type},
 * {@code data}). Property names are matched without regard to case (ACS's older samples write {@code MessageId},
 * {@code Tag}), and numbers written without {@code +} are read as international.
 */
public final class AcsEventParser {

    /** The provider's name in the canonical model and in the webhook path. */
    public static final String PROVIDER = "acs";

    public static final String SMS_RECEIVED = "Microsoft.Communication.SMSReceived";
    public static final String DELIVERY_REPORT_RECEIVED = "Microsoft.Communication.SMSDeliveryReportReceived";
    public static final String SUBSCRIPTION_VALIDATION = "Microsoft.EventGrid.SubscriptionValidationEvent";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /**
     * @param receivedAt    when the connector accepted the delivery
     * @param defaultRegion ISO 3166 region for a number that is neither international digits nor a short code
     * @throws MalformedCallbackException naming the event and field, when the body is no event, an SMS event lacks
     *                                    its message id, sender or recipient, or a report has an unknown status
     */
    public AcsEvents parse(ProviderCallback callback, Instant receivedAt, String defaultRegion) {
        JsonNode root;
        try {
            root = MAPPER.readTree(callback.body());
        } catch (JacksonException e) {
            throw new MalformedCallbackException("the body is not JSON: " + e.getOriginalMessage(), e);
        }
        List<JsonNode> events = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(events::add);
        } else if (root != null && root.isObject()) {
            events.add(root);
        } else {
            throw new MalformedCallbackException("the body is neither an event nor an array of events");
        }
        List<InboundMessage> inbound = new ArrayList<>();
        List<DeliveryReport> reports = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        String validationCode = null;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                throw new MalformedCallbackException("event " + i + " is not a JSON object");
            }
            String type = text(event, "eventType") != null ? text(event, "eventType") : text(event, "type");
            if (type == null) {
                throw new MalformedCallbackException("event " + i + " has no 'eventType' (nor CloudEvents 'type')");
            }
            JsonNode data = field(event, "data");
            switch (type) {
                case SMS_RECEIVED -> inbound.add(inbound(i, event, data, receivedAt, defaultRegion));
                case DELIVERY_REPORT_RECEIVED -> reports.add(report(i, event, data, receivedAt));
                case SUBSCRIPTION_VALIDATION -> validationCode = required(i, data, "validationCode");
                default -> ignored.add(type);
            }
        }
        return new AcsEvents(inbound, reports, Optional.ofNullable(validationCode), ignored);
    }

    private static InboundMessage inbound(int i, JsonNode event, JsonNode data, Instant receivedAt, String region) {
        String message = text(data, "message");
        JsonNode segmentCount = field(data, "segmentCount");
        int segments = segmentCount.isNumber() ? Math.max(1, segmentCount.asInt()) : 1;
        return new InboundMessage(PROVIDER,
                messageId(i, event, data),
                address(i, required(i, data, "from"), "from", region),
                address(i, required(i, data, "to"), "to", region),
                message == null ? "" : message,
                List.of(),
                segments,
                receivedAt);
    }

    private static DeliveryReport report(int i, JsonNode event, JsonNode data, Instant reportedAt) {
        String acsStatus = required(i, data, "deliveryStatus");
        DeliveryStatus status = AcsStatusMapping.deliveryStatusOf(acsStatus).orElseThrow(() ->
                new MalformedCallbackException("event " + i + ": the field 'deliveryStatus' has a status we do not know: '"
                        + acsStatus + "'"));
        return new DeliveryReport(PROVIDER, messageId(i, event, data), status, null,
                // A failed report names no code, only free text for people (deliveryStatusDetails).
                status == DeliveryStatus.UNDELIVERED ? FailureReason.UNKNOWN : null, reportedAt);
    }

    private static String messageId(int i, JsonNode event, JsonNode data) {
        String id = text(data, "messageId");
        return id != null ? id : required(i, event, "id");
    }

    /** ACS writes most numbers in E.164 but some without {@code +}; a short code keeps its few digits. */
    private static PhoneNumber address(int i, String raw, String field, String region) {
        String value = raw.strip();
        if (value.length() > 8 && value.chars().allMatch(Character::isDigit)) {
            value = "+" + value;
        }
        try {
            return PhoneNumber.parse(value, region);
        } catch (InvalidPhoneNumberException e) {
            throw new MalformedCallbackException(
                    "event " + i + ": the field '" + field + "' is not a phone number we accept: " + e.reason(), e);
        }
    }

    private static String required(int i, JsonNode node, String name) {
        String value = text(node, name);
        if (value == null) {
            throw new MalformedCallbackException("event " + i + ": the field '" + name + "' is missing");
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = field(node, name);
        return value.isValueNode() && !value.isNull() && !value.asString().isBlank() ? value.asString() : null;
    }

    /** A property by name in any case: {@code messageId}, {@code MessageId} and {@code messageid} are one. */
    private static JsonNode field(JsonNode node, String name) {
        if (node.has(name)) {
            return node.get(name);
        }
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (property.getKey().equalsIgnoreCase(name)) {
                return property.getValue();
            }
        }
        return MissingNode.getInstance();
    }
}
