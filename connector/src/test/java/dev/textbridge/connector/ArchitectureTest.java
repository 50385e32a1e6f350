package dev.textbridge.connector;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Dependencies point one way, connector -> crm-adapters -> mappings, and the domain stays free of frameworks. */
@AnalyzeClasses(packages = "dev.textbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule mappingsDependOnNoOtherModule = noClasses()
            .that().resideInAPackage("dev.textbridge.mappings..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.textbridge.crm..", "dev.textbridge.connector..");

    @ArchTest
    /** Jackson 3 (the project's one JSON library) is allowed: JSON webhooks (Telnyx, ACS) are read in mappings. */
    static final ArchRule mappingsKnowNothingOfSpringOrHttpFrameworks = noClasses()
            .that().resideInAPackage("dev.textbridge.mappings..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "jakarta.servlet..",
                    "com.fasterxml.jackson.databind..");

    @ArchTest
    static final ArchRule crmAdaptersDoNotDependOnTheConnector = noClasses()
            .that().resideInAPackage("dev.textbridge.crm..")
            .should().dependOnClassesThat().resideInAPackage("dev.textbridge.connector..");

    @ArchTest
    static final ArchRule theCrmContractKnowsNoAdapter = noClasses()
            .that().resideInAPackage("dev.textbridge.crm.api..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.textbridge.crm.local..", "dev.textbridge.crm.salesforce..",
                    "org.springframework..");

    @ArchTest
    static final ArchRule routingIsPlainJava = noClasses()
            .that().resideInAPackage("dev.textbridge.connector.routing..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "reactor..", "tools.jackson..",
                    "java.sql..", "javax.sql..", "dev.textbridge.connector.webhook..", "dev.textbridge.connector.inbox..",
                    "dev.textbridge.connector.flow..", "dev.textbridge.connector.api..", "dev.textbridge.connector.config..");

    @ArchTest
    static final ArchRule routingDoesNotCallTheCrm = noClasses()
            .that().resideInAPackage("dev.textbridge.connector.routing..")
            .should().dependOnClassesThat().haveSimpleName("CrmAdapter");

    @ArchTest
    static final ArchRule onlyConfigurationAndTheLocalViewKnowTheLocalCrm = noClasses()
            .that().resideInAPackage("dev.textbridge.connector..")
            .and().resideOutsideOfPackages("dev.textbridge.connector.config..", "dev.textbridge.connector.localcrm..")
            .should().dependOnClassesThat().resideInAPackage("dev.textbridge.crm.local..");

    @ArchTest
    static final ArchRule webhooksDoNotReachIntoTheFlowOrTheCrm = noClasses()
            .that().resideInAPackage("dev.textbridge.connector.webhook..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.textbridge.connector.flow..", "dev.textbridge.crm..");
}
