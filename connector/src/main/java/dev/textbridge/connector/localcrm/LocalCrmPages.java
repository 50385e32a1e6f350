package dev.textbridge.connector.localcrm;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The local CRM's pages at {@code /}: record lists, a record page with the conversation panel, My text messages,
 * the notification bell, acting as a seeded seller and simulating a customer's text. Static files under
 * {@code local-crm-pages/}, only with {@code textbridge.crm.type=local}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "textbridge.crm.type", havingValue = "local", matchIfMissing = true)
public class LocalCrmPages {

    @Bean
    RouterFunction<ServerResponse> localCrmPageRoutes() {
        ClassPathResource page = new ClassPathResource("local-crm-pages/index.html");
        return route(GET("/"), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
                .and(RouterFunctions.resources("/local-crm/pages/**", new ClassPathResource("local-crm-pages/")));
    }
}
