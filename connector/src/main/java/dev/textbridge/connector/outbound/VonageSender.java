package dev.textbridge.connector.outbound;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.model.FailureReason;
import dev.textbridge.mappings.provider.vonage.VonageCallbackParser;
import dev.textbridge.mappings.provider.vonage.VonageErrorCodes;
import dev.textbridge.mappings.provider.vonage.VonageSendRequest;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sends through Vonage's SMS API ({@code POST /sms/json}, API key and secret in the form), asking for delivery
 * receipts at the connector's public Vonage status webhook. Each text goes with {@code client-ref} set to our id for
 * it, which is also the text's key for its receipts: Vonage splits a long text into parts, answers one
 * {@code message-id} per part and sends one receipt per part, all carrying that reference.
 */
public class VonageSender implements SmsSender {

    private final WebClient client;
    private final String apiKey;
    private final String apiSecret;
    private final String callback;
    private final JsonMapper json;

    public VonageSender(WebClient.Builder builder, String baseUrl, String apiKey, String apiSecret, String publicBaseUrl,
                        JsonMapper json) {
        this.client = builder.baseUrl(baseUrl).build();
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
        this.callback = publicBaseUrl.replaceAll("/+$", "") + "/webhooks/vonage/status";
        this.json = json;
    }

    @Override
    public String provider() {
        return VonageCallbackParser.PROVIDER;
    }

    /** Accepted when Vonage took at least one part (status {@code 0}); refused with the first part's code otherwise. */
    @Override
    public ProviderAnswer send(OutboundText text) {
        VonageSendRequest request = new VonageSendRequest(text.from(), text.to(), text.body(), callback, text.id());
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        request.formFields(apiKey, apiSecret).forEach(form::add);
        JsonNode answer = json.readTree(ProviderCall.bodyOf(client.post().uri(VonageSendRequest.PATH)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData(form)), "Vonage"));
        List<String> messageIds = new ArrayList<>();
        JsonNode refused = null;
        for (JsonNode part : answer.path("messages")) {
            if ("0".equals(part.path("status").asString(""))) {
                messageIds.add(part.path("message-id").asString(""));
            } else if (refused == null) {
                refused = part;
            }
        }
        if (!messageIds.isEmpty()) {
            return new ProviderAnswer(text.id(), DeliveryStatus.QUEUED, null, null, "Vonage message-id " + messageIds);
        }
        if (refused == null) {
            return ProviderAnswer.refused(FailureReason.UNKNOWN, null,
                    "Vonage answered without messages: " + answer);
        }
        String code = refused.path("status").asString(null);
        return ProviderAnswer.refused(VonageErrorCodes.ofSendStatus(code), code, refused.path("error-text").asString(null));
    }

    /**
     * The SMS API cannot be asked about a text it may have taken (only the separate Reports API can), so a text
     * whose answer was lost is settled as failed, and a seller's retry with the same idempotency key sends it again.
     */
    @Override
    public Optional<ProviderAnswer> findSent(OutboundText text) {
        return Optional.empty();
    }
}
