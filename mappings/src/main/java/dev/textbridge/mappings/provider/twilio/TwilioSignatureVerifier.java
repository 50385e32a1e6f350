package dev.textbridge.mappings.provider.twilio;

import dev.textbridge.mappings.provider.FormBody;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks Twilio's {@code X-Twilio-Signature}: the Base64 HMAC-SHA1, keyed with the account's primary auth token, of
 * the URL Twilio called followed by the form parameters sorted by name, each written as name then value.
 * <p>
 * Like Twilio's own SDKs it accepts a signature over the URL with the default port added ({@code :443},
 * {@code :80}) when the URL has none, or with the port removed when it has one. A JSON body is not signed itself:
 * Twilio signs the URL alone and puts the body's SHA-256 in its {@code bodySHA256} query parameter, which is
 * checked as well.
 */
public final class TwilioSignatureVerifier implements SignatureVerifier {

    /** The header Twilio puts its signature in. */
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
    private static final String BODY_HASH_PARAMETER = "bodySHA256";
    private static final String ALGORITHM = "HmacSHA1";

    private final byte[] authToken;
    // One keyed Mac per thread: looking the algorithm up and keying it cost as much as the HMAC itself.
    private final ThreadLocal<Mac> macs;

    /** @param authToken the account's primary auth token; with none every callback is refused */
    public TwilioSignatureVerifier(String authToken) {
        this.authToken = authToken == null ? new byte[0] : authToken.getBytes(StandardCharsets.UTF_8);
        this.macs = ThreadLocal.withInitial(this::keyedMac);
    }

    @Override
    public boolean isAuthentic(ProviderCallback callback) {
        try {
            String signature = callback.header(SIGNATURE_HEADER);
            if (authToken.length == 0 || signature == null || signature.isBlank()) {
                return false;
            }
            String url = callback.publicUrl();
            String bodyHash = queryParameter(url, BODY_HASH_PARAMETER);
            String signedParameters;
            if (bodyHash != null) {
                if (!bodyHashMatches(callback.body(), bodyHash)) {
                    return false;
                }
                signedParameters = "";
            } else if (FORM_CONTENT_TYPE.equalsIgnoreCase(callback.contentType())) {
                signedParameters = sortedParameters(callback.form());
            } else {
                // Twilio signs only form parameters; any other body leaves the URL alone signed, and the parser then
                // refuses what it cannot read with a 400 rather than passing it off as a forgery.
                signedParameters = "";
            }
            byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
            for (String candidate : urlsTwilioMayHaveSigned(url)) {
                if (MessageDigest.isEqual(sign(candidate + signedParameters), given)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The {@value #SIGNATURE_HEADER} Twilio would send with these form fields posted to {@code url}; for the local CRM's
     * demo page, which plays Twilio to the connector's own webhook.
     */
    public String signatureFor(String url, Map<String, String> fields) {
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(fields).forEach((name, value) -> signed.append(name).append(value));
        return new String(sign(signed.toString()), StandardCharsets.US_ASCII);
    }

    private byte[] sign(String data) {
        // doFinal leaves the Mac reset, keyed as before.
        byte[] digest = macs.get().doFinal(data.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encode(digest);
    }

    private Mac keyedMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(authToken, ALGORITHM));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available", e);
        }
    }

    private static String sortedParameters(FormBody form) {
        StringBuilder signed = new StringBuilder();
        for (Map.Entry<String, List<String>> field : new TreeMap<>(form.asMap()).entrySet()) {
            List<String> values = new ArrayList<>(field.getValue());
            values.sort(null);
            for (String value : values) {
                signed.append(field.getKey()).append(value);
            }
        }
        return signed.toString();
    }

    private static boolean bodyHashMatches(byte[] body, String expectedHex) throws Exception {
        byte[] actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body))
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, expectedHex.getBytes(StandardCharsets.UTF_8));
    }

    private static String queryParameter(String url, String name) {
        int query = url.indexOf('?');
        if (query < 0) {
            return null;
        }
        int fragment = url.indexOf('#', query);
        String rawQuery = url.substring(query + 1, fragment < 0 ? url.length() : fragment);
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return null;
    }

    /**
     * The URL as given, and the same URL with the default port added or its port removed. The URL is cut and joined
     * as text: parsing it into a {@code URI} and back would re-encode the query, which Twilio signed as it was.
     */
    private static List<String> urlsTwilioMayHaveSigned(String url) {
        List<String> urls = new ArrayList<>(2);
        urls.add(url);
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            return urls;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        String authority = url.substring(authorityStart, authorityEnd);
        int hostStart = authority.lastIndexOf('@') + 1;
        int portColon = authority.lastIndexOf(':');
        boolean hasPort = portColon >= hostStart && portColon > authority.lastIndexOf(']');
        String before = url.substring(0, authorityStart);
        String after = url.substring(authorityEnd);
        if (hasPort) {
            urls.add(before + authority.substring(0, portColon) + after);
        } else {
            String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
            if (scheme.equals("https")) {
                urls.add(before + authority + ":443" + after);
            } else if (scheme.equals("http")) {
                urls.add(before + authority + ":80" + after);
            }
        }
        return urls;
    }
}
