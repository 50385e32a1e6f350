package dev.textbridge.mappings.provider;

/** Checks that a callback really comes from the provider, the way that provider signs its requests. */
public interface SignatureVerifier {

    /**
     * @return true only when the callback carries a signature that the provider's secret produces for exactly this
     *         request; false for a missing, malformed or wrong signature (never throws for bad input)
     */
    boolean isAuthentic(ProviderCallback callback);
}
