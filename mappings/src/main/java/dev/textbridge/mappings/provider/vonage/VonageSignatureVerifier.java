package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks Vonage's two ways of signing webhooks, both keyed with the account's signature secret.
 * <ul>
 *   <li>SMS API (inbound messages, delivery receipts): the {@code sig} parameter over all other parameters, empty ones
 *   left out, sorted by name, each written {@code &name=value} with {@code &} and {@code =} inside names and values
 *   replaced by {@code _}; hashed with the account's {@link VonageSignatureMethod}. Its {@code timestamp} (Unix
 *   seconds, itself signed) must be within five minutes of now, as Vonage's Java SDK requires.</li>
 *   <li>Messages API (JSON inbound and status): {@code Authorization: Bearer <JWT>}, HS256 with the signature secret
 *   whatever method the dashboard names; its {@code payload_hash} claim must be the SHA-256 (hex) of the body.</li>
 * </ul>
 */
public final class VonageSignatureVerifier implements SignatureVerifier {

    /** How far a signed {@code timestamp} may be from now. */
    public static final Duration MAX_CLOCK_DIFFERENCE = Duration.ofMinutes(5);

    private static final String SIGNATURE = "sig";
    private static final String TIMESTAMP = "timestamp";
    private static final String BEARER = "bearer ";

    private final byte[] secret;
    private final VonageSignatureMethod method;
    private final String apiKey;
    private final Clock clock;

    /**
     * @param signatureSecret the account's signature secret; with none every callback is refused
     * @param method          the signature method chosen in the dashboard for the SMS API
     * @param apiKey          the account's API key; when given, a JWT naming another account's key is refused
     */
    public VonageSignatureVerifier(String signatureSecret, VonageSignatureMethod method, String apiKey, Clock clock) {
        this.secret = signatureSecret == null ? new byte[0] : signatureSecret.getBytes(StandardCharsets.UTF_8);
        this.method = method;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        this.clock = clock;
    }

    @Override
    public boolean isAuthentic(ProviderCallback callback) {
        if (secret.length == 0) {
            return false;
        }
        try {
            String authorization = callback.header("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                return jwtIsAuthentic(authorization.substring(BEARER.length()).strip(), callback.body());
            }
            return signedParametersAreAuthentic(VonageParameters.of(callback));
        } catch (Exception e) {
            return false;
        }
    }

    private boolean signedParametersAreAuthentic(Map<String, String> parameters) {
        String given = parameters.get(SIGNATURE);
        String timestamp = parameters.get(TIMESTAMP);
        if (given == null || given.isBlank() || timestamp == null) {
            return false;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.strip()));
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_CLOCK_DIFFERENCE) > 0) {
            return false;
        }
        String expected = signature(signedString(parameters), secret, method);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** The string Vonage signs: every parameter but {@code sig} with a value, sorted, as {@code &name=value}. */
    static String signedString(Map<String, String> parameters) {
        StringBuilder signed = new StringBuilder();
        for (Map.Entry<String, String> parameter : new TreeMap<>(parameters).entrySet()) {
            String value = parameter.getValue();
            if (parameter.getKey().equals(SIGNATURE) || value == null || value.isBlank()) {
                continue;
            }
            signed.append('&').append(clean(parameter.getKey())).append('=').append(clean(value));
        }
        return signed.toString();
    }

    private static String clean(String text) {
        return text.replace('&', '_').replace('=', '_');
    }

    static String signature(String signed, byte[] secret, VonageSignatureMethod method) {
        try {
            byte[] digest;
            if (method.isHmac()) {
                Mac mac = Mac.getInstance(method.algorithm());
                mac.init(new SecretKeySpec(secret, method.algorithm()));
                digest = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
            } else {
                MessageDigest md5 = MessageDigest.getInstance(method.algorithm());
                md5.update(signed.getBytes(StandardCharsets.UTF_8));
                digest = md5.digest(secret);
            }
            return HexFormat.of().formatHex(digest);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // HS256 by hand: JWT libraries refuse HMAC keys under 256 bits, and a Vonage signature secret may be shorter.
    private boolean jwtIsAuthentic(String token, byte[] body) throws Exception {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        Base64.Decoder base64Url = Base64.getUrlDecoder();
        JsonNode header = VonageParameters.json(base64Url.decode(parts[0]));
        if (!"HS256".equals(header.path("alg").asString(""))) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, base64Url.decode(parts[2]))) {
            return false;
        }
        JsonNode claims = VonageParameters.json(base64Url.decode(parts[1]));
        JsonNode expiry = claims.path("exp");
        if (expiry.isNumber() && Instant.ofEpochSecond(expiry.asLong()).plus(MAX_CLOCK_DIFFERENCE).isBefore(clock.instant())) {
            return false;
        }
        if (apiKey != null && claims.hasNonNull("api_key") && !apiKey.equals(claims.get("api_key").asString())) {
            return false;
        }
        // Without payload_hash the token would vouch for any body it is replayed with.
        String payloadHash = claims.path("payload_hash").asString("");
        byte[] bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(bodyHash, payloadHash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }
}
