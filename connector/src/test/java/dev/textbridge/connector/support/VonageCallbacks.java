package dev.textbridge.connector.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vonage webhooks as Vonage sends them: SMS API parameters signed with {@code sig} (SHA-256 HMAC, the method the test
 * account chose), and Messages API JSON with a JWT signed HS256; all computed here with plain javax.crypto.
 */
public final class VonageCallbacks {

    public static final String API_KEY = "a1b2c3d4";
    public static final String API_SECRET = "Xq7Vt2pLk9Xr4mN8";
    public static final String SIGNATURE_SECRET = "Vx7pQ2mZt9Lr4Nc8Wd1Yb6Hf3Jk5Sg0A";
    public static final String SIGNATURE_METHOD = "sha256";

    private static final AtomicLong SEQUENCE = new AtomicLong(System.nanoTime());

    private VonageCallbacks() {
    }

    /** A fresh SMS API message id: 16 hex digits, upper case. */
    public static String newMessageId() {
        return String.format("%016X", SEQUENCE.incrementAndGet());
    }

    /** An inbound SMS as the SMS API posts it; numbers as Vonage writes them, international digits without '+'. */
    public static Map<String, String> inbound(String messageId, String from, String to, String text) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("api-key", API_KEY);
        params.put("msisdn", from.replace("+", ""));
        params.put("to", to.replace("+", ""));
        params.put("messageId", messageId);
        params.put("text", text);
        params.put("type", "unicode");
        params.put("keyword", text.strip().split("\\s+")[0].toUpperCase());
        params.put("message-timestamp", "2026-11-25 10:00:00");
        return params;
    }

    /** A delivery receipt for a text sent with {@code client-ref}. */
    public static Map<String, String> deliveryReceipt(String clientRef, String from, String to, String status, String errCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("msisdn", to.replace("+", ""));
        params.put("to", from.replace("+", ""));
        params.put("network-code", "310090");
        params.put("messageId", newMessageId());
        params.put("price", "0.00570000");
        params.put("status", status);
        params.put("scts", "2611251000");
        params.put("err-code", errCode);
        params.put("api-key", API_KEY);
        params.put("client-ref", clientRef);
        params.put("message-timestamp", "2026-11-25 10:00:00");
        return params;
    }

    /** The parameters with {@code timestamp} (now), {@code nonce} and {@code sig} added as Vonage adds them. */
    public static Map<String, String> signed(Map<String, String> params) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.put("timestamp", Long.toString(Instant.now().getEpochSecond()));
        signed.put("nonce", UUID.randomUUID().toString());
        StringBuilder data = new StringBuilder();
        new TreeMap<>(signed).forEach((name, value) -> {
            if (!value.isBlank()) {
                data.append('&').append(name.replaceAll("[&=]", "_")).append('=').append(value.replaceAll("[&=]", "_"));
            }
        });
        signed.put("sig", HexFormat.of().formatHex(hmac("HmacSHA256", SIGNATURE_SECRET, data.toString())));
        return signed;
    }

    /** {@code Authorization: Bearer} value for a Messages API webhook with this body. */
    public static String bearerFor(String body) {
        String claims = "{\"iat\":" + Instant.now().getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID()
                + "\",\"iss\":\"Vonage\",\"payload_hash\":\"" + sha256Hex(body) + "\",\"api_key\":\"" + API_KEY
                + "\",\"application_id\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return "Bearer " + input + "." + b64.encodeToString(hmac("HmacSHA256", SIGNATURE_SECRET, input));
    }

    private static byte[] hmac(String algorithm, String secret, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
