package dev.textbridge.connector.outbound;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.provider.acs.AcsErrorCodes;
import dev.textbridge.mappings.provider.acs.AcsEventParser;
import dev.textbridge.mappings.provider.acs.AcsRequestSigner;
import dev.textbridge.mappings.provider.acs.AcsSendRequest;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Sends through ACS ({@code POST {endpoint}/sms?api-version=2021-03-07}) with each request signed by the access key
 * (HMAC-SHA256), delivery reports asked for. The text's id is its {@code repeatabilityRequestId}, so ACS sends a text
 * once however often the request is repeated.
 */
public class AcsSender implements SmsSender {

    private final WebClient client;
    private final AcsRequestSigner signer;
    private final String host;
    private final String pathAndQuery;
    private final String baseUrl;
    private final JsonMapper json;
    private final Clock clock;

    /** @param endpoint the resource's endpoint, {@code https://<resource>.communication.azure.com} */
    public AcsSender(WebClient.Builder builder, String endpoint, String accessKey, JsonMapper json, Clock clock) {
        URI base = URI.create(endpoint.strip().replaceAll("/+$", ""));
        this.client = builder.build();
        this.signer = new AcsRequestSigner(accessKey);
        boolean defaultPort = base.getPort() < 0 || ("https".equalsIgnoreCase(base.getScheme()) && base.getPort() == 443)
                || ("http".equalsIgnoreCase(base.getScheme()) && base.getPort() == 80);
        // What the Host header carries: the port only when it is not the scheme's default.
        this.host = defaultPort ? base.getHost() : base.getHost() + ":" + base.getPort();
        this.pathAndQuery = (base.getRawPath() == null ? "" : base.getRawPath()) + AcsSendRequest.PATH_AND_QUERY;
        this.baseUrl = base.getScheme() + "://" + host;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public String provider() {
        return AcsEventParser.PROVIDER;
    }

    @Override
    public ProviderAnswer send(OutboundText text) {
        byte[] body = new AcsSendRequest(text.from(), text.to(), text.body(), text.id(), text.createdAt(), text.id()).body();
        AcsRequestSigner.SignedHeaders signed = signer.sign("POST", host, pathAndQuery, body, clock.instant());
        Answer answer = exchange(client.post().uri(URI.create(baseUrl + pathAndQuery))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header("x-ms-date", signed.date())
                .header("x-ms-content-sha256", signed.contentHash())
                .header("Authorization", signed.authorization())
                .bodyValue(body));
        JsonNode recipient = answer.body().path("value").path(0);
        if (recipient.isObject()) {
            if (recipient.path("successful").asBoolean(false) && recipient.hasNonNull("messageId")) {
                return ProviderAnswer.accepted(recipient.get("messageId").asString(), DeliveryStatus.QUEUED);
            }
            int status = recipient.path("httpStatusCode").asInt(0);
            return ProviderAnswer.refused(AcsErrorCodes.ofSendStatus(status), status == 0 ? null : Integer.toString(status),
                    recipient.path("errorMessage").asString(null));
        }
        // The whole request was refused (a bad signature, an unknown sender number): the HTTP status says why.
        JsonNode error = answer.body().path("error");
        return ProviderAnswer.refused(AcsErrorCodes.ofSendStatus(answer.status()), Integer.toString(answer.status()),
                error.path("message").asString("ACS answered " + answer.status()));
    }

    private record Answer(int status, JsonNode body) {
    }

    /** Any 2xx or 4xx answer; a 5xx or no answer leaves the outcome unknown. */
    private Answer exchange(WebClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchangeToMono(response -> {
                        if (response.statusCode().is5xxServerError()) {
                            return response.releaseBody().then(Mono.<Answer>error(new ProviderUnavailableException(
                                    "ACS answered " + response.statusCode().value(), null)));
                        }
                        return response.bodyToMono(String.class).defaultIfEmpty("{}")
                                .map(body -> new Answer(response.statusCode().value(), readTree(body)));
                    })
                    .block(ProviderCall.TIMEOUT);
        } catch (WebClientRequestException e) {
            throw new ProviderUnavailableException("ACS could not be reached: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ProviderUnavailableException("ACS did not answer within " + ProviderCall.TIMEOUT.toSeconds() + " s", e);
        }
    }

    private JsonNode readTree(String body) {
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    /**
     * ACS cannot be searched for sent texts; instead {@link #send} repeats a text's request with the same
     * repeatability id, which ACS answers without sending twice.
     */
    @Override
    public Optional<ProviderAnswer> findSent(OutboundText text) {
        return Optional.empty();
    }
}
