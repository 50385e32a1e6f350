package dev.textbridge.connector.webhook;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.FormBody;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;
import dev.textbridge.mappings.provider.twilio.TwilioCallbackParser;
import dev.textbridge.mappings.provider.twilio.TwilioSignatureVerifier;

import java.time.Instant;
import java.util.List;

/** Twilio's messaging webhooks: form posts signed with {@code X-Twilio-Signature}, answered with empty TwiML. */
public class TwilioWebhook implements ProviderWebhook {

    private static final Acknowledgement EMPTY_TWIML =
            new Acknowledgement("text/xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>");

    private final SignatureVerifier verifier;
    private final TwilioCallbackParser parser = new TwilioCallbackParser();
    private final String defaultRegion;

    public TwilioWebhook(String authToken, String defaultRegion) {
        this.verifier = new TwilioSignatureVerifier(authToken);
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String provider() {
        return "twilio";
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
    public Acknowledgement acknowledgement() {
        return EMPTY_TWIML;
    }

    private static FormBody form(ProviderCallback callback) {
        if (!"application/x-www-form-urlencoded".equals(callback.contentType())) {
            throw new MalformedCallbackException("the body is not form data: Twilio posts application/x-www-form-urlencoded, this request has '"
                    + (callback.contentType().isEmpty() ? "no content type" : callback.contentType()) + "'");
        }
        return FormBody.parse(callback.body());
    }
}
