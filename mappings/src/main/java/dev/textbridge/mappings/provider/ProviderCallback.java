package dev.textbridge.mappings.provider;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider's HTTP callback as the connector received it, free of any web framework's types.
 * <p>
 * A class rather than a record only so that it can keep its {@linkplain #form() form fields} once parsed: the
 * signature check and the mapping both read them, and parsing was a tenth of the webhook's CPU.
 */
public final class ProviderCallback {

    private final String publicUrl;
    private final Map<String, List<String>> headers;
    private final String contentType;
    private final byte[] body;
    private FormBody form;

    /**
     * @param publicUrl   the URL the provider called, as the provider saw it: the configured public base URL, the
     *                    path and the query string exactly as received (signatures are computed over it)
     * @param headers     request headers, names in lower case
     * @param contentType the media type without parameters, lower case, or empty
     * @param body        the raw body
     */
    public ProviderCallback(String publicUrl, Map<String, List<String>> headers, String contentType, byte[] body) {
        this.publicUrl = Objects.requireNonNull(publicUrl, "publicUrl");
        this.headers = Map.copyOf(headers);
        this.contentType = contentType == null ? "" : contentType;
        this.body = body == null ? new byte[0] : body;
    }

    public String publicUrl() {
        return publicUrl;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The body read as form fields (whatever its declared content type), parsed once.
     *
     * @throws MalformedCallbackException when the body is not form data
     */
    public FormBody form() {
        // Not synchronized: a callback is read by one thread at a time, and a race would only parse twice.
        FormBody parsed = form;
        if (parsed == null) {
            parsed = FormBody.parse(body);
            form = parsed;
        }
        return parsed;
    }

    @Override
    public String toString() {
        // Neither headers nor body: they hold signatures and customers' texts.
        return "ProviderCallback[" + contentType + " to " + publicUrl.replaceFirst("\\?.*", "") + ", " + body.length + " bytes]";
    }
}
