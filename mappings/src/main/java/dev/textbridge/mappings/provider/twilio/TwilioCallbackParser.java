package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.model.InvalidPhoneNumberException;
import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.model.PhoneNumber;
import dev.textbridge.mappings.provider.FormBody;
import dev.textbridge.mappings.provider.MalformedCallbackException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Twilio's messaging webhooks (an inbound text, or a status callback for a text we sent) into the canonical
 * model. Fields Twilio adds that are not needed here are ignored.
 */
public final class TwilioCallbackParser {

    /** The provider's name in the canonical model and in the webhook path. */
    public static final String PROVIDER = "twilio";

    /**
     * @param form          the webhook's form fields
     * @param receivedAt    when the connector accepted the webhook
     * @param defaultRegion ISO 3166 region for numbers that arrive without a country code
     * @throws MalformedCallbackException naming the field, when the message id, {@code From} or {@code To} is
     *                                    missing or not usable, or the media fields do not add up
     */
    public InboundMessage parseInbound(FormBody form, Instant receivedAt, String defaultRegion) {
        return new InboundMessage(
                PROVIDER,
                messageSid(form),
                address(form, "From", defaultRegion),
                address(form, "To", defaultRegion),
                form.first("Body"),
                media(form),
                segments(form),
                receivedAt);
    }

    /**
     * @param form       the status callback's form fields
     * @param reportedAt when the connector accepted the callback
     * @throws MalformedCallbackException when the message id or status is missing, or the status is not one of an
     *                                    outbound message
     */
    public DeliveryReport parseStatus(FormBody form, Instant reportedAt) {
        String twilioStatus = form.first("MessageStatus") != null ? form.first("MessageStatus") : form.first("SmsStatus");
        if (twilioStatus == null || twilioStatus.isBlank()) {
            throw new MalformedCallbackException("the field 'MessageStatus' is missing");
        }
        DeliveryStatus status = TwilioStatusMapping.deliveryStatusOf(twilioStatus).orElseThrow(() ->
                new MalformedCallbackException("the field 'MessageStatus' has a status we do not know: '" + twilioStatus + "'"));
        String errorCode = form.first("ErrorCode");
        if (errorCode != null && errorCode.isBlank()) {
            errorCode = null;
        }
        FailureReason reason = status == DeliveryStatus.FAILED || status == DeliveryStatus.UNDELIVERED
                ? TwilioErrorCodes.failureReasonOf(errorCode)
                : null;
        return new DeliveryReport(PROVIDER, messageSid(form), status, errorCode, reason, reportedAt);
    }

    private static String messageSid(FormBody form) {
        for (String name : List.of("MessageSid", "SmsMessageSid", "SmsSid")) {
            String sid = form.first(name);
            if (sid != null && !sid.isBlank()) {
                return sid;
            }
        }
        throw new MalformedCallbackException("the field 'MessageSid' is missing");
    }

    private static PhoneNumber address(FormBody form, String field, String defaultRegion) {
        String raw = form.required(field);
        try {
            return PhoneNumber.parse(raw, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            throw new MalformedCallbackException(
                    "the field '" + field + "' is not a phone number we accept: " + e.reason(), e);
        }
    }

    private static List<MediaAttachment> media(FormBody form) {
        String numMedia = form.first("NumMedia");
        if (numMedia == null || numMedia.isBlank()) {
            return List.of();
        }
        int count;
        try {
            count = Integer.parseInt(numMedia.strip());
        } catch (NumberFormatException e) {
            throw new MalformedCallbackException("the field 'NumMedia' is not a number: '" + numMedia + "'", e);
        }
        List<MediaAttachment> media = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String url = form.required("MediaUrl" + i);
            media.add(new MediaAttachment(url, form.first("MediaContentType" + i)));
        }
        return media;
    }

    private static int segments(FormBody form) {
        String numSegments = form.first("NumSegments");
        try {
            return numSegments == null ? 1 : Math.max(1, Integer.parseInt(numSegments.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
