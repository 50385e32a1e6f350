package dev.textbridge.crm.salesforce;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * CI's check of the SFDX setup kit ({@code sfdx/}): deploying it needs an org, so CI checks that it is well formed
 * and holds what the adapter needs, and that the check fails on a broken copy.
 */
class SetupKitTest {

    static final Path PROJECT = Path.of("sfdx");
    static final Path SOURCES = Path.of("src", "main", "java");
    private static final String DEFAULT = "force-app/main/default/";

    @Test
    void theKitIsWellFormedAndHoldsEveryFieldTheAdapterUses() {
        assertThat(SetupKitCheck.check(PROJECT, SOURCES)).isEmpty();
    }

    @Test
    void theKitHasEveryPieceAnAdminNeeds() {
        assertThat(PROJECT.resolve(DEFAULT + "permissionsets/Textbridge_Integration.permissionset-meta.xml")).exists();
        assertThat(PROJECT.resolve(DEFAULT + "permissionsets/" + SalesforceSettings.DEFAULT_SMS_PERMISSION_SET
                + ".permissionset-meta.xml")).as("the sellers' permission set the adapter looks for by default").exists();
        assertThat(PROJECT.resolve(DEFAULT + "notificationtypes/Textbridge_Inbound_Text.notiftype-meta.xml")).exists();
        assertThat(PROJECT.resolve(DEFAULT + "lwc/textbridgePanel/textbridgePanel.js-meta.xml")).exists();
        assertThat(PROJECT.resolve(DEFAULT + "tabs/Textbridge_Messages.tab-meta.xml")).exists();
        assertThat(PROJECT.resolve(DEFAULT + "cspTrustedSites/Textbridge_Connector.cspTrustedSite-meta.xml")).exists();
        assertThat(PROJECT.resolve(DEFAULT + "classes/TextbridgePanelToken.cls")).exists();
    }

    @Test
    void theComponentShowsOnTheFourRecordPagesAndAsATab() throws IOException {
        String meta = Files.readString(PROJECT.resolve(DEFAULT + "lwc/textbridgePanel/textbridgePanel.js-meta.xml"));

        assertThat(meta).contains("<target>lightning__RecordPage</target>", "<target>lightning__Tab</target>",
                "<object>Contact</object>", "<object>Account</object>", "<object>Lead</object>",
                "<object>Opportunity</object>");
    }

    /** The Apex test's HS256 vector, checked here with the JDK, so the Apex test holds the class to a true value. */
    @Test
    void theApexTestsSignatureVectorIsTrue() throws Exception {
        String apexTest = Files.readString(PROJECT.resolve(DEFAULT + "classes/TextbridgePanelTokenTest.cls"));
        String input = constant(apexTest, "VECTOR_INPUT");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(constant(apexTest, "VECTOR_SECRET").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

        String signature = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));

