package dev.textbridge.connector.config;

import dev.textbridge.connector.webhook.ProviderWebhook;
import dev.textbridge.mappings.provider.twilio.TwilioMapping;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The providers whose webhooks are open: each one that has its secret configured. */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

    @Bean
    @ConditionalOnProperty("textbridge.providers.twilio.auth-token")
    ProviderWebhook twilioWebhook(TextbridgeProperties properties) {
        return new ProviderWebhook(new TwilioMapping(properties.providers().twilio().authToken(),
                properties.phone().defaultRegion()), ProviderWebhook.EMPTY_TWIML);
    }
}
