package dev.textbridge.mappings.provider.plivo;

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
import java.util.Optional;

/** Plivo's message callbacks: form posts signed with the V3 signature and nonce. */
public final class PlivoMapping implements ProviderMapping {

    private final SignatureVerifier verifier;
    private final PlivoCallbackParser parser = new PlivoCallbackParser();
    private final String defaultRegion;

    public PlivoMapping(String authToken, String defaultRegion) {
        this.verifier = new PlivoSignatureVerifier(authToken);
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String provider() {
        return PlivoCallbackParser.PROVIDER;
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

    @Override
    public Optional<ConsentKeyword> consentFlag(ProviderCallback callback) {
        return FormBody.FORM_CONTENT_TYPE.equals(callback.contentType())
                ? parser.consentFlag(callback.form()) : Optional.empty();
    }

    private static FormBody form(ProviderCallback callback) {
        if (!FormBody.FORM_CONTENT_TYPE.equals(callback.contentType())) {
            throw new MalformedCallbackException("the body is not form data: Plivo posts application/x-www-form-urlencoded "
                    + "(set the callback method to POST), this request has '"
                    + (callback.contentType().isEmpty() ? "no content type" : callback.contentType()) + "'");
        }
        return callback.form();
    }
}
