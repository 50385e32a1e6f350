package dev.textbridge.connector.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Webhooks are open to the network and protected by the providers' signatures; the admin API takes HTTP Basic as
 * {@code admin}; health and metrics are open for probes and scrapers; everything else is closed.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                // Providers and scripts post without browser sessions; nothing here relies on cookies.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .httpBasic(basic -> {
                })
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/webhooks/**").permitAll()
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .pathMatchers("/local-crm/**").permitAll()
                        .pathMatchers("/admin/**").hasRole("ADMIN")
                        .anyExchange().denyAll())
                .build();
    }

    @Bean
    MapReactiveUserDetailsService adminUser(TextbridgeProperties properties) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String password = properties.admin().password();
        if (password == null || password.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("""

                    Generated admin password for the admin API (user 'admin'): {}
                    It changes at every start; set textbridge.admin.password to choose one.
                    """, password);
        }
        return new MapReactiveUserDetailsService(
                User.withUsername("admin").password(encoder.encode(password)).roles("ADMIN").build());
    }
}
