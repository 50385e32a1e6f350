package dev.textbridge.mappings.provider;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fields of an {@code application/x-www-form-urlencoded} body, in order, with repeated names kept. */
public final class FormBody {

    /** The media type of a form post, as {@link ProviderCallback#contentType()} gives it. */
    public static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

    private final Map<String, List<String>> fields;

    private FormBody(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    /** @throws MalformedCallbackException when the body is not form data */
    public static FormBody parse(byte[] body) {
        String text = utf8(body, "the body is not form data (it is not UTF-8)");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new MalformedCallbackException("the body is not form data (expected name=value pairs joined by '&')");
            }
            String name = decode(pair.substring(0, eq));
            String value = decode(pair.substring(eq + 1));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        fields.replaceAll((name, values) -> List.copyOf(values));
        return new FormBody(fields);
    }

    // URLDecoder would turn bytes that are not UTF-8 into U+FFFD without a word; a callback must not lose text silently.
    private static String decode(String encoded) {
        if (encoded.indexOf('%') < 0 && encoded.indexOf('+') < 0) {
            return encoded;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 1 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new MalformedCallbackException("the body is not form data (bad percent-encoding)");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                int end = i;
                while (end < encoded.length() && encoded.charAt(end) != '+' && encoded.charAt(end) != '%') {
                    end++;
                }
                bytes.writeBytes(encoded.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return utf8(bytes.toByteArray(), "the body is not form data (a percent-encoded value is not UTF-8)");
    }

    private static String utf8(byte[] bytes, String reason) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedCallbackException(reason, e);
        }
    }

    /** The first value of a field, or null. */
    public String first(String name) {
        List<String> values = fields.get(name);
        return values == null ? null : values.get(0);
    }

    /** The first value of a field, which must be present and not blank. */
    public String required(String name) {
        String value = first(name);
        if (value == null || value.isBlank()) {
            throw new MalformedCallbackException("the field '" + name + "' is missing");
        }
        return value;
    }

    /** Every field with all its values, in the order they came; neither the map nor its lists can be changed. */
    public Map<String, List<String>> asMap() {
        return Collections.unmodifiableMap(fields);
    }
}
