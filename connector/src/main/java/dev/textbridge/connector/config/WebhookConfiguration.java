package dev.textbridge.connector.config;

import dev.textbridge.connector.consent.ConsentStore;
import dev.textbridge.connector.inbox.GroupCommitter;
import dev.textbridge.connector.webhook.ProviderWebhook;
import dev.textbridge.connector.webhook.WebhookEndpoint;
import dev.textbridge.mappings.model.DeliveryReport;
import dev.textbridge.mappings.model.InboundMessage;
import dev.textbridge.mappings.provider.acs.AcsEvents;
import dev.textbridge.mappings.provider.acs.AcsMapping;
import dev.textbridge.mappings.provider.plivo.PlivoMapping;
import dev.textbridge.mappings.provider.telnyx.TelnyxMapping;
import dev.textbridge.mappings.provider.twilio.TwilioMapping;
import dev.textbridge.mappings.provider.vonage.VonageMapping;
import dev.textbridge.mappings.provider.vonage.VonageSignatureMethod;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The providers whose webhooks are open (each one that has its secret configured), and their endpoint. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);

    @Bean
    WebhookEndpoint webhookEndpoint(List<ProviderWebhook> providers, GroupCommitter<InboundMessage> texts,
                                    GroupCommitter<DeliveryReport> reports, ConsentStore consent,
                                    TextbridgeProperties properties, Clock clock, MeterRegistry meters) {
        return new WebhookEndpoint(providers, texts, reports, consent, properties, clock, meters);
    }

    @Bean
    RouterFunction<ServerResponse> webhookRoutes(WebhookEndpoint endpoint) {
        return endpoint.routes();
    }

    @Bean
    @ConditionalOnProperty("textbridge.providers.twilio.auth-token")
    ProviderWebhook twilioWebhook(TextbridgeProperties properties) {
        return new ProviderWebhook(new TwilioMapping(properties.providers().twilio().authToken(),
                properties.phone().defaultRegion()), ProviderWebhook.EMPTY_TWIML);
    }

    @Bean
    @ConditionalOnProperty("textbridge.providers.telnyx.public-key")
    ProviderWebhook telnyxWebhook(TextbridgeProperties properties, Clock clock) {
        TextbridgeProperties.Providers.Telnyx telnyx = properties.providers().telnyx();
        return new ProviderWebhook(new TelnyxMapping(telnyx.publicKey(), telnyx.timestampTolerance(), clock,
                properties.phone().defaultRegion()), ProviderWebhook.EMPTY_JSON);
    }

    @Bean
    @ConditionalOnProperty("textbridge.providers.plivo.auth-token")
    ProviderWebhook plivoWebhook(TextbridgeProperties properties) {
        return new ProviderWebhook(new PlivoMapping(properties.providers().plivo().authToken(),
                properties.phone().defaultRegion()), ProviderWebhook.EMPTY_PLIVO_XML);
    }

    /** Vonage expects a 200 or 204 and reads nothing in it. */
    @Bean
    @ConditionalOnProperty("textbridge.providers.vonage.signature-secret")
    ProviderWebhook vonageWebhook(TextbridgeProperties properties, Clock clock) {
        TextbridgeProperties.Providers.Vonage vonage = properties.providers().vonage();
        return new ProviderWebhook(new VonageMapping(vonage.signatureSecret(),
                VonageSignatureMethod.ofConfigName(vonage.signatureMethod()), vonage.apiKey(),
                properties.phone().defaultRegion(), clock), ProviderWebhook.EMPTY_JSON);
    }

    /** Event Grid posts everything to {@code /webhooks/acs/events}; its validation event is answered with its code. */
    @Bean
    @ConditionalOnProperty("textbridge.providers.acs.webhook-secret")
    ProviderWebhook acsWebhook(TextbridgeProperties properties, JsonMapper json) {
        AcsMapping mapping = new AcsMapping(properties.providers().acs().webhookSecret(), properties.phone().defaultRegion());
        return new ProviderWebhook(mapping, ProviderWebhook.EMPTY_JSON, (callback, receivedAt) -> {
            AcsEvents events = mapping.events(callback, receivedAt);
            if (!events.ignoredTypes().isEmpty()) {
                // Acknowledged all the same: refusing them would only make Event Grid retry them for a day.
                log.info("Ignored Event Grid events of types {}: the subscription delivers more than SMS events",
                        events.ignoredTypes());
            }
            Optional<ProviderWebhook.Acknowledgement> validation = events.validationCode().map(code ->
                    new ProviderWebhook.Acknowledgement("application/json",
                            json.writeValueAsString(java.util.Map.of("validationResponse", code))));
            return new ProviderWebhook.Events(events.inbound(), events.reports(), validation);
        });
    }
}
