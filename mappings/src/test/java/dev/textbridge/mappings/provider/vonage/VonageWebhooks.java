package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.provider.ProviderCallback;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Vonage webhooks as Vonage sends them, signed the way Vonage signs, written apart from the verifier (plain
 * javax.crypto) so the two check each other; the published vectors anchor both.
 */
final class VonageWebhooks {

    static final String SECRET = "Vx7pQ2mZt9Lr4Nc8Wd1Yb6Hf3Jk5Sg0A";
    static final String API_KEY = "a1b2c3d4";
    static final String CUSTOMER_DIGITS = "15550100200";
    static final String BUSINESS_DIGITS = "15550100001";
    static final String INBOUND_URL = "https://sms.example.com/webhooks/vonage/inbound";
    static final String STATUS_URL = "https://sms.example.com/webhooks/vonage/status";
    static final String FORM = "application/x-www-form-urlencoded";
    static final String JSON = "application/json";
    /** When the test callbacks were signed; verifiers under test run on a clock fixed here. */
    static final Instant SIGNED_AT = Instant.parse("2026-11-25T10:00:00Z");

    private VonageWebhooks() {
    }

    /** An inbound SMS as the SMS API posts it (parameter order as in Vonage's docs), not signed yet. */
    static Map<String, String> inboundSms(String messageId, String text) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("api-key", API_KEY);
        params.put("msisdn", CUSTOMER_DIGITS);
        params.put("to", BUSINESS_DIGITS);
        params.put("messageId", messageId);
        params.put("text", text);
        params.put("type", "unicode");
        params.put("keyword", text.isBlank() ? "" : text.strip().split("\\s+")[0].toUpperCase());
        params.put("message-timestamp", "2026-11-25 09:59:58");
        return params;
    }

    /** A delivery receipt for a text we sent with {@code client-ref}, not signed yet. */
    static Map<String, String> deliveryReceipt(String messageId, String clientRef, String status, String errCode) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("msisdn", CUSTOMER_DIGITS);
        params.put("to", BUSINESS_DIGITS);
        params.put("network-code", "310090");
        params.put("messageId", messageId);
        params.put("price", "0.00570000");
        params.put("status", status);
        params.put("scts", "2611251000");
        params.put("err-code", errCode);
        params.put("api-key", API_KEY);
        if (clientRef != null) {
            params.put("client-ref", clientRef);
        }
        params.put("message-timestamp", "2026-11-25 10:00:00");
        return params;
    }

    /** The parameters with {@code timestamp}, {@code nonce} and {@code sig} added as Vonage adds them. */
    static Map<String, String> signed(Map<String, String> params, String secret, String method, Instant at) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.put("timestamp", Long.toString(at.getEpochSecond()));
        signed.put("nonce", "6d3c9e5a-5b1f-4a57-9d0e-2c1b7f3e8a90");
        signed.put("sig", sig(signed, secret, method));
        return signed;
    }

    /** Vonage's {@code sig}: sorted non-empty parameters as {@code &k=v} ('&' and '=' made '_'), hashed. */
    static String sig(Map<String, String> params, String secret, String method) {
        StringBuilder data = new StringBuilder();
        new TreeMap<>(params).forEach((name, value) -> {
            if (!name.equals("sig") && value != null && !value.isBlank()) {
                data.append('&').append(name.replaceAll("[&=]", "_")).append('=').append(value.replaceAll("[&=]", "_"));
            }
        });
        try {
            byte[] digest;
            if (method.equals("md5hash")) {
                digest = MessageDigest.getInstance("MD5").digest((data + secret).getBytes(StandardCharsets.UTF_8));
            } else {
                String algorithm = switch (method) {
                    case "md5" -> "HmacMD5";
                    case "sha1" -> "HmacSHA1";
                    case "sha256" -> "HmacSHA256";
                    case "sha512" -> "HmacSHA512";
                    default -> throw new IllegalArgumentException(method);
                };
                Mac mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
                digest = mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String json(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> quote(e.getKey()) + ":" + quote(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }

    static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                default -> quoted.appendCodePoint(c);
            }
        });
        return quoted.append('"').toString();
    }

    static ProviderCallback get(String url, Map<String, String> params) {
        return new ProviderCallback(url + "?" + form(params), Map.of(), "", new byte[0]);
    }

    static ProviderCallback postForm(String url, Map<String, String> params) {
        return new ProviderCallback(url, Map.of(), FORM, form(params).getBytes(StandardCharsets.UTF_8));
    }

    static ProviderCallback postJson(String url, Map<String, String> params) {
        return new ProviderCallback(url, Map.of(), JSON, json(params).getBytes(StandardCharsets.UTF_8));
    }

    /** A Messages API webhook: the JSON body with {@code Authorization: Bearer} a JWT signed HS256 by hand. */
    static ProviderCallback messagesApi(String url, String body, String secret, Instant at) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String claims = "{\"iat\":" + at.getEpochSecond() + ",\"jti\":\"c4a2f0e8-1b3d-4e5f-8a9b-0c1d2e3f4a5b\","
                + "\"iss\":\"Vonage\",\"payload_hash\":\"" + sha256Hex(bytes) + "\",\"api_key\":\"" + API_KEY + "\","
                + "\"application_id\":\"aaaaaaaa-bbbb-cccc-dddd-0123456789ab\"}";
        return new ProviderCallback(url, Map.of("authorization", List.of("Bearer " + hs256(claims, secret))), JSON, bytes);
    }

    static String hs256(String claims, String secret) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Messages API inbound SMS, as in Vonage's webhook reference. */
    static String messagesInbound(String uuid, String text) {
        return "{\"channel\":\"sms\",\"message_uuid\":\"" + uuid + "\",\"to\":\"" + BUSINESS_DIGITS + "\",\"from\":\""
                + CUSTOMER_DIGITS + "\",\"timestamp\":\"2026-11-25T09:59:58Z\",\"text\":" + quote(text)
                + ",\"message_type\":\"text\",\"sms\":{\"num_messages\":\"1\",\"keyword\":\"HI\"},"
                + "\"usage\":{\"currency\":\"EUR\",\"price\":\"0.0057\"},\"context_status\":\"none\"}";
    }

    /** A Messages API status webhook for a text sent with {@code client_ref}. */
    static String messagesStatus(String uuid, String clientRef, String status, String errorCode) {
        String error = errorCode == null ? "" : ",\"error\":{\"type\":\"https://developer.nexmo.com/api-errors/messages#"
                + errorCode + "\",\"title\":" + errorCode + ",\"detail\":\"see the error list\",\"instance\":\"bf0ca0bf927b3b52e3cb03217e1a1ddf\"}";
        return "{\"message_uuid\":\"" + uuid + "\",\"to\":\"" + CUSTOMER_DIGITS + "\",\"from\":\"" + BUSINESS_DIGITS
                + "\",\"timestamp\":\"2026-11-25T10:00:00Z\",\"status\":\"" + status + "\"" + error
                + ",\"usage\":{\"currency\":\"EUR\",\"price\":\"0.0057\"},\"channel\":\"sms\""
                + (clientRef == null ? "" : ",\"client_ref\":\"" + clientRef + "\"") + "}";
    }
}
