package dev.textbridge.mappings.provider.plivo;

import dev.textbridge.mappings.model.MediaAttachment;
import dev.textbridge.mappings.provider.ProviderCallback;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Plivo message callbacks as Plivo posts them (its documented fields, numbers without {@code +}), signed as Plivo signs
 * V3: written here apart from {@link PlivoSignatureVerifier}, step by step after plivo-python's {@code signature_v3.py}.
 */
public final class PlivoCallbacks {

    public static final String AUTH_ID = "MAODUZYTQ0Y2FMYJBLOW";
    public static final String AUTH_TOKEN = "YmE3ZGQ0NTk1ZDhlYjI0ZWVhNzk1NzY4ZWZiYjQy";

    private PlivoCallbacks() {
    }

    public static String newMessageUuid() {
        return UUID.randomUUID().toString();
    }

    private static String digits(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }

    /** An inbound SMS, or an MMS when {@code media} is not empty (its text then in {@code Body}). */
    public static Map<String, String> inbound(String uuid, String from, String to, String text, List<MediaAttachment> media,
                                              int units) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("From", digits(from));
        fields.put("To", digits(to));
        fields.put("Type", media.isEmpty() ? "sms" : "mms");
        fields.put(media.isEmpty() ? "Text" : "Body", text);
        fields.put("MessageUUID", uuid);
        fields.put("Units", String.valueOf(units));
        fields.put("TotalRate", "0.00000");
        fields.put("TotalAmount", "0.00000");
        fields.put("MessageIntent", "");
        fields.put("PowerpackUUID", "");
        if (!media.isEmpty()) {
            fields.put("MediaCount", String.valueOf(media.size()));
            for (int i = 0; i < media.size(); i++) {
                fields.put("Media" + (i + 1), media.get(i).url());
            }
        }
        return fields;
    }

    /** A status callback for a text we sent from {@code from} to {@code to}. */
    public static Map<String, String> status(String uuid, String from, String to, String status, String errorCode) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("MessageUUID", uuid);
        fields.put("To", digits(to));
        fields.put("From", digits(from));
        fields.put("Type", "sms");
        fields.put("Status", status);
        if (errorCode != null) {
            fields.put("ErrorCode", errorCode);
        }
        fields.put("Units", "1");
        fields.put("TotalRate", "0.00500");
        fields.put("TotalAmount", "0.00500");
        fields.put("MCC", "310");
        fields.put("MNC", "260");
        fields.put("Sequence", "3");
        fields.put("MessageTime", "2026-11-25 09:59:57+00:00");
        fields.put("SentTime", "2026-11-25 09:59:58+00:00");
        fields.put("DeliveryReportTime", "2026-11-25 09:59:59.123456+00:00");
        fields.put("ParentMessageUUID", uuid);
        fields.put("PartInfo", "1 of 1");
        return fields;
    }

    public static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String newNonce() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(10_000_000_000L, 99_999_999_999L))
                + ThreadLocalRandom.current().nextInt(100_000_000, 999_999_999);
    }

    /**
     * {@code X-Plivo-Signature-V3} for a POST of {@code fields} to {@code url}: base64 HMAC-SHA256(token, base + "." +
     * nonce), base = scheme://host/path, then "?" (when there is a query or a body), the sorted query as k=v joined
     * with "&", "." (when both), the sorted body as name+value.
     */
    public static String signature(String url, Map<String, String> fields, String nonce, String authToken) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        TreeMap<String, List<String>> query = new TreeMap<>();
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                        .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
        }
        List<String> queryPairs = new ArrayList<>();
        query.forEach((k, values) -> values.stream().sorted().forEach(v -> queryPairs.add(k + "=" + v)));
        String queryString = String.join("&", queryPairs);
        StringBuilder data = new StringBuilder(base);
        if (!queryString.isEmpty() || !fields.isEmpty()) {
            data.append('?').append(queryString);
        }
        if (!queryString.isEmpty() && !fields.isEmpty()) {
            data.append('.');
        }
        new TreeMap<>(fields).forEach((k, v) -> data.append(k).append(v));
        data.append('.').append(nonce);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers Plivo sends with a signed callback. */
    public static Map<String, List<String>> headers(String signature, String nonce) {
        return Map.of("x-plivo-signature-v3", List.of(signature), "x-plivo-signature-v3-nonce", List.of(nonce));
    }

    /** The form posted to {@code url}, signed with {@code authToken} as Plivo signs. */
    public static ProviderCallback signed(String url, Map<String, String> fields, String authToken) {
        String nonce = newNonce();
        return new ProviderCallback(url, headers(signature(url, fields, nonce, authToken), nonce),
                "application/x-www-form-urlencoded", formEncode(fields).getBytes(StandardCharsets.UTF_8));
    }
}
