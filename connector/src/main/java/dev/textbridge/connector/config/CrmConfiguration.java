package dev.textbridge.connector.config;

import dev.textbridge.connector.configcheck.ConfigurationCheck;
import dev.textbridge.connector.configcheck.StartupConfigurationCheck;
import dev.textbridge.connector.webhook.ProviderWebhook;
import dev.textbridge.crm.api.CrmAdapter;
import dev.textbridge.crm.local.LocalCrm;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;

/** The CRM adapter chosen by {@code textbridge.crm.type}, and the configuration check that uses it. */
@Configuration(proxyBeanMethods = false)
class CrmConfiguration {

    /** After the connector's own migrations, so that each Flyway finds its schema as it expects. */
    @Bean
    @DependsOnDatabaseInitialization
    @ConditionalOnProperty(name = "textbridge.crm.type", havingValue = "local", matchIfMissing = true)
    LocalCrm localCrm(DataSource dataSource, TextbridgeProperties properties, ResourceLoader resources, Clock clock) {
        LocalCrm crm = new LocalCrm(dataSource, properties.phone().defaultRegion(), clock);
        crm.setLatency(properties.crm().local().latency());
        crm.migrate();
        Resource seed = resources.getResource(properties.crm().local().seed());
        try (InputStream in = seed.getInputStream()) {
            crm.seedIfEmpty(in);
        } catch (IOException e) {
            throw new UncheckedIOException("textbridge.crm.local.seed: cannot read " + properties.crm().local().seed(), e);
        }
        return crm;
    }

    /** {@code textbridge_crm_api_calls}: CRM calls since the start, one per call whatever its batch size. */
    @Bean
    @ConditionalOnProperty(name = "textbridge.crm.type", havingValue = "local", matchIfMissing = true)
    MeterBinder localCrmApiCalls(LocalCrm crm) {
        return registry -> Gauge.builder("textbridge.crm.api.calls", crm, LocalCrm::apiCalls)
                .description("CRM adapter calls made since the start, one per call whatever its batch size")
                .register(registry);
    }

    @Bean
    ConfigurationCheck configurationCheck(TextbridgeProperties properties, CrmAdapter crm,
                                          java.util.List<ProviderWebhook> webhooks) {
        return new ConfigurationCheck(properties, crm,
                webhooks.stream().map(ProviderWebhook::provider).collect(java.util.stream.Collectors.toSet()));
    }

    @Bean
    StartupConfigurationCheck startupConfigurationCheck(ConfigurationCheck check) {
        return new StartupConfigurationCheck(check);
    }
}
