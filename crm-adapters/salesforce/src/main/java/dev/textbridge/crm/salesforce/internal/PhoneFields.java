package dev.textbridge.crm.salesforce.internal;

import java.util.Map;

/** The names the contract gives Salesforce's phone fields ({@code business}, {@code mobile}, ...). */
public final class PhoneFields {

    private static final Map<String, String> LOGICAL = Map.of(
            "Phone", "business", "MobilePhone", "mobile", "HomePhone", "home", "OtherPhone", "other",
            "AssistantPhone", "assistant", "Fax", "fax");

    private PhoneFields() {
    }

    /** {@code Phone} is {@code business}, {@code MobilePhone} is {@code mobile}...; a custom field keeps its API name. */
    public static String logicalName(String field) {
        return LOGICAL.getOrDefault(field, field);
    }
}
