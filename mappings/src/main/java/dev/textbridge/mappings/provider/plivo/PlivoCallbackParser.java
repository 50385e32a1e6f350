package dev.textbridge.mappings.provider.plivo;

import dev.textbridge.mappings.model.ConsentKeyword;
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
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Plivo's message callbacks (form posts): an inbound text ({@code From}, {@code To}, {@code Text}, {@code
 * MessageUUID}, {@code Units}, MMS {@code MediaCount} and {@code Media1…}) or a status callback for a text we sent
 * ({@code MessageUUID}, {@code Status}, {@code ErrorCode}).
 */
public final class PlivoCallbackParser {

    public static final String PROVIDER = "plivo";

    /** Plivo writes numbers as E.164 digits without the {@code +}; shorter digit strings are short codes. */
    private static final Pattern E164_DIGITS = Pattern.compile("[1-9]\\d{9,14}");

    public InboundMessage parseInbound(FormBody form, Instant receivedAt, String defaultRegion) {
        String text = form.first("Text") != null ? form.first("Text") : form.first("Body");
        return new InboundMessage(PROVIDER, messageUuid(form), address(form, "From", defaultRegion),
                address(form, "To", defaultRegion), text, media(form), units(form), receivedAt);
    }

    public DeliveryReport parseStatus(FormBody form, Instant reportedAt) {
        String word = form.first("Status");
        if (word == null || word.isBlank()) {
            throw new MalformedCallbackException("the field 'Status' is missing");
        }
        DeliveryStatus status = PlivoStatusMapping.deliveryStatusOf(word).orElseThrow(() ->
                new MalformedCallbackException("the field 'Status' has a status we do not know: '" + word + "'"));
        String code = form.first("ErrorCode");
        if (code != null && code.isBlank()) {
            code = null;
        }
        FailureReason reason = status == DeliveryStatus.FAILED || status == DeliveryStatus.UNDELIVERED
                ? PlivoErrorCodes.failureReasonOf(code) : null;
        return new DeliveryReport(PROVIDER, messageUuid(form), status, code, reason, reportedAt);
    }

    /** {@code MessageIntent}: {@code optout}, {@code optin} or {@code help} when Plivo recognised a keyword. */
    public Optional<ConsentKeyword> consentFlag(FormBody form) {
        String intent = form.first("MessageIntent");
        if (intent == null) {
            return Optional.empty();
        }
        return switch (intent.strip().toLowerCase(Locale.ROOT)) {
            case "optout" -> Optional.of(ConsentKeyword.OPT_OUT);
            case "optin" -> Optional.of(ConsentKeyword.OPT_IN);
            case "help" -> Optional.of(ConsentKeyword.HELP);
            default -> Optional.empty();
        };
    }

    private static String messageUuid(FormBody form) {
        return form.required("MessageUUID");
    }

    private static PhoneNumber address(FormBody form, String field, String defaultRegion) {
        String raw = form.required(field).strip();
        try {
            return PhoneNumber.parse(E164_DIGITS.matcher(raw).matches() ? "+" + raw : raw, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            throw new MalformedCallbackException("the field '" + field + "' is not a phone number we accept: " + e.reason(), e);
        }
    }

    private static List<MediaAttachment> media(FormBody form) {
        String count = form.first("MediaCount");
        if (count == null || count.isBlank()) {
            return List.of();
        }
        int items;
        try {
            items = Integer.parseInt(count.strip());
        } catch (NumberFormatException e) {
            throw new MalformedCallbackException("the field 'MediaCount' is not a number: '" + count + "'", e);
        }
        List<MediaAttachment> media = new ArrayList<>();
        for (int i = 1; i <= items; i++) {
            // Plivo gives each item's URL only; its type is known once fetched.
            media.add(new MediaAttachment(form.required("Media" + i), null));
        }
        return media;
    }

    private static int units(FormBody form) {
        try {
            String units = form.first("Units");
            return units == null ? 1 : Math.max(1, Integer.parseInt(units.strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
