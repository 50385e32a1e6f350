package dev.textbridge.connector.numbers;

import dev.textbridge.connector.routing.Seller;
import dev.textbridge.mappings.model.PhoneNumber;

/**
 * A number customers text, the provider that serves it, and the seller (a user or a team) it is assigned to.
 *
 * @param seller null when the number is assigned to nobody
 */
public record BusinessNumber(PhoneNumber number, String provider, Seller seller) {
}
