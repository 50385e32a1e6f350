package dev.textbridge.mappings.provider;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A provider's HTTP callback as the connector received it, free of any web framework's types.
 *
 * @param publicUrl   the URL the provider called, as the provider saw it: the configured public base URL, the
 *                    path and the query string exactly as received (signatures are computed over it)
 * @param headers     request headers, names in lower case
 * @param contentType the media type without parameters, lower case, or empty
 * @param body        the raw body
 */
public record ProviderCallback(String publicUrl, Map<String, List<String>> headers, String contentType, byte[] body) {
    public ProviderCallback {
        Objects.requireNonNull(publicUrl, "publicUrl");
        headers = Map.copyOf(headers);
        contentType = contentType == null ? "" : contentType;
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, by case-insensitive name, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
