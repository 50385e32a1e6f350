package dev.textbridge.mappings.provider;

import dev.textbridge.mappings.model.ConsentKeyword;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One SMS provider's callbacks, read into the canonical model: how they are verified, what texts and delivery
 * reports they hold, and which words and flags of the provider mean consent. Each provider package has one
 * implementation; the provider contract test kit ({@code ProviderContractTest} in this module's test-jar) holds every
 * implementation to the same behaviour.
 */
public interface ProviderMapping {

    /** The provider's name in the webhook path, in {@code textbridge.providers.<name>} and in the model. */
    String provider();

    SignatureVerifier verifier();

    /**
     * The texts in an inbound-message callback, in the provider's order.
     *
     * @throws MalformedCallbackException naming what is missing or unreadable
     */
    List<InboundMessage> inboundMessages(ProviderCallback callback, Instant receivedAt);

    /**
     * The delivery reports in a status callback; an event that is no delivery report (e.g. an inbound event posted to
     * the status URL) is refused as malformed.
     *
     * @throws MalformedCallbackException naming what is missing or unreadable
     */
    List<DeliveryReport> deliveryReports(ProviderCallback callback, Instant receivedAt);

    /**
     * The consent keyword a text's body is, by the standard words and the words this provider itself acts on (the
     * provider blocks further texts after its own opt-out words, so ours must follow them).
     */
    default Optional<ConsentKeyword> consentKeyword(String body) {
        return ConsentKeyword.of(body);
    }

    /**
     * The consent the provider itself says an inbound callback expresses (Twilio's {@code OptOutType}, Plivo's
     * {@code MessageIntent}), also for keywords the account configured at the provider; empty when it says nothing.
     */
    default Optional<ConsentKeyword> consentFlag(ProviderCallback callback) {
        return Optional.empty();
    }
}
