package dev.textbridge.connector.config;

import dev.textbridge.connector.webhook.ProviderWebhook;
import dev.textbridge.mappings.provider.plivo.PlivoMapping;
import dev.textbridge.mappings.provider.telnyx.TelnyxMapping;
import dev.textbridge.mappings.provider.twilio.TwilioMapping;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The providers whose webhooks are open: each one that has its secret configured. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

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
}
