/**
 * The Textbridge connector: a Spring Boot WebFlux service between SMS providers and a CRM.
 */
package dev.textbridge.connector;
