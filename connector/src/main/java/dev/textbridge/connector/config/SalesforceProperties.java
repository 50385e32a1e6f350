package dev.textbridge.connector.config;

import dev.textbridge.mappings.crm.ActivityMappings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code textbridge.crm.salesforce.*}, read when {@code textbridge.crm.type} is {@code salesforce}; README.md documents
 * each key. {@link #toString()} never shows the client secret.
 *
 * @param auth        {@code client-credentials} (default) or {@code jwt-bearer}
 * @param phoneFields per record type ({@code contact}, {@code account}, {@code lead}), the fields holding phones;
 *                    a type left out keeps its defaults
 * @param consentField        the checkbox on Contact and Lead that shows a customer opted out of texts (the setup
 *                            kit's {@code Textbridge_SMS_Opt_Out__c}); unset, consent is kept by the connector only
 * @param consentChangedField the date/time field beside it (the kit's {@code Textbridge_SMS_Consent_Changed__c})
 * @param fieldMapping        a resource location ({@code file:/etc/textbridge/salesforce-fields.yaml}) of the YAML
 *                            saying where texts are written; by default the shipped mapping, a completed Task
 */
@ConfigurationProperties("textbridge.crm.salesforce")
public record SalesforceProperties(
        URI myDomainUrl,
        @DefaultValue("client-credentials") String auth,
        String clientId,
        String clientSecret,
        @DefaultValue Jwt jwt,
        @DefaultValue("65.0") String apiVersion,
        String notificationType,
        Map<String, List<String>> phoneFields,
        Set<String> closedLeadStatuses,
        @DefaultValue("Textbridge_Seller") String smsPermissionSet,
        @DefaultValue("15m") Duration indexLagWindow,
        @DefaultValue("30s") Duration timeout,
        String consentField,
        String consentChangedField,
        @DefaultValue(SalesforceProperties.DEFAULT_FIELD_MAPPING) String fieldMapping) {

    /** The shipped mapping: texts as completed Tasks. */
    public static final String DEFAULT_FIELD_MAPPING = "classpath:" + ActivityMappings.SALESFORCE_DEFAULT;

    /**
     * @param privateKey a resource location ({@code file:/etc/textbridge/salesforce.key}) of the PEM private key
     * @param audience   the JWT {@code aud}; unset picks the login host that fits the My Domain
     */
    public record Jwt(String username, String privateKey, String audience) {
    }

    @Override
    public String toString() {
        return "SalesforceProperties[myDomainUrl=" + myDomainUrl + ", auth=" + auth + ", clientId=" + clientId
                + ", clientSecret=" + (clientSecret == null ? "unset" : "****") + ", jwt=" + jwt + ", apiVersion="
                + apiVersion + ", notificationType=" + notificationType + ", phoneFields=" + phoneFields
                + ", closedLeadStatuses=" + closedLeadStatuses + ", smsPermissionSet=" + smsPermissionSet
                + ", indexLagWindow=" + indexLagWindow + ", timeout=" + timeout + ", consentField=" + consentField
                + ", consentChangedField=" + consentChangedField + ", fieldMapping=" + fieldMapping + "]";
    }
}
