package dev.textbridge.connector;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts the connector. */
@SpringBootApplication
public class TextbridgeApplication {

    public static void main(String[] args) {
        SpringApplication.run(TextbridgeApplication.class, args);
    }
}
