package dev.textbridge.mappings.provider.plivo;

import dev.textbridge.mappings.provider.FormBody;
import dev.textbridge.mappings.provider.ProviderCallback;
import dev.textbridge.mappings.provider.SignatureVerifier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks Plivo's V3 signature: the Base64 HMAC-SHA256, keyed with the auth token, of
 * <pre>scheme://host/path?[sorted query "k=v&amp;…" "."]sorted POST params "kv…" "." nonce</pre>
 * where the nonce is {@code X-Plivo-Signature-V3-Nonce}. The signature header ({@code X-Plivo-Signature-V3}, or
 * {@code X-Plivo-Signature-Ma-V3} made with the main account's token) may hold several signatures, comma-separated,
 * one per active token; any may match.
 * <p>
 * Written after plivo-python's {@code utils/signature_v3.py} ({@code construct_post_url}, {@code
 * get_sorted_params_string}: POST parameters as name and value without separator). plivo-node's {@code
 * v3Security.js} joins them as {@code name=value}, and plivo-java's V3 helper does not compile; we follow the Python
 * SDK, which agrees with Plivo's documented algorithm.
 */
public final class PlivoSignatureVerifier implements SignatureVerifier {

    public static final String SIGNATURE_HEADER = "X-Plivo-Signature-V3";
    public static final String MAIN_ACCOUNT_SIGNATURE_HEADER = "X-Plivo-Signature-Ma-V3";
    public static final String NONCE_HEADER = "X-Plivo-Signature-V3-Nonce";

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] authToken;

    /** @param authToken the (sub)account's auth token; with none every callback is refused */
    public PlivoSignatureVerifier(String authToken) {
        this.authToken = authToken == null ? new byte[0] : authToken.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean isAuthentic(ProviderCallback callback) {
        try {
            String nonce = callback.header(NONCE_HEADER);
            if (authToken.length == 0 || nonce == null) {
                return false;
            }
            Map<String, List<String>> posted = FormBody.FORM_CONTENT_TYPE.equals(callback.contentType())
                    ? callback.form().asMap() : Map.of();
            byte[] expected = sign(signedUrl(callback.publicUrl(), posted) + "." + nonce);
            for (String header : List.of(SIGNATURE_HEADER, MAIN_ACCOUNT_SIGNATURE_HEADER)) {
                String signatures = callback.header(header);
                if (signatures == null) {
                    continue;
                }
                for (String signature : signatures.split(",")) {
                    if (MessageDigest.isEqual(expected, signature.strip().getBytes(StandardCharsets.UTF_8))) {
                        return true;
                    }
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static String signedUrl(String url, Map<String, List<String>> posted) {
        int fragment = url.indexOf('#');
        String withoutFragment = fragment < 0 ? url : url.substring(0, fragment);
        int queryStart = withoutFragment.indexOf('?');
        String base = queryStart < 0 ? withoutFragment : withoutFragment.substring(0, queryStart);
        String rawQuery = queryStart < 0 ? "" : withoutFragment.substring(queryStart + 1);
        StringBuilder query = new StringBuilder();
        new TreeMap<>(FormBody.parse(rawQuery.getBytes(StandardCharsets.UTF_8)).asMap()).forEach((name, values) ->
                sorted(values).forEach(value -> query.append(query.isEmpty() ? "" : "&").append(name).append('=').append(value)));
        StringBuilder signed = new StringBuilder(base);
        if (!query.isEmpty() || !posted.isEmpty()) {
            signed.append('?').append(query);
        }
        if (!query.isEmpty() && !posted.isEmpty()) {
            signed.append('.');
        }
        new TreeMap<>(posted).forEach((name, values) -> sorted(values).forEach(value -> signed.append(name).append(value)));
        return signed.toString();
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    private byte[] sign(String data) throws Exception {
        Mac mac = Mac.getInstance(ALGORITHM);
        mac.init(new SecretKeySpec(authToken, ALGORITHM));
        return Base64.getEncoder().encode(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    }
}
