package dev.textbridge.crm.salesforce;

import dev.textbridge.crm.api.RecordType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SalesforceSettingsTest {

    private static final URI MY_DOMAIN = URI.create("https://acme.my.salesforce.com");

    @Test
    void defaultsAreTheDocumentedOnes() {
        SalesforceSettings settings = SalesforceSettings.clientCredentials(MY_DOMAIN, "id", "secret");

        assertThat(settings.auth()).isEqualTo(SalesforceSettings.Auth.CLIENT_CREDENTIALS);
        assertThat(settings.apiVersion()).isEqualTo("65.0");
        assertThat(settings.phoneFields()).containsExactlyInAnyOrderEntriesOf(Map.of(
                RecordType.CONTACT, List.of("Phone", "MobilePhone", "HomePhone", "OtherPhone"),
                RecordType.ACCOUNT, List.of("Phone"),
                RecordType.LEAD, List.of("Phone", "MobilePhone")));
        assertThat(settings.indexLagWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(settings.smsPermissionSet()).isEqualTo("Textbridge_Seller");
        assertThat(settings.closedLeadStatuses()).containsExactlyInAnyOrder("Closed - Converted", "Closed - Not Converted");
    }

    @Test
    void secretsNeverAppearInToString() {
        SalesforceSettings client = SalesforceSettings.clientCredentials(MY_DOMAIN, "id", "s3cr3t-value");
        SalesforceSettings jwt = SalesforceSettings.jwtBearer(MY_DOMAIN, "id", "user@acme.example",
                "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----");

        assertThat(client.toString()).doesNotContain("s3cr3t-value").contains("clientSecret=****");
        assertThat(jwt.toString()).doesNotContain("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC").contains("jwtPrivateKey=****");
    }

    @Test
    void phoneFieldsOfOneTypeReplaceItsDefaultsAndLeaveTheOthers() {
        SalesforceSettings settings = SalesforceSettings.clientCredentials(MY_DOMAIN, "id", "secret")
                .withPhoneFields(Map.of(RecordType.ACCOUNT, List.of("Phone", "Fax", "Support_Line__c")));

        assertThat(settings.phoneFields().get(RecordType.ACCOUNT)).containsExactly("Phone", "Fax", "Support_Line__c");
        assertThat(settings.phoneFields().get(RecordType.LEAD)).containsExactly("Phone", "MobilePhone");
    }

    @Test
    void whatCannotWorkIsRefusedWithTheKeyToFix() {
        assertThatThrownBy(() -> SalesforceSettings.clientCredentials(MY_DOMAIN, "id", " "))
                .hasMessageContaining("client-secret");
        assertThatThrownBy(() -> SalesforceSettings.jwtBearer(MY_DOMAIN, "id", null, "pem"))
                .hasMessageContaining("jwt.username");
        assertThatThrownBy(() -> SalesforceSettings.clientCredentials(URI.create("acme.my.salesforce.com"), "id", "s"))
                .hasMessageContaining("my-domain-url");
        assertThatThrownBy(() -> SalesforceSettings.clientCredentials(MY_DOMAIN, "id", "s")
                .withPhoneFields(Map.of(RecordType.CONTACT, List.of("Phone) FROM User --"))))
                .hasMessageContaining("no Salesforce field API name");
        assertThatThrownBy(() -> SalesforceSettings.Auth.fromWireName("password"))
                .hasMessageContaining("client-credentials or jwt-bearer");
    }
}
