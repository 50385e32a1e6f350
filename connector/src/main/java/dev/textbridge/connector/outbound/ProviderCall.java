package dev.textbridge.connector.outbound;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** One blocking call to a provider's send API, where only a 5xx or no answer at all leaves the outcome unknown. */
final class ProviderCall {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private ProviderCall() {
    }

    /** A 2xx or 4xx answer: its status code and body ({@code {}} when empty). */
    record Answer(int status, String body) {
    }

    /** @see #answerOf */
    static String bodyOf(WebClient.RequestHeadersSpec<?> request, String provider) {
        return answerOf(request, provider).body();
    }

    /**
     * @return any 2xx or 4xx answer
     * @throws ProviderUnavailableException on a 5xx, a network failure or no answer within {@link #TIMEOUT}
     */
    static Answer answerOf(WebClient.RequestHeadersSpec<?> request, String provider) {
        try {
            return request.exchangeToMono(response -> {
                        if (response.statusCode().is5xxServerError()) {
                            return response.releaseBody().then(Mono.<Answer>error(new ProviderUnavailableException(
                                    provider + " answered " + response.statusCode().value(), null)));
                        }
                        int status = response.statusCode().value();
                        return response.bodyToMono(String.class).defaultIfEmpty("{}").map(body -> new Answer(status, body));
                    })
                    .block(TIMEOUT);
        } catch (WebClientRequestException e) {
            throw new ProviderUnavailableException(provider + " could not be reached: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ProviderUnavailableException(provider + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
