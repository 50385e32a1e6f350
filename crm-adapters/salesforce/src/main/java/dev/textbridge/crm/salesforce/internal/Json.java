package dev.textbridge.crm.salesforce.internal;

import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the module (Jackson 3), and JSON string literals. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.shared();

    private Json() {
    }

    static String string(String value) {
        return MAPPER.writeValueAsString(value);
    }
}
