package dev.textbridge.connector.config;

import dev.textbridge.connector.consent.ConsentStore;
import dev.textbridge.connector.conversation.ConversationStore;
import dev.textbridge.connector.conversation.VisibleRecords;
import dev.textbridge.connector.crm.SellerDirectory;
import dev.textbridge.connector.inbox.InboxStore;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.connector.outbound.AcsSender;
import dev.textbridge.connector.outbound.DeliveryReportApplier;
import dev.textbridge.connector.outbound.OutboundActivitySync;
import dev.textbridge.connector.outbound.OutboundStore;
import dev.textbridge.connector.outbound.PlivoSender;
import dev.textbridge.connector.outbound.SmsSender;
import dev.textbridge.connector.outbound.TelnyxSender;
import dev.textbridge.connector.outbound.TextSender;
import dev.textbridge.connector.outbound.TwilioSender;
import dev.textbridge.connector.outbound.VonageSender;
import dev.textbridge.connector.template.TemplateCatalog;
import dev.textbridge.connector.template.TemplateStore;
import dev.textbridge.crm.api.CrmAdapter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.Pollers;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.reactive.function.client.WebClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Sending texts, and the flows that apply delivery reports and keep the CRM's activities of sent texts current. */
@Configuration(proxyBeanMethods = false)
class OutboundConfiguration {

    private static final int BATCH = 100;
    /** Longer than any send request waits for the provider, so a live request is never settled under its feet. */
    private static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);

    @Bean
    OutboundStore outboundStore(JdbcClient jdbc) {
        return new OutboundStore(jdbc);
    }

    @Bean
    SellerDirectory sellerDirectory(CrmAdapter crm) {
        return new SellerDirectory(crm, Duration.ofMinutes(1));
    }

    @Bean
    @ConditionalOnProperty("textbridge.providers.twilio.account-sid")
    TwilioSender twilioSender(WebClient.Builder webClient, TextbridgeProperties properties, JsonMapper json) {
        TextbridgeProperties.Providers.Twilio twilio = properties.providers().twilio();
        return new TwilioSender(webClient, twilio.baseUrl(), twilio.accountSid(), twilio.authToken(),
                properties.publicBaseUrl(), json);
    }

    @Bean
    @ConditionalOnProperty("textbridge.providers.telnyx.api-key")
    TelnyxSender telnyxSender(WebClient.Builder webClient, TextbridgeProperties properties, JsonMapper json) {
        TextbridgeProperties.Providers.Telnyx telnyx = properties.providers().telnyx();
        return new TelnyxSender(webClient, telnyx.baseUrl(), telnyx.apiKey(), telnyx.messagingProfileId(),
                properties.publicBaseUrl(), json);
    }

    @Bean
    @ConditionalOnProperty("textbridge.providers.plivo.auth-id")
    PlivoSender plivoSender(WebClient.Builder webClient, TextbridgeProperties properties, JsonMapper json) {
        TextbridgeProperties.Providers.Plivo plivo = properties.providers().plivo();
        return new PlivoSender(webClient, plivo.baseUrl(), plivo.authId(), plivo.authToken(), properties.publicBaseUrl(), json);
    }

    @Bean
    @ConditionalOnProperty("textbridge.providers.vonage.api-key")
    VonageSender vonageSender(WebClient.Builder webClient, TextbridgeProperties properties, JsonMapper json) {
        TextbridgeProperties.Providers.Vonage vonage = properties.providers().vonage();
        return new VonageSender(webClient, vonage.baseUrl(), vonage.apiKey(), vonage.apiSecret(),
                properties.publicBaseUrl(), json);
    }

    @Bean
    @ConditionalOnProperty("textbridge.providers.acs.access-key")
    AcsSender acsSender(WebClient.Builder webClient, TextbridgeProperties properties, JsonMapper json, Clock clock) {
        TextbridgeProperties.Providers.Acs acs = properties.providers().acs();
        return new AcsSender(webClient, acs.endpoint(), acs.accessKey(), json, clock);
    }

    @Bean
    TemplateCatalog templateCatalog(JdbcClient jdbc, Clock clock) {
        return new TemplateCatalog(new TemplateStore(jdbc), clock);
    }

    @Bean
    TextSender textSender(OutboundStore store, List<SmsSender> senders, BusinessNumbers numbers, VisibleRecords records,
                          ConversationStore conversations, ConsentStore consent, TemplateCatalog templates,
                          TextbridgeProperties properties, Clock clock) {
        return new TextSender(store, senders, numbers, records, conversations, consent, templates,
                properties.phone().defaultRegion(), clock);
    }

    @Bean
    DeliveryReportApplier deliveryReportApplier(InboxStore reports, OutboundStore texts, Clock clock) {
        return new DeliveryReportApplier(reports, texts, clock);
    }

    @Bean
    OutboundActivitySync outboundActivitySync(OutboundStore texts, CrmAdapter crm) {
        return new OutboundActivitySync(texts, crm);
    }

    @Bean
    IntegrationFlow deliveryReportFlow(DeliveryReportApplier applier, TextbridgeProperties properties) {
        return IntegrationFlow
                .fromSupplier(() -> applier.applyPending(BATCH),
                        endpoint -> endpoint.poller(Pollers.fixedDelay(properties.inbox().pollInterval())))
                .nullChannel();
    }

    @Bean
    IntegrationFlow outboundActivityFlow(OutboundActivitySync sync, TextSender sender, TextbridgeProperties properties) {
        return IntegrationFlow
                .fromSupplier(() -> sender.settleAbandoned(ABANDONED_AFTER, BATCH) + sync.syncPending(BATCH),
                        endpoint -> endpoint.poller(Pollers.fixedDelay(properties.inbox().pollInterval())))
                .nullChannel();
    }
}
