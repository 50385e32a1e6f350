package dev.textbridge.connector.outbound;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.provider.telnyx.TelnyxCallbackParser;
import dev.textbridge.mappings.provider.telnyx.TelnyxErrorCodes;
import dev.textbridge.mappings.provider.telnyx.TelnyxSendRequest;
import dev.textbridge.mappings.provider.telnyx.TelnyxStatusMapping;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;

/**
 * Sends through Telnyx's {@code POST /v2/messages} with the API key as bearer token, asking for the message's events
 * at the connector's public Telnyx status webhook.
 */
public class TelnyxSender implements SmsSender {

    private final WebClient client;
    private final String messagingProfileId;
    private final String webhookUrl;
    private final JsonMapper json;

    public TelnyxSender(WebClient.Builder builder, String baseUrl, String apiKey, String messagingProfileId,
                        String publicBaseUrl, JsonMapper json) {
        this.client = builder.baseUrl(baseUrl).defaultHeaders(h -> h.setBearerAuth(apiKey)).build();
        this.messagingProfileId = messagingProfileId;
        this.webhookUrl = publicBaseUrl.replaceAll("/+$", "") + "/webhooks/telnyx/status";
        this.json = json;
    }

    @Override
    public String provider() {
        return TelnyxCallbackParser.PROVIDER;
    }

    @Override
    public ProviderAnswer send(OutboundText text) {
        TelnyxSendRequest request = new TelnyxSendRequest(text.from(), text.to(), text.body(), messagingProfileId, webhookUrl);
        JsonNode answer = json.readTree(ProviderCall.bodyOf(client.post().uri(TelnyxSendRequest.MESSAGES_PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(json.writeValueAsString(request.jsonFields())), "Telnyx"));
        JsonNode message = answer.path("data");
        if (message.hasNonNull("id")) {
            DeliveryStatus status = TelnyxStatusMapping.deliveryStatusOf(message.path("to").path(0).path("status").asString(""))
                    .orElse(DeliveryStatus.QUEUED);
            return ProviderAnswer.accepted(message.get("id").asString(), status);
        }
        String code = TelnyxCallbackParser.errorCode(answer.path("errors"));
        JsonNode error = answer.path("errors").path(0);
        String detail = error.path("detail").asString(error.path("title").asString(null));
        return ProviderAnswer.refused(TelnyxErrorCodes.failureReasonOf(code), code, detail);
    }

    /**
     * Telnyx's messages API has no search of sent messages by sender, recipient and text (only its reporting API
     * has), so a text whose answer was lost cannot be looked up: an abandoned one is settled as failed, and a
     * seller's retry with the same idempotency key sends it again.
     */
    @Override
    public Optional<ProviderAnswer> findSent(OutboundText text) {
        return Optional.empty();
    }
}
