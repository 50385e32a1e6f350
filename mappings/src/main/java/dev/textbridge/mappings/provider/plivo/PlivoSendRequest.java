package dev.textbridge.mappings.provider.plivo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A text to send through Plivo's Message API ({@code POST /v1/Account/{auth_id}/Message/}), as the JSON fields Plivo
 * expects. Numbers go without the leading {@code +}, as Plivo writes them in its examples and callbacks.
 *
 * @param url where Plivo posts this message's status callbacks (with {@code method} POST)
 */
public record PlivoSendRequest(String src, String dst, String text, String url) {

    public PlivoSendRequest {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(text, "text");
    }

    /** The path of the Message resource for an account, below the API's base URL. */
    public static String messagePath(String authId) {
        return "/v1/Account/" + authId + "/Message/";
    }

    public Map<String, String> jsonFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("src", withoutPlus(src));
        fields.put("dst", withoutPlus(dst));
        fields.put("text", text);
        fields.put("type", "sms");
        if (url != null) {
            fields.put("url", url);
            fields.put("method", "POST");
        }
        return fields;
    }

    private static String withoutPlus(String number) {
        return number.startsWith("+") ? number.substring(1) : number;
    }
}
