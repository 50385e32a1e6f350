package dev.textbridge.connector.outbound;

import dev.textbridge.mappings.model.DeliveryStatus;
import dev.textbridge.mappings.provider.twilio.TwilioErrorCodes;
import dev.textbridge.mappings.provider.twilio.TwilioSendRequest;
import dev.textbridge.mappings.provider.twilio.TwilioStatusMapping;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Sends through Twilio's Messages API with HTTP Basic (account SID and auth token), asking for delivery reports at
 * the connector's public status webhook.
 */
public class TwilioSender implements SmsSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final WebClient client;
    private final String accountSid;
    private final String statusCallback;
    private final JsonMapper json;

    public TwilioSender(WebClient.Builder builder, String baseUrl, String accountSid, String authToken,
                        String publicBaseUrl, JsonMapper json) {
        this.client = builder.baseUrl(baseUrl)
                .defaultHeaders(h -> h.setBasicAuth(accountSid, authToken))
                .build();
        this.accountSid = accountSid;
        this.statusCallback = publicBaseUrl.replaceAll("/+$", "") + "/webhooks/twilio/status";
        this.json = json;
    }

    @Override
    public String provider() {
        return "twilio";
    }

    @Override
    public ProviderAnswer send(OutboundText text) {
        TwilioSendRequest request = new TwilioSendRequest(text.to(), text.from(), text.body(), statusCallback);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        request.formFields().forEach(form::add);
        String answer = exchange(client.post().uri(TwilioSendRequest.messagesPath(accountSid))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .accept(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromFormData(form)));
        JsonNode body = json.readTree(answer);
        if (body.hasNonNull("sid")) {
            DeliveryStatus status = TwilioStatusMapping.deliveryStatusOf(body.path("status").asString())
                    .orElse(DeliveryStatus.QUEUED);
            if (status == DeliveryStatus.FAILED || status == DeliveryStatus.UNDELIVERED) {
                String code = body.path("error_code").asString(null);
                return new ProviderAnswer(body.get("sid").asString(), status, TwilioErrorCodes.failureReasonOf(code),
                        code, body.path("error_message").asString(null));
            }
            return ProviderAnswer.accepted(body.get("sid").asString(), status);
        }
        String code = body.path("code").isMissingNode() ? null : body.path("code").asString();
        return ProviderAnswer.refused(TwilioErrorCodes.failureReasonOf(code), code, body.path("message").asString(null));
    }

    @Override
    public Optional<ProviderAnswer> findSent(OutboundText text) {
        String day = DateTimeFormatter.ISO_LOCAL_DATE.format(text.createdAt().atOffset(ZoneOffset.UTC).minusDays(1));
        String answer = exchange(client.get().uri(b -> b.path(TwilioSendRequest.messagesPath(accountSid))
                        .queryParam("To", "{to}").queryParam("From", "{from}").queryParam("DateSent>", "{day}")
                        .queryParam("PageSize", 50)
                        .build(text.to(), text.from(), day))
                .accept(MediaType.APPLICATION_JSON));
        for (JsonNode message : json.readTree(answer).path("messages")) {
            if (text.body().equals(message.path("body").asString()) && message.hasNonNull("sid")) {
                DeliveryStatus status = TwilioStatusMapping.deliveryStatusOf(message.path("status").asString())
                        .orElse(DeliveryStatus.QUEUED);
                return Optional.of(ProviderAnswer.accepted(message.get("sid").asString(), status));
            }
        }
        return Optional.empty();
    }

    /** The body of any 2xx or 4xx answer; 5xx and network failures leave the outcome unknown. */
    private String exchange(WebClient.RequestHeadersSpec<?> request) {
        try {
            return request.exchangeToMono(response -> {
                        if (response.statusCode().is5xxServerError()) {
                            return response.releaseBody().then(reactor.core.publisher.Mono.error(new ProviderUnavailableException(
                                    "Twilio answered " + response.statusCode().value(), null)));
                        }
                        return response.bodyToMono(String.class).defaultIfEmpty("{}");
                    })
                    .block(TIMEOUT);
        } catch (WebClientRequestException e) {
            throw new ProviderUnavailableException("Twilio could not be reached: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ProviderUnavailableException("Twilio did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
