package dev.textbridge.connector.config;

import dev.textbridge.connector.configcheck.ConfigCheckContribution;
import dev.textbridge.connector.configcheck.ConfigProblem;
import dev.textbridge.crm.api.RecordType;
import dev.textbridge.crm.salesforce.OrgFinding;
import dev.textbridge.crm.salesforce.SalesforceCrm;
import dev.textbridge.crm.salesforce.SalesforceSettings;
import dev.textbridge.mappings.crm.ActivityMapping;
import dev.textbridge.mappings.crm.ActivityMappings;
import dev.textbridge.mappings.crm.InvalidMappingException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The Salesforce adapter as the {@code CrmAdapter} when {@code textbridge.crm.type} is {@code salesforce}, and its
 * metrics: {@code textbridge.crm.api.calls} (SOAP calls made since the start) and
 * {@code textbridge.crm.salesforce.api.requests.used} / {@code .limit} (the org's rolling 24-hour API usage as
 * Salesforce last reported it), and the org check as part of the configuration check.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "textbridge.crm.type", havingValue = SalesforceCrm.TYPE)
@EnableConfigurationProperties(SalesforceProperties.class)
class SalesforceConfiguration {

    private static final String PREFIX = "textbridge.crm.salesforce.";

    @Bean
    SalesforceCrm salesforceCrm(SalesforceProperties salesforce, TextbridgeProperties properties,
                                ResourceLoader resources, Clock clock) {
        try {
            return new SalesforceCrm(settings(salesforce, properties.phone().defaultRegion(), resources), clock);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException(PREFIX + e.getMessage(), e);
        }
    }

    @Bean
    MeterBinder salesforceApiMetrics(SalesforceCrm crm) {
        return registry -> {
            Gauge.builder("textbridge.crm.api.calls", crm, SalesforceCrm::apiCalls)
                    .description("Salesforce SOAP calls made since the start, each queryMore page and retry included")
                    .register(registry);
            Gauge.builder("textbridge.crm.salesforce.api.requests.used", crm,
                            c -> c.apiUsage().map(usage -> (double) usage.used()).orElse(Double.NaN))
                    .description("API requests the org used in its rolling 24 hours, as Salesforce last reported")
                    .register(registry);
            Gauge.builder("textbridge.crm.salesforce.api.requests.limit", crm,
                            c -> c.apiUsage().map(usage -> (double) usage.limit()).orElse(Double.NaN))
                    .description("API requests the org may make in 24 hours, as Salesforce last reported")
                    .register(registry);
        };
    }

    /**
     * The org check in the configuration check: at start-up and on {@code GET /admin/v1/config-check} the adapter
     * checks the login, the objects and fields it needs, the notification type and the sellers' permission set.
     */
    @Bean
    ConfigCheckContribution salesforceOrgCheck(SalesforceCrm crm) {
        return () -> crm.checkOrg().findings().stream()
                .map(finding -> new ConfigProblem(finding.severity() == OrgFinding.Severity.ERROR
                        ? ConfigProblem.Severity.ERROR : ConfigProblem.Severity.WARNING,
                        finding.setting(), finding.subject(), finding.message()))
                .toList();
    }

    static SalesforceSettings settings(SalesforceProperties salesforce, String defaultRegion, ResourceLoader resources) {
        SalesforceSettings.Auth auth = SalesforceSettings.Auth.fromWireName(salesforce.auth());
        String privateKey = auth == SalesforceSettings.Auth.JWT_BEARER ? read(salesforce.jwt().privateKey(), resources)
                : null;
        return new SalesforceSettings(salesforce.myDomainUrl(), auth, salesforce.clientId(), salesforce.clientSecret(),
                salesforce.jwt().username(), privateKey, salesforce.jwt().audience(), salesforce.apiVersion(),
                salesforce.notificationType(), phoneFields(salesforce.phoneFields()), defaultRegion,
                salesforce.closedLeadStatuses(), salesforce.smsPermissionSet(), salesforce.indexLagWindow(),
                salesforce.timeout(), salesforce.consentField(), salesforce.consentChangedField(),
                activityMapping(salesforce.fieldMapping(), resources));
    }

    /** The admin's field mapping, checked now so that a broken one stops the start naming its YAML path. */
    private static ActivityMapping activityMapping(String location, ResourceLoader resources) {
        String source = location == null || location.isBlank() ? SalesforceProperties.DEFAULT_FIELD_MAPPING
                : location.strip();
        try (InputStream in = resources.getResource(source).getInputStream()) {
            return ActivityMappings.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new UncheckedIOException(PREFIX + "field-mapping: cannot read " + source, e);
        } catch (InvalidMappingException e) {
            throw new IllegalArgumentException("field-mapping: " + e.getMessage(), e);
        }
    }

    private static Map<RecordType, List<String>> phoneFields(Map<String, List<String>> configured) {
        if (configured == null) {
            return null;
        }
        Map<RecordType, List<String>> fields = new EnumMap<>(RecordType.class);
        configured.forEach((type, names) -> fields.put(RecordType.fromWireName(type), names));
        return fields;
    }

    private static String read(String location, ResourceLoader resources) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("jwt.private-key (a resource location such as file:/etc/textbridge/"
                    + "salesforce.key) is required for auth jwt-bearer");
        }
        Resource resource = resources.getResource(location.strip());
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(PREFIX + "jwt.private-key: cannot read " + location, e);
        }
    }
}
