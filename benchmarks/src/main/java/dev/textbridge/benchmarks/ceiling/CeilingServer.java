package dev.textbridge.benchmarks.ceiling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The ceiling: a bare Spring Boot WebFlux application on Reactor Netty whose webhook path only answers 200 (with the
 * connector's empty TwiML), so the connector's acknowledgement figures can be given as a ratio of what this machine's
 * WebFlux stack answers at all. Started by benchmarks/run as its own process, with the connector's JVM defaults.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class CeilingServer {

    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CeilingServer.class);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.run(args);
    }

    @Bean
    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .POST("/webhooks/twilio/inbound", request -> ServerResponse.ok()
                        .contentType(MediaType.TEXT_XML).bodyValue(EMPTY_TWIML))
                .GET("/ready", request -> ServerResponse.ok().build())
                .build();
    }
}
