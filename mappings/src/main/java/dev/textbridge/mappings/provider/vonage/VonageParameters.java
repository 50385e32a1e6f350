package dev.textbridge.mappings.provider.vonage;

import dev.textbridge.mappings.provider.FormBody;
import dev.textbridge.mappings.provider.MalformedCallbackException;
import dev.textbridge.mappings.provider.ProviderCallback;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of an SMS API webhook as Vonage sends them, whichever HTTP method the account chose: the query string
 * of a GET, the query and form fields of a POST form, or the top-level fields of a POST JSON body. A name that appears
 * twice keeps its first value, as a servlet's parameter map would give it to Vonage's own SDK.
 */
final class VonageParameters {

    static final String JSON = "application/json";
    static final String FORM = "application/x-www-form-urlencoded";
    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private VonageParameters() {
    }

    /** @throws MalformedCallbackException when the body cannot be read */
    static Map<String, String> of(ProviderCallback callback) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (JSON.equals(callback.contentType())) {
            JsonNode body = json(callback.body());
            for (Map.Entry<String, JsonNode> field : body.properties()) {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    parameters.putIfAbsent(field.getKey(), field.getValue().asString());
                }
            }
            return Collections.unmodifiableMap(parameters);
        }
        String query = rawQuery(callback.publicUrl());
        if (!query.isEmpty()) {
            firstValues(FormBody.parse(query.getBytes(StandardCharsets.UTF_8)), parameters);
        }
        if (FORM.equals(callback.contentType())) {
            firstValues(callback.form(), parameters);
        }
        return Collections.unmodifiableMap(parameters);
    }

    /** The body as a JSON object. */
    static JsonNode json(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedCallbackException("the body is not JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new MalformedCallbackException("the body is not a JSON object");
        }
        return node;
    }

    static boolean isMessagesApi(ProviderCallback callback) {
        return JSON.equals(callback.contentType()) && json(callback.body()).has("message_uuid");
    }

    private static void firstValues(FormBody form, Map<String, String> into) {
        for (Map.Entry<String, List<String>> field : form.asMap().entrySet()) {
            into.putIfAbsent(field.getKey(), field.getValue().get(0));
        }
    }

    private static String rawQuery(String url) {
        int query = url.indexOf('?');
        if (query < 0) {
            return "";
        }
        int fragment = url.indexOf('#', query);
        return url.substring(query + 1, fragment < 0 ? url.length() : fragment);
    }
}
