package dev.textbridge.crm.salesforce.internal;

import dev.textbridge.crm.api.CrmUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API where SOAP has nothing (the custom notification action; queries the org check makes): JSON in, JSON
 * out, with the session's bearer token, renewed and the request repeated once on 401. Every answer's
 * {@code Sforce-Limit-Info} header updates the API usage. 429 and 5xx answers, an exhausted API limit and failures to connect are
 * {@link CrmUnavailableException}; every other answer goes back to the caller, which knows what its body means.
 * Neither the token nor the bodies are logged.
 */
public final class RestClient {

    /** An answer: HTTP status and the parsed body (a missing node when empty or not JSON). */
    public record Response(int status, JsonNode body) {
        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RestClient.class);
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final Session session;
    private final HttpClient http;
    private final String apiVersion;
    private final Duration timeout;
    private final CallCounter calls;

    public RestClient(Session session, HttpClient http, String apiVersion, Duration timeout, CallCounter calls) {
        this.session = session;
        this.http = http;
        this.apiVersion = apiVersion;
        this.timeout = timeout;
        this.calls = calls;
    }

    /** {@code POST <instance>/services/data/v<version><path>} with the JSON body. */
    public Response post(String what, String path, JsonNode body) {
        String json = Json.MAPPER.writeValueAsString(body);
        return exchange(what, token -> HttpRequest.newBuilder(uri(token, path))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** {@code GET <instance>/services/data/v<version>/query/?q=<soql>}: the first page of a SOQL query. */
    public Response query(String what, String soql) {
        String path = "/query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
        return exchange(what, token -> HttpRequest.newBuilder(uri(token, path)).GET());
    }

    /**
     * {@code GET <instance><path>} for a path Salesforce answered with, such as a query's {@code nextRecordsUrl}
     * ({@code /services/data/vNN.0/query/01g...-2000}): the next page of a query.
     */
    public Response next(String what, String path) {
        if (!path.startsWith("/services/data/")) {
            throw new CrmUnavailableException("Salesforce " + what + " answered an unexpected next page: " + path);
        }
        return exchange(what, token -> HttpRequest.newBuilder(URI.create(token.instanceUrl() + path)).GET());
    }

    /** The path of a SOQL query under this client's API version, as a composite subrequest names it. */
    public String queryPath(String soql) {
        return "/services/data/v" + apiVersion + "/query/?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8);
    }

    private URI uri(AccessToken token, String path) {
        return URI.create(token.instanceUrl() + "/services/data/v" + apiVersion + path);
    }

    private Response exchange(String what, Function<AccessToken, HttpRequest.Builder> requestFor) {
        AccessToken token = session.current();
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = requestFor.apply(token)
                    .timeout(timeout)
                    .header("Authorization", "Bearer " + token.value())
                    .header("Accept", "application/json")
                    .build();
            HttpResponse<String> response = send(what, request);
            response.headers().firstValue("Sforce-Limit-Info").ifPresent(this::recordUsage);
            int status = response.statusCode();
            JsonNode answer = parse(response.body());
            if (status == 401 && attempt == 1) {
                log.info("Salesforce rejected the session during {} ({}); fetching a new token and repeating the call",
                        what, errorCode(answer));
                token = session.renew(token);
                continue;
            }
            if (status == 401) {
                throw new CrmUnavailableException("Salesforce " + what + " failed: " + errorCode(answer)
                        + " (a fresh token was rejected too; check the app's Run As user and its permissions)");
            }
            if (status == 429 || status >= 500 || "REQUEST_LIMIT_EXCEEDED".equals(errorCode(answer))) {
                throw new CrmUnavailableException("Salesforce " + what + " answered HTTP " + status
                        + response.headers().firstValue("Retry-After").map(s -> " (Retry-After " + s + ")").orElse("")
                        + (answer.isMissingNode() ? "" : ", " + errorCode(answer)) + "; retrying later");
            }
            return new Response(status, answer);
        }
    }

    /** The {@code errorCode} of a REST error answer ({@code [{"message": ..., "errorCode": ...}]}), or "no error code". */
    public static String errorCode(JsonNode answer) {
        JsonNode first = answer.isArray() ? answer.path(0) : answer;
        String code = first.path("errorCode").asString("");
        return code.isEmpty() ? "no error code" : code;
    }

    /** The {@code message} of a REST error answer, or empty. */
    public static String errorMessage(JsonNode answer) {
        JsonNode first = answer.isArray() ? answer.path(0) : answer;
        return first.path("message").asString("");
    }

    private HttpResponse<String> send(String what, HttpRequest request) {
        try {
            calls.apiCall();
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CrmUnavailableException("Salesforce " + what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CrmUnavailableException("interrupted during Salesforce " + what, e);
        }
    }

    private void recordUsage(String header) {
        Matcher usage = API_USAGE.matcher(header);
        if (usage.find()) {
            calls.usage(Long.parseLong(usage.group(1)), Long.parseLong(usage.group(2)));
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text == null || text.isBlank() ? MissingNode.getInstance() : Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            return MissingNode.getInstance();
        }
    }
}
