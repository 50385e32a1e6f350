package dev.textbridge.crm.salesforce.internal;

import com.sforce.soap.partner.sobject.SObject;
import dev.textbridge.crm.api.CrmUnavailableException;
import dev.textbridge.crm.api.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Custom notifications (the bell in Lightning and the Salesforce mobile app) through the REST action
 * {@code POST /services/data/vNN.0/actions/standard/customNotificationAction}: notifications with the same title,
 * body and target become one input with all their recipients (≤ {@value #RECIPIENTS_PER_INPUT}), and up to
 * {@value #INPUTS_PER_CALL} inputs go in one call. Needs the custom notification type the setup kit defines and, in
 * orgs from Winter '21 on, the "Send Custom Notifications" permission for the integration user.
 * <ul>
 *   <li>The type comes from {@code notification-type}: an id ({@code 0ML...}) as it is, else a developer name looked
 *   up once with {@code SELECT Id FROM CustomNotificationType WHERE DeveloperName = ...} and kept; a name the org does
 *   not know is looked up again after {@value #RETRY_LOOKUP_MINUTES} minutes, and notifications are dropped with a
 *   warning meanwhile.</li>
 *   <li>Without a type configured, notifications are dropped with a warning logged once: they are a convenience,
 *   never worth failing the texts they are about.</li>
 *   <li>A notification without a target gets the placeholder target id {@value #NO_TARGET}, as Salesforce's Apex
 *   documentation advises: the action requires a target, and the placeholder keeps the client from navigating.
 *   ({@code targetPageRef} to the home page would do too, but its accepted page references are poorly documented.)</li>
 *   <li>Titles are cut to {@value #MAX_TITLE} characters and bodies to {@value #MAX_BODY}, the action's limits; a
 *   blank body, which the action refuses, becomes the title.</li>
 *   <li>A refused input (the answer's {@code isSuccess} false, which Salesforce sends with HTTP 400) is logged with
 *   its recipients and error but not its text (titles and bodies quote customers; they go to debug only) and does not
 *   throw. A refused call as a whole (429, 5xx, API limit, a token refused twice, another 4xx) is
 *   {@link CrmUnavailableException}.</li>
 * </ul>
 * Salesforce drops notifications beyond 10,000 actions per org and hour without telling; nothing here can see that.
 */
public final class NotificationSender {

    static final String PATH = "/actions/standard/customNotificationAction";
    static final String NO_TARGET = "000000000000000AAA";
    static final int MAX_TITLE = 250;
    static final int MAX_BODY = 750;
    static final int RECIPIENTS_PER_INPUT = 500;
    static final int INPUTS_PER_CALL = 100;
    static final long RETRY_LOOKUP_MINUTES = 15;
    private static final Pattern TYPE_ID = Pattern.compile("0ML[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");
    private static final Logger log = LoggerFactory.getLogger(NotificationSender.class);

    private final PartnerClient partner;
    private final RestClient rest;
    private final String configuredType;
    private final Clock clock;
    private final AtomicBoolean warnedUnconfigured = new AtomicBoolean();
    private String typeId;
    private Instant lookUpAgainAt;

    public NotificationSender(PartnerClient partner, RestClient rest, String configuredType, Clock clock) {
        this.partner = partner;
        this.rest = rest;
        this.configuredType = configuredType == null || configuredType.isBlank() ? null : configuredType.strip();
        this.clock = clock;
    }

    private record Content(String title, String body, String targetId) {
    }

    public void send(List<Notification> notifications) {
        String type = typeId();
        if (type == null) {
            return;
        }
        Map<Content, Set<String>> recipients = new LinkedHashMap<>();
        for (Notification notification : notifications) {
            String title = truncate(notification.title(), MAX_TITLE);
            String body = truncate(notification.body().isBlank() ? notification.title() : notification.body(), MAX_BODY);
            String target = notification.target() == null ? NO_TARGET : notification.target().id();
            recipients.computeIfAbsent(new Content(title, body, target), key -> new LinkedHashSet<>())
                    .add(notification.recipientId());
        }
        List<ObjectNode> inputs = new ArrayList<>();
        recipients.forEach((content, ids) -> {
            for (List<String> chunk : Soql.chunks(ids, RECIPIENTS_PER_INPUT)) {
                inputs.add(input(type, content, chunk));
            }
        });
        for (List<ObjectNode> chunk : Soql.chunks(inputs, INPUTS_PER_CALL)) {
            call(chunk);
        }
    }

    private void call(List<ObjectNode> inputs) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        ArrayNode array = request.putArray("inputs");
        inputs.forEach(array::add);
        RestClient.Response response = rest.post("send notifications", PATH, request);
        JsonNode answer = response.body();
        boolean perInput = answer.isArray() && answer.size() == inputs.size()
                && (answer.size() == 0 || answer.path(0).has("isSuccess"));
        if (!perInput) {
            if (response.isSuccess()) {
                log.warn("Salesforce answered {} notifications with HTTP {} but no result per notification",
                        inputs.size(), response.status());
                return;
            }
            throw new CrmUnavailableException("Salesforce refused to send notifications: HTTP " + response.status()
                    + ", " + RestClient.errorCode(answer) + ": " + RestClient.errorMessage(answer)
                    + hint(RestClient.errorCode(answer)));
        }
        for (int i = 0; i < inputs.size(); i++) {
            JsonNode result = answer.path(i);
            if (result.path("isSuccess").asBoolean(false)) {
                continue;
            }
            ObjectNode input = inputs.get(i);
            List<String> errors = new ArrayList<>();
            for (JsonNode error : result.path("errors")) {
                errors.add(error.path("statusCode").asString("UNKNOWN") + ": " + error.path("message").asString(""));
            }
            log.warn("Salesforce refused a notification for {}: {}", input.path("recipientIds"),
                    errors.isEmpty() ? "no reason given" : String.join("; ", errors));
            log.debug("the refused notification: title \"{}\", body \"{}\"", input.path("title").asString(""),
                    input.path("body").asString(""));
        }
    }

    private static ObjectNode input(String type, Content content, List<String> recipients) {
        ObjectNode input = Json.MAPPER.createObjectNode();
        input.put("customNotifTypeId", type);
        ArrayNode ids = input.putArray("recipientIds");
        recipients.forEach(ids::add);
        input.put("title", content.title());
        input.put("body", content.body());
        input.put("targetId", content.targetId());
        return input;
    }

    /** The notification type's id, or null (warned about) when there is none to use. */
    private synchronized String typeId() {
        if (typeId != null) {
            return typeId;
        }
        if (configuredType == null) {
            if (warnedUnconfigured.compareAndSet(false, true)) {
                log.warn("textbridge.crm.salesforce.notification-type is not set: Salesforce notifications are not"
                        + " sent (set it to the developer name or id of the custom notification type)");
            }
            return null;
        }
        if (TYPE_ID.matcher(configuredType).matches()) {
            typeId = configuredType;
            return typeId;
        }
        Instant now = clock.instant();
        if (lookUpAgainAt != null && now.isBefore(lookUpAgainAt)) {
            return null;
        }
        String soql = "SELECT Id FROM CustomNotificationType WHERE DeveloperName = " + Soql.quote(configuredType)
                + " LIMIT 1";
        List<SObject> found = partner.query("find the custom notification type", soql);
        if (found.isEmpty()) {
            lookUpAgainAt = now.plus(Duration.ofMinutes(RETRY_LOOKUP_MINUTES));
            log.warn("Salesforce has no custom notification type named {} (textbridge.crm.salesforce.notification-type):"
                    + " notifications are not sent; looking again in {} minutes", configuredType, RETRY_LOOKUP_MINUTES);
            return null;
        }
        typeId = found.get(0).getId();
        return typeId;
    }

    private static String hint(String code) {
        return switch (code) {
            case "NOT_FOUND", "UNSUPPORTED_API_VERSION" -> " (the action needs API version 46.0 or later)";
            case "INSUFFICIENT_ACCESS", "INSUFFICIENT_ACCESS_OR_READONLY", "API_DISABLED_FOR_ORG" ->
                    " (give the integration user the Send Custom Notifications permission)";
            default -> "";
        };
    }

    private static String truncate(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
