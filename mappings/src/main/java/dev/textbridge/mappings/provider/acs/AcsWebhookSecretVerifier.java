package dev.textbridge.mappings.provider.acs;

import dev.textbridge.mappings.provider.FormBody;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Event Grid does not sign what it delivers. ACS's documented protection for a webhook is HTTPS with a secret the
 * admin puts in the subscription's endpoint URL; this checks that query parameter against the configured secret in
 * constant time. The secret covers who calls, not what the body says.
 */
public final class AcsWebhookSecretVerifier implements SignatureVerifier {

    /** The query parameter that carries the secret: {@code https://.../webhooks/acs/events?secret=...}. */
    public static final String PARAMETER = "secret";

    private final byte[] secret;

    /** @param secret the secret in the subscription's URL; with none every callback is refused */
    public AcsWebhookSecretVerifier(String secret) {
        this.secret = secret == null || secret.isBlank() ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isAuthentic(ProviderCallback callback) {
        if (secret.length == 0) {
            return false;
        }
        try {
            String url = callback.publicUrl();
            int query = url.indexOf('?');
            if (query < 0) {
                return false;
            }
            int fragment = url.indexOf('#', query);
            String rawQuery = url.substring(query + 1, fragment < 0 ? url.length() : fragment);
            List<String> given = FormBody.parse(rawQuery.getBytes(StandardCharsets.UTF_8)).asMap().get(PARAMETER);
            // Exactly one: a second copy could be read differently by a proxy in front of us.
            return given != null && given.size() == 1
                    && MessageDigest.isEqual(secret, given.get(0).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
