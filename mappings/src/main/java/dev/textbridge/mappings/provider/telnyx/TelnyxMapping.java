package dev.textbridge.mappings.provider.telnyx;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.ProviderMapping;
import dev.textbridge.mappings.provider.SignatureVerifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Telnyx's messaging webhooks: JSON events signed with Ed25519 over the timestamp and the body. */
public final class TelnyxMapping implements ProviderMapping {

    /** Telnyx's default opt-out words beyond the standard ones ("STOP ALL", two words, is Telnyx's own). */
    private static final Set<String> OPT_OUT = Set.of("STOP ALL");

    private final SignatureVerifier verifier;
    private final TelnyxCallbackParser parser = new TelnyxCallbackParser();
    private final String defaultRegion;

    /**
     * @param publicKey          the account's Ed25519 public key, Base64 as Telnyx shows it
     * @param timestampTolerance how far {@code telnyx-timestamp} may be from {@code clock}
     */
    public TelnyxMapping(String publicKey, Duration timestampTolerance, Clock clock, String defaultRegion) {
        this.verifier = new TelnyxSignatureVerifier(publicKey, timestampTolerance, clock);
        this.defaultRegion = defaultRegion;
    }

    @Override
    public String provider() {
        return TelnyxCallbackParser.PROVIDER;
    }

    @Override
    public SignatureVerifier verifier() {
        return verifier;
    }

    @Override
    public List<InboundMessage> inboundMessages(ProviderCallback callback, Instant receivedAt) {
        return List.of(parser.parseInbound(json(callback), receivedAt, defaultRegion));
    }

    @Override
    public List<DeliveryReport> deliveryReports(ProviderCallback callback, Instant receivedAt) {
        return List.of(parser.parseStatus(json(callback), receivedAt));
    }

    @Override
    public Optional<ConsentKeyword> consentKeyword(String body) {
        Optional<ConsentKeyword> standard = ConsentKeyword.of(body);
        if (standard.isPresent() || body == null) {
            return standard;
        }
        String words = body.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return OPT_OUT.contains(words) ? Optional.of(ConsentKeyword.OPT_OUT) : Optional.empty();
    }

    private static byte[] json(ProviderCallback callback) {
        if (!"application/json".equals(callback.contentType())) {
            throw new MalformedCallbackException("the body is not JSON: Telnyx posts application/json, this request has '"
                    + (callback.contentType().isEmpty() ? "no content type" : callback.contentType()) + "'");
        }
        return callback.body();
    }
}
