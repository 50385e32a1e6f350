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

    /**
     * @return the body of any 2xx or 4xx answer ({@code {}} when empty)
     * @throws ProviderUnavailableException on a 5xx, a network failure or no answer within {@link #TIMEOUT}
     */
    static String bodyOf(WebClient.RequestHeadersSpec<?> request, String provider) {
        try {
            return request.exchangeToMono(response -> {
                        if (response.statusCode().is5xxServerError()) {
                            return response.releaseBody().then(Mono.<String>error(new ProviderUnavailableException(
                                    provider + " answered " + response.statusCode().value(), null)));
                        }
                        return response.bodyToMono(String.class).defaultIfEmpty("{}");
                    })
                    .block(TIMEOUT);
        } catch (WebClientRequestException e) {
            throw new ProviderUnavailableException(provider + " could not be reached: " + e.getMessage(), e);
        } catch (IllegalStateException e) {
            throw new ProviderUnavailableException(provider + " did not answer within " + TIMEOUT.toSeconds() + " s", e);
        }
    }
}
