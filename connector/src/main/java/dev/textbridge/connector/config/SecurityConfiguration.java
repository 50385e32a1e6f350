package dev.textbridge.connector.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import java.util.Base64;

/**
 * Webhooks are open to the network and protected by the providers' signatures; the seller API takes the seller's
 * bearer token; the admin API takes HTTP Basic as {@code admin}; health and metrics are open for probes and
 * scrapers; the conversation panel's page and the local CRM's pages are open (they hold no data of their own);
 * everything else is closed.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PanelProperties.class)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /**
     * The seller API: a bearer token the CRM side mints, HS256 with {@code textbridge.security.seller-token-secret},
     * {@code sub} the CRM user id, {@code exp} required.
     */
    @Bean
    @Order(1)
    SecurityWebFilterChain sellerApi(ServerHttpSecurity http, TextbridgeProperties properties, JsonMapper json) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/api/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(sellerTokenDecoder(properties.security().sellerTokenSecret())))
                        .authenticationEntryPoint((exchange, e) -> unauthorized(exchange, e, json)))
                .build();
    }

    private static ReactiveJwtDecoder sellerTokenDecoder(String secret) {
        byte[] key = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            // No usable secret: every token is refused (the configuration check says why).
            return token -> Mono.error(new BadJwtException("seller tokens cannot be checked: textbridge.security.seller-token-secret is missing or shorter than 32 bytes"));
        }
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withSecretKey(new SecretKeySpec(key, "HmacSHA256")).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefault(),
                new JwtClaimValidator<Instant>("exp", Objects::nonNull),
                new JwtClaimValidator<String>("sub", sub -> sub != null && !sub.isBlank())));
        return decoder;
    }

    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException e, JsonMapper json) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.UNAUTHORIZED);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set("WWW-Authenticate", "Bearer");
        String detail = e.getMessage() == null ? "a valid seller token is required" : e.getMessage();
        byte[] body = json.writeValueAsBytes(java.util.Map.of("type", "about:blank", "title", "Unauthorized",
                "status", 401, "detail", detail, "instance", exchange.getRequest().getPath().value()));
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /**
     * The conversation panel's static page: open (it holds no data; everything it shows comes from the seller API
     * with the token handed to it), and the only part of the connector that may be framed, by
     * {@code textbridge.panel.frame-ancestors}; its scripts, styles and fonts come from the connector alone.
     */
    @Bean
    @Order(0)
    SecurityWebFilterChain panelPageSecurity(ServerHttpSecurity http, PanelProperties panel) {
        String ancestors = panel.frameAncestors();
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/panel", "/panel/**"))
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .headers(headers -> headers
                        // X-Frame-Options cannot name several origins; the CSP below says who may frame the panel.
                        .frameOptions(ServerHttpSecurity.HeaderSpec.FrameOptionsSpec::disable)
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors "
                                + (ancestors == null || ancestors.isBlank() ? "'self'" : ancestors.strip())))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER)))
                .build();
    }

    @Bean
    @Order(2)
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
        return http
                // Webhooks pass no security filter at all: the provider's signature is their authentication, checked
                // by the endpoint, and a permit-all chain cost a tenth of the event loop's time per callback.
                .securityMatcher(new NegatedServerWebExchangeMatcher(ServerWebExchangeMatchers.pathMatchers("/webhooks/**")))
                // Scripts post without browser sessions; nothing here relies on cookies.
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                // Stateless, so that no request creates a web session it never uses: the default repository and
                // request cache made one per webhook callback (a SecureRandom id, on the blocking pool).
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .httpBasic(basic -> {
                })
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus").permitAll()
                        .pathMatchers("/local-crm/**").permitAll()
                        // The local CRM's pages (only routed when textbridge.crm.type=local).
                        .pathMatchers(HttpMethod.GET, "/").permitAll()
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
