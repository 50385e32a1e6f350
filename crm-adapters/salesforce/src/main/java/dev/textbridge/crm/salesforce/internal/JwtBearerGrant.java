package dev.textbridge.crm.salesforce.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 JWT bearer flow: an RS256-signed assertion with {@code iss} the client id, {@code sub} the username,
 * {@code aud} the login host and a short {@code exp}.
 */
public final class JwtBearerGrant implements TokenGrant {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    private static final Duration LIFETIME = Duration.ofMinutes(3);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String clientId;
    private final String username;
    private final String audience;
    private final PrivateKey key;
    private final Clock clock;

    public JwtBearerGrant(String clientId, String username, String audience, PrivateKey key, Clock clock) {
        this.clientId = clientId;
        this.username = username;
        this.audience = audience;
        this.key = key;
        this.clock = clock;
    }

    @Override
    public Map<String, String> parameters() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.put("assertion", assertion());
        return form;
    }

    String assertion() {
        long exp = clock.instant().plus(LIFETIME).getEpochSecond();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{\"iss\":" + Json.string(clientId) + ",\"sub\":" + Json.string(username) + ",\"aud\":"
                + Json.string(audience) + ",\"exp\":" + exp + "}";
        String signingInput = encode(header) + "." + encode(claims);
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the JWT assertion with jwt.private-key", e);
        }
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "JwtBearerGrant[clientId=" + clientId + ", username=" + username + ", audience=" + audience + "]";
    }
}
