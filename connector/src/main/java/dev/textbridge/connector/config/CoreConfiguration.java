package dev.textbridge.connector.config;

import dev.textbridge.connector.numbers.BusinessNumber;
import dev.textbridge.connector.numbers.BusinessNumbers;
import dev.textbridge.connector.routing.Seller;
import dev.textbridge.mappings.model.PhoneNumber;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TextbridgeProperties.class)
class CoreConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Numbers that do not parse are left out here and reported by the configuration check. */
    @Bean
    BusinessNumbers businessNumbers(TextbridgeProperties properties) {
        List<BusinessNumber> numbers = new ArrayList<>();
        for (TextbridgeProperties.NumberAssignment assignment : properties.numbers()) {
            Optional<PhoneNumber> number = PhoneNumber.tryParse(assignment.number(), properties.phone().defaultRegion());
            if (number.isEmpty()) {
                continue;
            }
            Seller seller = hasText(assignment.seller()) ? Seller.user(assignment.seller().strip())
                    : hasText(assignment.team()) ? Seller.team(assignment.team().strip()) : null;
            numbers.add(new BusinessNumber(number.get(), assignment.provider(), seller));
        }
        return new BusinessNumbers(numbers);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
