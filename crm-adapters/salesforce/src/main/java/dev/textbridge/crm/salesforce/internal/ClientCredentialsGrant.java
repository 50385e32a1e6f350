package dev.textbridge.crm.salesforce.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** The client-credentials flow of a connected app or external client app (its Run As user makes every call). */
public record ClientCredentialsGrant(String clientId, String clientSecret) implements TokenGrant {

    @Override
    public Map<String, String> parameters() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return form;
    }

    @Override
    public String toString() {
        return "ClientCredentialsGrant[clientId=" + clientId + ", clientSecret=****]";
    }
}