        assertThat(signature).isEqualTo(constant(apexTest, "VECTOR_SIGNATURE"));
    }

    static Stream<Arguments> breakages() {
        return Stream.of(
                arguments("a field file cut short", "objects/Lead/fields/Textbridge_Key__c.field-meta.xml",
                        (Breakage) text -> text.substring(0, text.length() / 2),
                        "objects/Lead/fields/Textbridge_Key__c.field-meta.xml: is not well-formed XML"),
                arguments("the wrong root element", "notificationtypes/Textbridge_Inbound_Text.notiftype-meta.xml",
                        (Breakage) text -> text.replace("CustomNotificationType", "CustomNotification"),
                        "needs {http://soap.sforce.com/2006/04/metadata}CustomNotificationType"),
                arguments("the root outside the Metadata API namespace",
                        "permissionsets/Textbridge_Seller.permissionset-meta.xml",
                        (Breakage) text -> text.replace("http://soap.sforce.com/2006/04/metadata", "urn:wrong"),
                        "has root element {urn:wrong}PermissionSet"),
                arguments("a misspelt element", "objects/Activity/fields/Textbridge_Key__c.field-meta.xml",
                        (Breakage) text -> text.replace("externalId>", "externalID>"),
                        "has <externalID>, which CustomField does not know"),
                arguments("a field without its label", "objects/Activity/fields/Textbridge_Failure_Reason__c.field-meta.xml",
                        (Breakage) text -> text.replaceAll("<label>.*</label>", ""),
                        "lacks <label>, which every CustomField needs"),
                arguments("the Task key no longer unique", "objects/Activity/fields/Textbridge_Key__c.field-meta.xml",
                        (Breakage) text -> text.replace("<unique>true</unique>", "<unique>false</unique>"),
                        "defines Task.Textbridge_Key__c without <unique>true</unique>"),
                arguments("the integration user unable to write the delivery status",
                        "permissionsets/Textbridge_Integration.permissionset-meta.xml",
                        (Breakage) text -> text.replace("<editable>true</editable>\n        <field>Task.Textbridge_Delivery_Status__c",
                                "<editable>false</editable>\n        <field>Task.Textbridge_Delivery_Status__c"),
                        "does not let the integration user edit Task.Textbridge_Delivery_Status__c"),
                arguments("a permission for a field the kit lacks",
                        "permissionsets/Textbridge_Seller.permissionset-meta.xml",
                        (Breakage) text -> text.replace("Task.Textbridge_Failure_Reason__c", "Task.Textbridge_Reason__c"),
                        "grants access to Task.Textbridge_Reason__c, which the kit does not define"),
                arguments("an Apex class at another API version", "classes/TextbridgePanelToken.cls-meta.xml",
                        (Breakage) text -> text.replace("65.0", "64.0"),
                        "has apiVersion 64.0 but the project's sourceApiVersion is 65.0"),
                arguments("a component target that does not exist", "lwc/textbridgePanel/textbridgePanel.js-meta.xml",
                        (Breakage) text -> text.replace("<target>lightning__Tab</target>", "<target>lightning__Tabs</target>"),
                        "names target lightning__Tabs, which is no Lightning target"),
                arguments("a component calling an Apex method that is not there", "lwc/textbridgePanel/textbridgePanel.js",
                        (Breakage) text -> text.replace("TextbridgePanelToken.mint", "TextbridgePanelToken.mintToken"),
                        "imports TextbridgePanelToken.mintToken, which is no @AuraEnabled public static method"),
                arguments("a trusted site with a path", "cspTrustedSites/Textbridge_Connector.cspTrustedSite-meta.xml",
                        (Breakage) text -> text.replace("https://textbridge.example.com", "https://textbridge.example.com/panel/"),
                        "it must be an https origin"));
    }

    @FunctionalInterface
    interface Breakage {
        String apply(String text);
    }

    @ParameterizedTest(name = "a copy with {0} fails the check")
    @MethodSource("breakages")
    void aBrokenCopyFailsTheCheck(String what, String file, Breakage breakage, String expected,
                                  @TempDir Path copy) throws IOException {
        copyKit(copy);
        Path broken = copy.resolve(DEFAULT + file);
        String original = Files.readString(broken);
        String changed = breakage.apply(original);
        assertThat(changed).as("the breakage changes the file").isNotEqualTo(original);
        Files.writeString(broken, changed);

        assertThat(SetupKitCheck.check(copy, null)).anySatisfy(problem -> assertThat(problem).contains(expected));
    }

    @Test
    void aCopyMissingAFieldTheAdapterWritesFailsTheCheck(@TempDir Path copy) throws IOException {
        copyKit(copy);
        Files.delete(copy.resolve(DEFAULT + "objects/Activity/fields/Textbridge_Delivery_Status__c.field-meta.xml"));

        assertThat(SetupKitCheck.check(copy, SOURCES)).anySatisfy(problem -> assertThat(problem)
                .contains("lacks Task.Textbridge_Delivery_Status__c, which the adapter writes"))
                .anySatisfy(problem -> assertThat(problem).contains(
                        "uses the custom field Textbridge_Delivery_Status__c, which the setup kit does not define"));
    }

    @Test
    void aComponentWithoutItsMetadataFailsTheCheck(@TempDir Path copy) throws IOException {
        copyKit(copy);
        Files.delete(copy.resolve(DEFAULT + "lwc/textbridgePanel/textbridgePanel.js-meta.xml"));

        assertThat(SetupKitCheck.check(copy, null)).anySatisfy(problem -> assertThat(problem)
                .contains("is a component bundle without textbridgePanel.js-meta.xml"));
    }

    @Test
    void aProjectFileWithoutItsPackageDirectoryFailsTheCheck(@TempDir Path copy) throws IOException {
        copyKit(copy);
        Path project = copy.resolve("sfdx-project.json");
        Files.writeString(project, Files.readString(project).replace("\"force-app\"", "\"force-apps\""));

        assertThat(SetupKitCheck.check(copy, null)).anySatisfy(problem -> assertThat(problem)
                .contains("sfdx-project.json: names a package directory that does not exist"));
    }

    @Test
    void aProjectFileThatIsNoJsonFailsTheCheck(@TempDir Path copy) throws IOException {
        copyKit(copy);
        Files.writeString(copy.resolve("sfdx-project.json"), "{\"packageDirectories\": [");

        assertThat(SetupKitCheck.check(copy, null)).singleElement().satisfies(problem -> assertThat(problem)
                .startsWith("sfdx-project.json: cannot be read as JSON"));
    }

    private static void copyKit(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(PROJECT)) {
            for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
                Path to = target.resolve(PROJECT.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        }
    }

    private static String constant(String apex, String name) {
        Matcher declaration = Pattern.compile("String " + name + " = ((?:'[^']*'\\s*\\+?\\s*)+);").matcher(apex);
        assertThat(declaration.find()).as(name + " in the Apex test").isTrue();
        StringBuilder value = new StringBuilder();
        Matcher parts = Pattern.compile("'([^']*)'").matcher(declaration.group(1));
        while (parts.find()) {
            value.append(parts.group(1));
        }
        return value.toString();
    }
}
