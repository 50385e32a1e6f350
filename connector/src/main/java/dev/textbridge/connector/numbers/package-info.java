/**
 * The business numbers and the seller (user or team) each is assigned to.
 */
package dev.textbridge.connector.numbers;
