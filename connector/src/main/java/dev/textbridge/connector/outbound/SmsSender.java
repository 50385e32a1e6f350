package dev.textbridge.connector.outbound;

import java.util.Optional;

/** One provider's send API. */
public interface SmsSender {

    /** The provider's name, as business numbers name it in {@code textbridge.numbers[].provider}. */
    String provider();

    /**
     * Sends a text. Called outside any database transaction.
     *
     * @throws ProviderUnavailableException when the provider did not answer, so whether it took the text is unknown
     */
    ProviderAnswer send(OutboundText text);

    /**
     * Looks for a text the provider may have taken although its answer never reached us (a crash between the
     * provider's answer and our record of it): same sender, recipient and body, sent since the text was created.
     */
    Optional<ProviderAnswer> findSent(OutboundText text);
}
