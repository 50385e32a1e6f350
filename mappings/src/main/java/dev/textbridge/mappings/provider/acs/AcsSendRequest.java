package dev.textbridge.mappings.provider.acs;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A text to send through ACS ({@code POST {endpoint}/sms?api-version=2021-03-07}), as the JSON body ACS expects, with
 * delivery reports asked for. The repeatability fields make a retried request safe: ACS sends the text once for one
 * {@code repeatabilityRequestId}.
 *
 * @param repeatabilityRequestId a UUID, the same for every attempt to send this text
 * @param firstSent              when the first attempt was made
 * @param tag                    our reference for the text, echoed in its delivery reports
 */
public record AcsSendRequest(String from, String to, String message, String repeatabilityRequestId, Instant firstSent,
                             String tag) {

    public static final String API_VERSION = "2021-03-07";
    /** The path and query below the resource's endpoint, exactly as it is signed. */
    public static final String PATH_AND_QUERY = "/sms?api-version=" + API_VERSION;

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    public AcsSendRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(repeatabilityRequestId, "repeatabilityRequestId");
        Objects.requireNonNull(firstSent, "firstSent");
    }

    /** The body, as the exact bytes that are hashed, signed and sent. */
    public byte[] body() {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("from", from);
        ObjectNode recipient = body.putArray("smsRecipients").addObject();
        recipient.put("to", to);
        recipient.put("repeatabilityRequestId", repeatabilityRequestId);
        recipient.put("repeatabilityFirstSent", AcsRequestSigner.httpDate(firstSent));
        body.put("message", message);
        ObjectNode options = body.putObject("smsSendOptions");
        options.put("enableDeliveryReport", true);
        if (tag != null) {
            options.put("tag", tag);
        }
        return MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
    }
}
