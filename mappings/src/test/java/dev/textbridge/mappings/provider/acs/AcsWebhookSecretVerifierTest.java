package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.provider.ProviderCallback;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static dev.textbridge.mappings.provider.acs.AcsPayloads.EVENTS_URL;
import static dev.textbridge.mappings.provider.acs.AcsPayloads.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

class AcsWebhookSecretVerifierTest {

    private static ProviderCallback calledAt(String url) {
        return new ProviderCallback(url, Map.of(), "application/json", "[]".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "a call to ...{0} is accepted: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ?secret=q7Vt2pLk9Xr4mN8sW1cY6bH3                      | true
            ?tenant=acme&secret=q7Vt2pLk9Xr4mN8sW1cY6bH3          | true
            ?secret=q7Vt2pLk9Xr4mN8sW1cY6bH3#fragment             | true
            ?secret=q7Vt2pLk9Xr4mN8sW1cY6bH                       | false
            ?secret=q7Vt2pLk9Xr4mN8sW1cY6bH3x                     | false
            ?secret=Q7VT2PLK9XR4MN8SW1CY6BH3                      | false
            ?secret=                                              | false
            ?Secret=q7Vt2pLk9Xr4mN8sW1cY6bH3                      | false
            ?code=q7Vt2pLk9Xr4mN8sW1cY6bH3                        | false
            ?secret=q7Vt2pLk9Xr4mN8sW1cY6bH3&secret=other         | false
            ?secret=%zz                                           | false
            ''                                                    | false
            """)
    void onlyTheExactSecretInTheQueryIsAccepted(String query, boolean accepted) {
        assertThat(new AcsWebhookSecretVerifier(SECRET).isAuthentic(calledAt(EVENTS_URL + query))).isEqualTo(accepted);
    }

    @ParameterizedTest(name = "a verifier with the secret \"{0}\" refuses everything")
    @NullAndEmptySource
    void withoutASecretEverythingIsRefused(String secret) {
        assertThat(new AcsWebhookSecretVerifier(secret).isAuthentic(calledAt(EVENTS_URL + "?secret="))).isFalse();
        assertThat(new AcsWebhookSecretVerifier(secret).isAuthentic(calledAt(EVENTS_URL))).isFalse();
    }
}
