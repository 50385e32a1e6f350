package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderMapping;
import dev.textbridge.mappings.provider.SignatureVerifier;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Vonage's webhooks, SMS API ({@code sig}) and Messages API (JWT) alike, at the same two URLs: inbound messages and
 * delivery reports; Messages API messages from channels other than SMS and MMS give no text. Vonage sends no consent flag of its own: its {@code keyword} is just the first word.
 */
public final class VonageMapping implements ProviderMapping {

    private final VonageSignatureVerifier verifier;
    private final VonageCallbackParser parser = new VonageCallbackParser();
    private final String defaultRegion;

    /**
     * @param signatureSecret the account's signature secret (Dashboard, API settings)
     * @param method          the signature method chosen there for the SMS API
     * @param apiKey          the account's API key, checked against a Messages API JWT's {@code api_key}; may be null
     * @param defaultRegion   ISO 3166 region for numbers that are neither international nor short codes
     * @param clock           for the freshness of signed timestamps
     */
    public VonageMapping(String signatureSecret, VonageSignatureMethod method, String apiKey, String defaultRegion,
                         Clock clock) {
        this.verifier = new VonageSignatureVerifier(signatureSecret, method, apiKey, clock);
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String provider() {
        return VonageCallbackParser.PROVIDER;
    }

    @Override
    public SignatureVerifier verifier() {
        return verifier;
    }

    @Override
    public List<InboundMessage> inboundMessages(ProviderCallback callback, Instant receivedAt) {
        // Other channels an application routes here (WhatsApp, Viber) are acknowledged and not filed as texts.
        return parser.parseInboundText(callback, receivedAt, defaultRegion).map(List::of).orElse(List.of());
    }

    @Override
    public List<DeliveryReport> deliveryReports(ProviderCallback callback, Instant receivedAt) {
        return List.of(parser.parseStatus(callback, receivedAt));
    }
}
