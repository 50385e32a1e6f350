package dev.textbridge.crm.salesforce;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** salesforce-wsc's types and its Jackson 2 stay inside the module: the public surface shows neither. */
class PublicSurfaceTest {

    @Test
    void thePublicTypesExposeNoSalesforceWscOrJackson2Type() {
        List<String> signatures = new ArrayList<>();
        for (Class<?> type : List.of(SalesforceCrm.class, SalesforceSettings.class, SalesforceCrm.ApiUsage.class,
                SalesforceSettings.Auth.class, OrgCheck.class, OrgFinding.class, OrgFinding.Severity.class)) {
            for (Method method : type.getMethods()) {
                if (Modifier.isPublic(method.getModifiers())) {
                    signatures.add(method.toGenericString());
                }
            }
            Arrays.stream(type.getConstructors()).forEach(constructor -> signatures.add(constructor.toGenericString()));
        }

        assertThat(signatures).isNotEmpty().noneMatch(signature -> signature.contains("com.sforce")
                || signature.contains("com.fasterxml") || signature.contains(".internal."));
    }
}
