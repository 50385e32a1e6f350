package dev.textbridge.crm.salesforce.internal;

import java.util.Objects;

/**
 * An OAuth 2.0 access token and the instance it is good for. {@link #toString()} never shows the token.
 *
 * @param instanceUrl e.g. {@code https://acme.my.salesforce.com}, without a trailing slash
 */
public record AccessToken(String value, String instanceUrl) {
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        instanceUrl = instanceUrl.endsWith("/") ? instanceUrl.substring(0, instanceUrl.length() - 1) : instanceUrl;
    }

    @Override
    public String toString() {
        return "AccessToken[value=****, instanceUrl=" + instanceUrl + "]";
    }
}
