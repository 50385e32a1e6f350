package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.FormBody;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderMapping;
import dev.textbridge.mappings.provider.SignatureVerifier;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Twilio's messaging webhooks: form posts signed with {@code X-Twilio-Signature}. */
public final class TwilioMapping implements ProviderMapping {

    private final SignatureVerifier verifier;
    private final TwilioCallbackParser parser = new TwilioCallbackParser();
    private final String defaultRegion;

    /**
     * @param authToken     the account's primary auth token
     * @param defaultRegion ISO 3166 region for numbers that arrive without a country code
     */
    public TwilioMapping(String authToken, String defaultRegion) {
        this.verifier = new TwilioSignatureVerifier(authToken);
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String provider() {
        return TwilioCallbackParser.PROVIDER;
    }

    @Override
    public SignatureVerifier verifier() {
        return verifier;
    }

    @Override
    public List<InboundMessage> inboundMessages(ProviderCallback callback, Instant receivedAt) {
        return List.of(parser.parseInbound(form(callback), receivedAt, defaultRegion));
    }

    @Override
    public List<DeliveryReport> deliveryReports(ProviderCallback callback, Instant receivedAt) {
        return List.of(parser.parseStatus(form(callback), receivedAt));
    }

    /** {@code OptOutType} ({@code STOP}, {@code START}, {@code HELP}): sent for numbers with Advanced Opt-Out. */
    @Override
    public Optional<ConsentKeyword> consentFlag(ProviderCallback callback) {
        if (!FormBody.FORM_CONTENT_TYPE.equals(callback.contentType())) {
            return Optional.empty();
        }
        String type = callback.form().first("OptOutType");
        if (type == null) {
            return Optional.empty();
        }
        return switch (type.strip().toUpperCase(Locale.ROOT)) {
            case "STOP" -> Optional.of(ConsentKeyword.OPT_OUT);
            case "START" -> Optional.of(ConsentKeyword.OPT_IN);
            case "HELP" -> Optional.of(ConsentKeyword.HELP);
            default -> Optional.empty();
        };
    }

    private static FormBody form(ProviderCallback callback) {
        if (!FormBody.FORM_CONTENT_TYPE.equals(callback.contentType())) {
            throw new MalformedCallbackException("the body is not form data: Twilio posts application/x-www-form-urlencoded, this request has '"
                    + (callback.contentType().isEmpty() ? "no content type" : callback.contentType()) + "'");
        }
        return callback.form();
    }
}
