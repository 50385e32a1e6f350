package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderMapping;
import dev.textbridge.mappings.provider.SignatureVerifier;

import java.time.Instant;
import java.util.List;

/**
 * ACS's SMS events as Event Grid delivers them to one URL, protected by the secret in that URL. {@link #events} reads
 * a whole delivery (texts, reports and a validation handshake together); {@link #inboundMessages} and
 * {@link #deliveryReports} give its texts or its reports alone.
 */
public final class AcsMapping implements ProviderMapping {

    private final AcsWebhookSecretVerifier verifier;
    private final AcsEventParser parser = new AcsEventParser();
    private final String defaultRegion;

    /**
     * @param webhookSecret the secret the admin put in the event subscription's URL ({@code ?secret=})
     * @param defaultRegion ISO 3166 region for numbers that are neither international nor short codes
     */
    public AcsMapping(String webhookSecret, String defaultRegion) {
        this.verifier = new AcsWebhookSecretVerifier(webhookSecret);
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String provider() {
        return AcsEventParser.PROVIDER;
    }

    @Override
    public SignatureVerifier verifier() {
        return verifier;
    }

    /** Everything one Event Grid delivery holds; throws {@code MalformedCallbackException} with a reason. */
    public AcsEvents events(ProviderCallback callback, Instant receivedAt) {
        return parser.parse(callback, receivedAt, defaultRegion);
    }

    @Override
    public List<InboundMessage> inboundMessages(ProviderCallback callback, Instant receivedAt) {
        return events(callback, receivedAt).inbound();
    }

    @Override
    public List<DeliveryReport> deliveryReports(ProviderCallback callback, Instant receivedAt) {
        return events(callback, receivedAt).reports();
    }
}
