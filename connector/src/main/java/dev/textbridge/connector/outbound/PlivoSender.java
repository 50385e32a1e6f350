package dev.textbridge.connector.outbound;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.provider.plivo.PlivoCallbackParser;
import dev.textbridge.mappings.provider.plivo.PlivoSendRequest;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * Sends through Plivo's Message API with HTTP Basic (auth id and auth token), asking for status callbacks at the
 * connector's public Plivo status webhook.
 */
public class PlivoSender implements SmsSender {

    private final WebClient client;
    private final String authId;
    private final String statusUrl;
    private final JsonMapper json;

    public PlivoSender(WebClient.Builder builder, String baseUrl, String authId, String authToken, String publicBaseUrl,
                       JsonMapper json) {
        this.client = builder.baseUrl(baseUrl).defaultHeaders(h -> h.setBasicAuth(authId, authToken)).build();
        this.authId = authId;
        this.statusUrl = publicBaseUrl.replaceAll("/+$", "") + "/webhooks/plivo/status";
        this.json = json;
    }

    @Override
    public String provider() {
        return PlivoCallbackParser.PROVIDER;
    }

    @Override
    public ProviderAnswer send(OutboundText text) {
        PlivoSendRequest request = new PlivoSendRequest(text.from(), text.to(), text.body(), statusUrl);
        ProviderCall.Answer answer = ProviderCall.answerOf(client.post().uri(PlivoSendRequest.messagePath(authId))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(request.jsonFields())), "Plivo");
        JsonNode body = json.readTree(answer.body());
        JsonNode uuid = body.path("message_uuid").path(0);
        if (answer.status() < 300 && uuid.isString()) {
            return ProviderAnswer.accepted(uuid.asString(), DeliveryStatus.QUEUED);
        }
        // Plivo's API errors carry a sentence ("error"), no code: the HTTP status says whose problem it is.
        FailureReason reason = switch (answer.status()) {
            case 400 -> FailureReason.INVALID_SEND_PARAMETERS;
            case 401, 402, 403 -> FailureReason.PROVIDER_ACCOUNT_PROBLEM;
            default -> FailureReason.UNKNOWN;
        };
        return ProviderAnswer.refused(reason, "http-" + answer.status(), body.path("error").asString(null));
    }

    /**
     * Plivo's message list does not carry the text, so a text whose answer was lost cannot be told apart from
     * another to the same customer: an abandoned one is settled as failed, and a seller's retry with the same
     * idempotency key sends it again.
     */
    @Override
    public Optional<ProviderAnswer> findSent(OutboundText text) {
        return Optional.empty();
    }
}
