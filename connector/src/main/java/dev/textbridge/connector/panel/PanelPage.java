package dev.textbridge.connector.panel;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.net.URI;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

/**
 * The conversation panel at {@code /panel/}: a static page (HTML, ES modules, CSS and the message bundles under
 * {@code static/panel/}) that works only through the seller API with the token the CRM side hands it.
 */
@Configuration(proxyBeanMethods = false)
public class PanelPage {

    private static final ClassPathResource PAGE = new ClassPathResource("static/panel/index.html");

    @Bean
    RouterFunction<ServerResponse> panelRoutes() {
        return route(GET("/panel/"), request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(PAGE))
                // Relative module and style URLs resolve against /panel/, so /panel gets the slash.
                .andRoute(GET("/panel"), request -> ServerResponse.permanentRedirect(URI.create("/panel/"
                        + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()))).build());
    }
}
