package dev.textbridge.connector.config;

import dev.textbridge.crm.local.LocalCrm;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * For benchmarks and demos with the local CRM: {@code textbridge.crm.local.latency} (default {@code 0ms}) makes each
 * of its CRM calls wait as long as a remote CRM's round trip would, and the gauge {@code textbridge.crm.api.calls}
 * (Prometheus: {@code textbridge_crm_api_calls}) shows how many CRM calls it has answered since the start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "textbridge.crm.type", havingValue = "local", matchIfMissing = true)
class LocalCrmLatencyConfiguration {

    @Bean
    MeterBinder localCrmApiCalls(LocalCrm crm, @Value("${textbridge.crm.local.latency:0ms}") Duration latency) {
        crm.setLatency(latency);
        return registry -> Gauge.builder("textbridge.crm.api.calls", crm, LocalCrm::apiCalls)
                .description("CRM adapter calls made since the start, one per call whatever its batch size")
                .register(registry);
    }
}
