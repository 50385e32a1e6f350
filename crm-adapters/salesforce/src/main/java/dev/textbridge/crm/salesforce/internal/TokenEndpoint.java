package dev.textbridge.crm.salesforce.internal;

import dev.textbridge.crm.api.CrmUnavailableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code POST <my-domain-url>/services/oauth2/token}: form body in, JSON with {@code access_token} and
 * {@code instance_url} out. Neither the form nor the answer is ever logged.
 */
public final class TokenEndpoint {

    private final HttpClient http;
    private final URI uri;
    private final TokenGrant grant;
    private final Duration timeout;
    private final CallCounter calls;

    public TokenEndpoint(HttpClient http, URI myDomainUrl, TokenGrant grant, Duration timeout, CallCounter calls) {
        this.http = http;
        String base = myDomainUrl.toString();
        this.uri = URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/services/oauth2/token");
        this.grant = grant;
        this.timeout = timeout;
        this.calls = calls;
    }

    public AccessToken fetch() {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(grant.parameters())))
                .build();
        HttpResponse<String> response;
        try {
            calls.tokenRequest();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CrmUnavailableException("Salesforce token endpoint " + uri + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("interrupted while fetching a Salesforce token", e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() == 429 || response.statusCode() >= 500) {
            throw new CrmUnavailableException("Salesforce token endpoint answered HTTP " + response.statusCode()
                    + "; retrying later");
        }
        if (response.statusCode() != 200) {
            String error = body == null ? "" : body.path("error").asString("");
            String description = body == null ? "" : body.path("error_description").asString("");
            throw new CrmUnavailableException("Salesforce refused the token request (HTTP " + response.statusCode()
                    + (error.isEmpty() ? "" : ", " + error) + (description.isEmpty() ? "" : ": " + description)
                    + "); check client-id, client-secret or the JWT certificate, and that the app allows this flow");
        }
        String token = body == null ? "" : body.path("access_token").asString("");
        String instanceUrl = body == null ? "" : body.path("instance_url").asString("");
        if (token.isEmpty() || instanceUrl.isEmpty()) {
            throw new CrmUnavailableException("Salesforce token answer lacks access_token or instance_url");
        }
        return new AccessToken(token, instanceUrl);
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? null : Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
